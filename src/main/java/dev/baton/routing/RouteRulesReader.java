package dev.baton.routing;

import dev.baton.config.ConfigException;
import dev.baton.config.Deployment;
import dev.baton.config.SectionReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads `baton.routes` and checks it against model_list: every rule names a group that exists and names its models
 * (a deployment whose model is `*` would be asked for whatever the caller named, which defeats the rule), and `auto`
 * hides no group or alias of that name. Errors name the key, e.g. `baton.routes.thinking: no model group 'reasoning'`.
 */
public final class RouteRulesReader {
    static final int DEFAULT_LONG_CONTEXT_TOKENS = 60_000; // claude-code-router's longContextThreshold default
    static final int DEFAULT_AUTO_TOKENS = 8_000;
    /** claude-code-router's `Router` keys, for users who bring them along. */
    private static final Map<String, String> ROUTER_NAMES = Map.of("longContext", "long_context", "webSearch", "web_search",
            "think", "thinking", "longContextThreshold", "long_context.threshold_tokens", "default",
            "not needed: a request no rule matches goes to the model it names");

    private final GroupResolver groups;

    private RouteRulesReader(GroupResolver groups) {
        this.groups = groups;
    }

    /** The rules of `baton.routes`; none when the key is absent. Throws {@link ConfigException} naming the key at fault. */
    public static RouteRules read(Map<String, Object> batonSections, GroupResolver groups) {
        return new RouteRulesReader(groups).read(SectionReader.of(batonSections, "routes"));
    }

    private RouteRules read(SectionReader routes) {
        List<String> known = new ArrayList<>();
        for (RouteRules.Rule rule : RouteRules.Rule.values()) known.add(rule.key());
        rejectUnknown(routes, known, ROUTER_NAMES);
        List<RouteRules.Target> targets = new ArrayList<>();
        for (RouteRules.Rule rule : RouteRules.Rule.values()) {
            if (rule != RouteRules.Rule.AUTO && routes.has(rule.key())) targets.add(target(routes, rule));
        }
        return new RouteRules(groups, targets, routes.has("auto") ? auto(routes) : null);
    }

    /** `thinking: reasoning`, or `{group: reasoning}`; `long_context` takes `threshold_tokens` too. */
    private RouteRules.Target target(SectionReader routes, RouteRules.Rule rule) {
        String key = rule.key();
        boolean sized = rule == RouteRules.Rule.LONG_CONTEXT;
        int threshold = sized ? DEFAULT_LONG_CONTEXT_TOKENS : 0;
        if (!routes.isMapping(key)) return new RouteRules.Target(rule, group(routes, key), threshold);
        SectionReader r = routes.section(key);
        rejectUnknown(r, sized ? List.of("group", "threshold_tokens") : List.of("group"), Map.of());
        if (sized) threshold = tokens(r, "threshold_tokens", threshold);
        return new RouteRules.Target(rule, group(r, "group"), threshold);
    }

    /** `auto: {small: mini, large: standard, threshold_tokens: 8000}`. */
    private RouteRules.Auto auto(SectionReader routes) {
        SectionReader r = routes.section("auto");
        rejectUnknown(r, List.of("small", "large", "threshold_tokens"), Map.of());
        if (groups.group(RouteRules.AUTO).isPresent()) {
            throw routes.error("auto", "model_list has a group named 'auto', which the virtual model would hide; rename one of them");
        }
        if (groups.aliasTarget(RouteRules.AUTO).isPresent()) {
            throw routes.error("auto", "model_group_alias defines 'auto', which the virtual model would hide; rename one of them");
        }
        return new RouteRules.Auto(group(r, "small"), group(r, "large"), tokens(r, "threshold_tokens", DEFAULT_AUTO_TOKENS));
    }

    private String group(SectionReader r, String key) {
        if (!r.has(key)) throw r.error(key, "missing: name a model group of model_list");
        String name = r.string(key, null);
        ModelGroup g = groups.group(name).orElseThrow(() -> r.error(key, "no model group '" + name + "' in model_list"
                + groups.aliasTarget(name).map(t -> " ('" + name + "' is an alias of '" + t + "': name the group)").orElse("")
                + "; groups: " + groups.groups().stream().map(ModelGroup::name).toList()));
        for (Deployment d : g.deployments()) {
            if (d.model().contains("*")) {
                throw r.error(key, "group '" + name + "' has a deployment whose model is '" + d.provider() + "/" + d.model()
                        + "', which would be asked for the model the caller named; a rule's group must name its models");
            }
        }
        return name;
    }

    private static int tokens(SectionReader r, String key, int fallback) {
        double v = r.positive(key, fallback);
        if (v != Math.rint(v) || v > Integer.MAX_VALUE) throw r.error(key, "a whole number of tokens", v);
        return (int) v;
    }

    /** An unknown key is an error, as elsewhere in `baton:`: a misspelt rule would otherwise never fire. */
    private static void rejectUnknown(SectionReader r, List<String> known, Map<String, String> hints) {
        for (String key : r.keys()) {
            if (known.contains(key)) continue;
            String hint = hints.containsKey(key) ? " (claude-code-router's " + key + " is " + hints.get(key) + ")" : "";
            throw r.error(key, "not a known key" + hint + "; known: " + String.join(", ", known) + " (see docs/routing.md)");
        }
    }
}
