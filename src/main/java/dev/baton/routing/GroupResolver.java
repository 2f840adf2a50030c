package dev.baton.routing;

import dev.baton.config.Deployment;
import dev.baton.config.RouterSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Requested model → model group: an alias (`router_settings.model_group_alias`) stands for its group; then the exact
 * `model_name`, then wildcard names (`anthropic/*`, then `*` last), then
 * the Claude family of the id (a group whose name or deployments name that family), then for any other Claude id
 * the first group not named for another family (else the first group), so that a Claude model id never 404s.
 */
public final class GroupResolver {
    private final Map<String, ModelGroup> groups;
    private final List<ModelGroup> wildcards;
    /** What each requested name resolved to: the same answer every time, and the family patterns are regexes. */
    private final Map<String, Optional<Resolution>> resolved = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED = 1024;

    private final Map<String, RouterSettings.GroupAlias> aliases;

    public GroupResolver(List<Deployment> modelList) {
        this(modelList, Map.of());
    }

    /** @param aliases `model_group_alias`: a name callers may use → the group it stands for */
    public GroupResolver(List<Deployment> modelList, Map<String, RouterSettings.GroupAlias> aliases) {
        this.aliases = aliases;
        Map<String, List<Deployment>> byName = new LinkedHashMap<>();
        for (Deployment d : modelList) byName.computeIfAbsent(d.modelName(), k -> new ArrayList<>()).add(d);
        Map<String, ModelGroup> g = new LinkedHashMap<>();
        byName.forEach((name, ds) -> g.put(name, new ModelGroup(name, ds)));
        groups = g;
        List<ModelGroup> w = new ArrayList<>();
        for (ModelGroup group : g.values()) if (group.isWildcard()) w.add(group);
        // the most specific pattern first: `anthropic/*` before `*`
        w.sort((a, b) -> Integer.compare(b.name().length(), a.name().length()));
        wildcards = List.copyOf(w);
    }

    /**
     * How a requested id was matched, and the upstream model each deployment should be asked for.
     *
     * @param byDefault the group was chosen only because some group must serve any Claude id, not because its name,
     *                  pattern or family matched: a key allowed that group is not thereby allowed the requested model
     */
    public record Resolution(ModelGroup group, String requested, String wildcardPart, boolean byDefault) {
        public Resolution(ModelGroup group, String requested, String wildcardPart) {
            this(group, requested, wildcardPart, false);
        }

        /** The names a key's model allow-list is checked against: the requested id, and the group it matched. */
        public java.util.List<String> allowListNames() {
            return byDefault ? java.util.List.of(requested) : java.util.List.of(requested, group.name());
        }

        /**
         * The deployment's model, or the caller's id where the deployment's model is (or ends in) `*`; a caller
         * that named the group itself gets the deployment's `default_model`.
         */
        public String upstreamModel(Deployment d) {
            String model = d.model();
            if (!model.contains("*")) return model;
            if (requested.equals(group.name()) && d.param("default_model") != null) return d.param("default_model");
            String part = wildcardPart != null ? wildcardPart : stripProvider(requested);
            return model.replace("*", part);
        }

        private static String stripProvider(String id) {
            return id.startsWith("anthropic/") ? id.substring("anthropic/".length()) : id;
        }
    }

    public Optional<Resolution> resolve(String requested) {
        Optional<Resolution> r = resolved.get(requested);
        if (r == null) {
            r = match(requested);
            if (resolved.size() < MAX_REMEMBERED) resolved.put(requested, r); // bounded: callers choose the names
        }
        return r;
    }

    private Optional<Resolution> match(String requested) {
        RouterSettings.GroupAlias alias = aliases.get(requested);
        if (alias != null && !groups.containsKey(requested)) {
            return match(alias.group()).map(t -> new Resolution(t.group(), requested, t.wildcardPart(), t.byDefault()));
        }
        ModelGroup exact = groups.get(requested);
        if (exact != null && !exact.isWildcard()) return Optional.of(new Resolution(exact, requested, null));
        for (ModelGroup w : wildcards) {
            if (!w.name().equals("*") && w.matchesWildcard(requested)) {
                return Optional.of(new Resolution(w, requested, w.wildcardPart(requested)));
            }
        }
        Optional<ClaudeFamily> family = ClaudeFamily.of(requested);
        if (family.isPresent()) {
            for (ModelGroup g : groups.values()) {
                if (!g.isWildcard() && servesFamily(g, family.get())) return Optional.of(new Resolution(g, requested, null));
            }
        }
        ModelGroup any = groups.get("*");
        if (any != null) return Optional.of(new Resolution(any, requested, requested));
        if (ClaudeFamily.isClaude(requested)) {
            // prefer a group that is not named for another family: an opus request should not land on `claude-haiku`
            ModelGroup firstAny = null;
            for (ModelGroup g : groups.values()) {
                if (g.isWildcard()) continue;
                if (ClaudeFamily.of(g.name()).isEmpty()) return Optional.of(new Resolution(g, requested, null, true));
                if (firstAny == null) firstAny = g;
            }
            if (firstAny != null) return Optional.of(new Resolution(firstAny, requested, null, true));
        }
        return Optional.empty();
    }

    public Optional<ModelGroup> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    public List<ModelGroup> groups() {
        return List.copyOf(groups.values());
    }

    /** The aliases callers may see in the model list (not those marked `hidden`). */
    public List<String> visibleAliases() {
        List<String> out = new ArrayList<>();
        aliases.forEach((name, a) -> {
            if (!a.hidden() && !groups.containsKey(name) && groups.containsKey(a.group())) out.add(name);
        });
        return out;
    }

    /** The group an alias stands for, if the name is one. */
    public Optional<String> aliasTarget(String name) {
        RouterSettings.GroupAlias a = aliases.get(name);
        return a == null ? Optional.empty() : Optional.of(a.group());
    }

    private static boolean servesFamily(ModelGroup g, ClaudeFamily family) {
        if (ClaudeFamily.of(g.name()).filter(family::equals).isPresent()) return true;
        if (ClaudeFamily.of(g.name()).isPresent()) return false; // named for another family
        for (Deployment d : g.deployments()) {
            if (ClaudeFamily.of(d.model()).filter(family::equals).isPresent()) return true;
        }
        return false;
    }
}
