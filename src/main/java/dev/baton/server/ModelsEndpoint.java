package dev.baton.server;

import dev.baton.dialect.Json;
import dev.baton.routing.ModelGroup;
import dev.baton.store.VirtualKey;
import dev.baton.usage.Limits;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * `GET /v1/models`: the model groups (and the virtual model `auto` when configured), in Anthropic's list shape for callers that send `anthropic-version`, else in
 * OpenAI's.
 */
final class ModelsEndpoint {
    private static final JsonMapper JSON = Json.MAPPER;
    private final Gateway gateway;
    private final String created = Instant.now().toString();

    ModelsEndpoint(Gateway gateway) {
        this.gateway = gateway;
    }

    /** @param key the caller's virtual key, or null: only the groups it may use are listed */
    byte[] render(boolean anthropic, VirtualKey key) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode data = JSON.createArrayNode();
        java.util.List<String> names = new java.util.ArrayList<>();
        for (ModelGroup g : gateway.groups().groups()) if (Limits.mayUse(key, g.name())) names.add(g.name());
        for (String alias : gateway.groups().visibleAliases()) { // `model_group_alias` names, unless hidden
            if (Limits.mayUse(key, alias) || Limits.mayUse(key, gateway.groups().aliasTarget(alias).orElseThrow())) names.add(alias);
        }
        names.addAll(gateway.rules().virtualModels(name -> Limits.mayUse(key, name))); // `auto`, when baton.routes has it
        for (String name : names) {
            ObjectNode m = data.addObject();
            m.put("id", name);
            if (anthropic) {
                m.put("type", "model").put("display_name", name).put("created_at", created);
            } else {
                m.put("object", "model").put("created", Instant.parse(created).getEpochSecond()).put("owned_by", "baton");
            }
        }
        if (anthropic) {
            root.set("data", data);
            root.put("has_more", false);
            root.put("first_id", data.isEmpty() ? null : data.get(0).get("id").asString());
            root.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id").asString());
        } else {
            root.put("object", "list");
            root.set("data", data);
        }
        return JSON.writeValueAsBytes(root);
    }
}
