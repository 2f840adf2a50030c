package dev.baton.server;

import dev.baton.dialect.Json;
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
import tools.jackson.core.JacksonException;
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

    byte[] generate(byte[] rawBody) {
        JsonNode body = parse(rawBody);
        KeySpec spec;
        try {
            spec = new KeySpec(text(body, "key_alias"), models(body), number(body, "max_budget"), text(body, "budget_duration"),
                    integer(body, "rpm_limit"), integer(body, "tpm_limit"),
                    text(body, "duration") == null ? null : Periods.require(text(body, "duration"), "duration"), text(body, "key"));
        } catch (IllegalArgumentException e) {
            throw new HttpErrors.BadRequest(400, e.getMessage());
        }
        IssuedKey issued;
        try {
            issued = keys.create(spec);
        } catch (IllegalArgumentException e) {
            throw new HttpErrors.BadRequest(400, e.getMessage());
        }
        ObjectNode out = describe(issued.stored());
        out.put("key", issued.key()); // shown this once; only its hash is kept
        return Json.MAPPER.writeValueAsBytes(out);
    }

    byte[] info(String keyParam, Caller caller) {
        VirtualKey k;
        if (keyParam == null || keyParam.isBlank()) {
            if (caller.key() == null) throw new HttpErrors.BadRequest(400, "key: query parameter required (the key, its token or its alias)");
            k = caller.key();
        } else {
            k = keys.find(keyParam).orElseThrow(() -> new HttpErrors.BadRequest(404, "no such key"));
            if (!caller.admin() && (caller.key() == null || !caller.key().keyHash().equals(k.keyHash()))) {
                throw new HttpErrors.BadRequest(403, "only the master key may read another key's info");
            }
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("key", k.keyHash());
        out.set("info", describe(k));
        return Json.MAPPER.writeValueAsBytes(out);
    }

    byte[] delete(byte[] rawBody) {
        JsonNode body = parse(rawBody);
        List<VirtualKey> found = new ArrayList<>();
        for (JsonNode k : body.path("keys")) keys.find(k.asString()).ifPresent(found::add);
        for (JsonNode a : body.path("key_aliases")) keys.find(a.asString()).ifPresent(found::add);
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

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) return Json.MAPPER.createObjectNode();
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (!n.isObject()) throw new HttpErrors.BadRequest(400, "request body must be a JSON object");
            return n;
        } catch (JacksonException e) {
            throw new HttpErrors.BadRequest(400, "request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static Double number(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) throw new IllegalArgumentException(field + ": must be a number");
        return v.asDouble();
    }

    private static Integer integer(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber()) throw new IllegalArgumentException(field + ": must be an integer");
        return v.asInt();
    }

    private static List<String> models(JsonNode body) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : body.path("models")) {
            String name = m.asString();
            if (!name.equals("all-proxy-models")) out.add(name); // LiteLLM's spelling of "every model"
        }
        return out;
    }

    static Optional<String> query(String query, String name) {
        if (query == null) return Optional.empty();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(name)) return Optional.of(eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return Optional.empty();
    }

}
