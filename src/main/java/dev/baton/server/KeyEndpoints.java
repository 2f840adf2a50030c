package dev.baton.server;

import dev.baton.dialect.Json;
import dev.baton.dialect.RequestValues;
import dev.baton.keys.IssuedKey;
import dev.baton.keys.KeySpec;
import dev.baton.keys.VirtualKeys;
import dev.baton.store.VirtualKey;
import dev.baton.usage.Limits;
import dev.baton.usage.Periods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * LiteLLM's key management routes, with its field names, so its scripts and UIs work: `POST /key/generate`,
 * `GET /key/info?key=`, `POST /key/delete`, `GET /key/list`. All need the master key, except that a virtual key may
 * read its own `/key/info`.
 */
final class KeyEndpoints {
    private final VirtualKeys keys;
    private final Limits limits;

    KeyEndpoints(VirtualKeys keys, Limits limits) {
        this.keys = keys;
        this.limits = limits;
    }

    /** Every field LiteLLM's route takes and Baton keeps is checked for its type and range; others are ignored, as LiteLLM's extras. */
    byte[] generate(byte[] rawBody) {
        JsonNode body = HttpErrors.jsonObject(rawBody);
        KeySpec spec;
        try {
            String duration = RequestValues.string(body.get("duration"), "duration");
            spec = new KeySpec(RequestValues.string(body.get("key_alias"), "key_alias"), names(body.get("models"), "models"),
                    RequestValues.number(body.get("max_budget"), "max_budget", 0, Double.MAX_VALUE),
                    RequestValues.string(body.get("budget_duration"), "budget_duration"),
                    RequestValues.integer(body.get("rpm_limit"), "rpm_limit", 0), RequestValues.integer(body.get("tpm_limit"), "tpm_limit", 0),
                    duration == null ? null : Periods.require(duration, "duration"), RequestValues.string(body.get("key"), "key"));
            IssuedKey issued = keys.create(spec);
            ObjectNode out = describe(issued.stored());
            out.put("key", issued.key()); // shown this once; only its hash is kept
            return Json.MAPPER.writeValueAsBytes(out);
        } catch (IllegalArgumentException e) {
            throw new HttpErrors.BadRequest(400, e.getMessage());
        }
    }

    /**
     * A virtual key may read its own info only, and learns nothing about other keys: whether the one it names exists
     * or not, the answer is the same 403, so aliases cannot be enumerated with it.
     */
    byte[] info(String keyParam, Caller caller) {
        VirtualKey k;
        if (keyParam == null || keyParam.isBlank()) {
            if (caller.key() == null) throw new HttpErrors.BadRequest(400, "key: query parameter required (the key, its token or its alias)");
            k = caller.key();
        } else if (caller.admin()) {
            k = keys.find(keyParam).orElseThrow(() -> new HttpErrors.BadRequest(404, "no such key"));
        } else if (caller.key() != null && names(caller.key(), keyParam)) {
            k = caller.key();
        } else {
            throw new HttpErrors.BadRequest(403, "only the master key may read another key's info");
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("key", k.keyHash());
        out.set("info", describe(k));
        return Json.MAPPER.writeValueAsBytes(out);
    }

    /** Whether {@code given} is this key, its token or its alias. */
    private static boolean names(VirtualKey own, String given) {
        return given.equals(own.keyHash()) || given.equals(own.alias()) || given.startsWith("sk-") && VirtualKeys.hash(given).equals(own.keyHash());
    }

    byte[] delete(byte[] rawBody) {
        JsonNode body = HttpErrors.jsonObject(rawBody);
        List<String> named = new ArrayList<>(names(body.get("keys"), "keys"));
        named.addAll(names(body.get("key_aliases"), "key_aliases"));
        if (named.isEmpty()) throw new HttpErrors.BadRequest(400, "keys or key_aliases: name at least one key to delete");
        List<VirtualKey> found = new ArrayList<>();
        for (String k : named) keys.find(k).ifPresent(found::add);
        if (found.isEmpty()) throw new HttpErrors.BadRequest(404, "none of the keys or key_aliases given exists");
        ArrayNode deleted = Json.MAPPER.createArrayNode();
        for (VirtualKey k : found) {
            keys.revoke(k);
            deleted.add(k.keyHash());
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("deleted_keys", deleted);
        return Json.MAPPER.writeValueAsBytes(out);
    }

    byte[] list() {
        ArrayNode all = Json.MAPPER.createArrayNode();
        for (VirtualKey k : keys.list()) all.add(describe(k));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("keys", all);
        out.put("total_count", all.size());
        return Json.MAPPER.writeValueAsBytes(out);
    }

    /** LiteLLM's key fields; `token` is the SHA-256 Baton stores. */
    private ObjectNode describe(VirtualKey k) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("token", k.keyHash());
        o.put("key_name", k.keyName());
        o.put("key_alias", k.alias());
        ArrayNode models = o.putArray("models");
        k.models().forEach(models::add);
        o.put("spend", Math.round(limits.currentSpend(k) * 1e6) / 1e6);
        if (k.maxBudget() == null) o.putNull("max_budget");
        else o.put("max_budget", k.maxBudget());
        o.put("budget_duration", k.budgetDuration());
        Long reset = limits.periodEnd(k);
        o.put("budget_reset_at", reset == null ? null : Instant.ofEpochMilli(reset).toString());
        if (k.rpmLimit() == null) o.putNull("rpm_limit");
        else o.put("rpm_limit", k.rpmLimit());
        if (k.tpmLimit() == null) o.putNull("tpm_limit");
        else o.put("tpm_limit", k.tpmLimit());
        o.put("expires", k.expiresAt() == null ? null : k.expiresAt().toString());
        o.put("created_at", k.createdAt().toString());
        o.put("blocked", k.revokedAt() != null);
        o.put("revoked_at", k.revokedAt() == null ? null : k.revokedAt().toString());
        return o;
    }


    /** An array of non-empty strings (model names, keys, aliases), or an empty list when absent. */
    private static List<String> names(JsonNode v, String field) {
        List<String> out = new ArrayList<>();
        if (RequestValues.array(v, field) == null) return out;
        for (JsonNode n : v) {
            if (!n.isString() || n.stringValue().isBlank()) throw new HttpErrors.BadRequest(400, field + ": must be an array of non-empty strings");
            if (!n.stringValue().equals("all-proxy-models")) out.add(n.stringValue()); // LiteLLM's spelling of "every model"
        }
        return out;
    }

    static Optional<String> query(String query, String name) {
        if (query == null) return Optional.empty();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(name)) return Optional.of(eq < 0 ? "" : decode(name, pair.substring(eq + 1)));
        }
        return Optional.empty();
    }

    private static String decode(String name, String value) {
        try {
            return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpErrors.BadRequest(400, name + ": malformed percent-encoding in the query");
        }
    }
}
