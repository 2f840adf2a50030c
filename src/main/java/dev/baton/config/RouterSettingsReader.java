package dev.baton.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads `router_settings`. LiteLLM also accepts `num_retries` and the fallbacks under `litellm_settings`;
 * `router_settings` wins when both are given.
 */
final class RouterSettingsReader {
    static final Set<String> KNOWN = Set.of("fallbacks", "context_window_fallbacks", "content_policy_fallbacks", "max_fallbacks",
            "model_group_alias", "num_retries", "cooldown_time", "allowed_fails", "routing_strategy", "redis_host", "redis_port",
            "redis_password");

    private final NodeReader in;
    private final Set<String> groups;
    private final Map<String, String> env;

    /** @param groups the model_name values of model_list, to check what the fallbacks name */
    RouterSettingsReader(NodeReader in, Set<String> groups, Map<String, String> env) {
        this.in = in;
        this.groups = groups;
        this.env = env;
    }

    RouterSettings read(Map<String, NodeReader.Entry> router, Map<String, NodeReader.Entry> litellm) {
        in.warnUnknown(router, KNOWN, "router_settings");
        RouterSettings d = RouterSettings.defaults();
        Integer numRetries = in.integer(either(router, litellm, "num_retries"), "num_retries");
        Duration cooldown = in.duration(NodeReader.get(router, "cooldown_time"), "router_settings.cooldown_time");
        Integer allowedFails = in.integer(NodeReader.get(router, "allowed_fails"), "router_settings.allowed_fails");
        String strategy = in.text(NodeReader.get(router, "routing_strategy"), "router_settings.routing_strategy");
        if (numRetries != null && numRetries < 0) throw in.error(either(router, litellm, "num_retries"), "num_retries must not be negative");
        if (allowedFails != null && allowedFails < 0) throw in.error(NodeReader.get(router, "allowed_fails"), "allowed_fails must not be negative");
        Integer maxFallbacks = in.integer(either(router, litellm, "max_fallbacks"), "max_fallbacks");
        if (maxFallbacks != null && maxFallbacks < 0) throw in.error(either(router, litellm, "max_fallbacks"), "max_fallbacks must not be negative");
        return new RouterSettings(
                fallbacks(either(router, litellm, "fallbacks"), "fallbacks"),
                fallbacks(either(router, litellm, "context_window_fallbacks"), "context_window_fallbacks"),
                fallbacks(either(router, litellm, "content_policy_fallbacks"), "content_policy_fallbacks"),
                maxFallbacks == null ? RouterSettings.DEFAULT_MAX_FALLBACKS : maxFallbacks,
                aliases(either(router, litellm, "model_group_alias")),
                numRetries == null ? d.numRetries() : numRetries,
                cooldown == null ? d.cooldownTime() : cooldown,
                allowedFails == null ? d.allowedFails() : allowedFails,
                strategy == null ? d.routingStrategy() : strategy,
                redis(router));
    }

    /** LiteLLM's `model_group_alias`: `{"claude-3-5-sonnet": "claude-sonnet"}` or `{"x": {"model": "g", "hidden": true}}`. */
    private Map<String, RouterSettings.GroupAlias> aliases(Node node) {
        if (NodeReader.isNull(node)) return Map.of();
        Map<String, RouterSettings.GroupAlias> out = new LinkedHashMap<>();
        in.mapping(node, "model_group_alias").forEach((alias, e) -> {
            String group;
            boolean hidden = false;
            if (e.value() instanceof MappingNode m) {
                Map<String, NodeReader.Entry> fields = in.mapping(m, "model_group_alias." + alias);
                group = in.text(NodeReader.get(fields, "model"), "model_group_alias." + alias + ".model");
                Boolean h = in.bool(NodeReader.get(fields, "hidden"), "model_group_alias." + alias + ".hidden");
                hidden = Boolean.TRUE.equals(h);
                if (group == null) throw in.error(e.value(), "model_group_alias." + alias + ": model: field required (the group it stands for)");
            } else {
                group = in.text(e.value(), "model_group_alias." + alias);
            }
            checkGroup(e.value(), group, "model_group_alias");
            out.put(alias, new RouterSettings.GroupAlias(group, hidden));
        });
        return Collections.unmodifiableMap(out);
    }

    private RedisSettings redis(Map<String, NodeReader.Entry> router) {
        String host = in.text(NodeReader.get(router, "redis_host"), "router_settings.redis_host");
        Integer port = in.integer(NodeReader.get(router, "redis_port"), "router_settings.redis_port");
        Secret password = in.secret(NodeReader.get(router, "redis_password"), "router_settings.redis_password");
        return RedisSettings.of(host, port, password, env);
    }

    private static Node either(Map<String, NodeReader.Entry> first, Map<String, NodeReader.Entry> second, String key) {
        Node n = NodeReader.get(first, key);
        return NodeReader.isNull(n) ? NodeReader.get(second, key) : n;
    }

    /**
     * LiteLLM's `[{"a": ["b", "c"]}, {"d": ["e"]}]`, order preserved. A plain mapping `{a: [b, c]}` and a single
     * group instead of a list are accepted too, since they can only mean the same thing.
     */
    private Map<String, List<String>> fallbacks(Node node, String what) {
        if (NodeReader.isNull(node)) return Map.of();
        List<Node> items = node instanceof MappingNode ? List.of(node) : sequenceOrFail(node, what);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Node item : items) {
            if (!(item instanceof MappingNode)) throw malformed(item, what);
            in.mapping(item, what).forEach((from, e) -> {
                checkGroup(e.key(), from, what);
                List<String> targets = new ArrayList<>(out.getOrDefault(from, List.of()));
                if (out.containsKey(from)) in.warn(e.key(), what + ": '" + from + "' is listed twice; its groups are appended");
                for (Node t : e.value() instanceof ScalarNode ? List.of(e.value()) : sequenceOrFail(e.value(), what)) {
                    if (!(t instanceof ScalarNode)) throw malformed(t, what);
                    String target = in.text(t, what + " of '" + from + "'");
                    checkGroup(t, target, what);
                    targets.add(target);
                }
                out.put(from, List.copyOf(targets));
            });
        }
        return Collections.unmodifiableMap(out);
    }

    private List<Node> sequenceOrFail(Node node, String what) {
        try {
            return in.sequence(node, what);
        } catch (ConfigException e) {
            throw malformed(node, what);
        }
    }

    private ConfigException malformed(Node node, String what) {
        return in.error(node, what + " must be a list of one-key maps, like [{\"claude-sonnet\": [\"gpt-4o\", \"gemini\"]}]");
    }

    private void checkGroup(Node node, String group, String what) {
        if (!groups.contains(group)) in.warn(node, what + ": '" + group + "' is not a model_name in model_list");
    }
}
