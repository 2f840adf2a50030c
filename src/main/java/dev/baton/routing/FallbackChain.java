package dev.baton.routing;

import dev.baton.config.Deployment;
import dev.baton.config.RouterSettings;
import dev.baton.routing.FallbackEngine.Candidate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The deployments one request may go to, in the order they are tried: its group's, ranked, then those of its
 * `fallbacks` groups, followed as LiteLLM follows them: depth first (a fallback group's own fallbacks come right
 * after it), at most `max_fallbacks` deep, each group once, only groups the caller may use.
 */
final class FallbackChain {
    private final GroupResolver groups;
    private final RouterSettings router;
    private final Ranker ranker;

    FallbackChain(GroupResolver groups, RouterSettings router, Ranker ranker) {
        this.groups = groups;
        this.router = router;
        this.ranker = ranker;
    }

    /** A chain under construction: its candidates, and the groups and deployments already in it. */
    static final class Plan {
        final List<Candidate> candidates = new ArrayList<>();
        private final Set<String> groupsIn = new LinkedHashSet<>();
        private final Set<String> deploymentsIn = new LinkedHashSet<>();
        final GroupResolver.Resolution resolution;
        final String fingerprint;
        final Predicate<String> mayUse;

        Plan(GroupResolver.Resolution resolution, String fingerprint, Predicate<String> mayUse) {
            this.resolution = resolution;
            this.fingerprint = fingerprint;
            this.mayUse = mayUse;
        }
    }

    Plan build(GroupResolver.Resolution r, boolean useFallbacks, Predicate<String> mayUse, String fingerprint) {
        Plan plan = new Plan(r, fingerprint, mayUse);
        addGroup(plan, r.group());
        if (useFallbacks) follow(plan, router.fallbacks(), r.group().name(), 0);
        return plan;
    }

    /**
     * After a failure that has fallbacks of its own kind (prompt too long: `context_window_fallbacks`; refused on
     * content policy: `content_policy_fallbacks`), those groups join the end of the chain with their own fallbacks.
     */
    void extend(Plan plan, Map<String, List<String>> table, ModelGroup failedGroup) {
        for (String name : table.getOrDefault(failedGroup.name(), List.of())) {
            if (plan.groupsIn.contains(name) || !plan.mayUse.test(name)) continue;
            groups.group(name).ifPresent(g -> {
                addGroup(plan, g);
                follow(plan, router.fallbacks(), name, 1);
            });
        }
    }

    private void follow(Plan plan, Map<String, List<String>> table, String from, int depth) {
        if (depth >= router.maxFallbacks()) return;
        for (String name : table.getOrDefault(from, List.of())) {
            if (plan.groupsIn.contains(name) || !plan.mayUse.test(name)) continue;
            ModelGroup g = groups.group(name).orElse(null);
            if (g == null) continue;
            addGroup(plan, g);
            follow(plan, table, name, depth + 1);
        }
    }

    private void addGroup(Plan plan, ModelGroup g) {
        plan.groupsIn.add(g.name());
        for (Deployment d : ranker.rank(g, null, plan.fingerprint)) {
            if (plan.deploymentsIn.add(d.id())) plan.candidates.add(new Candidate(g, d, plan.resolution.upstreamModel(d)));
        }
    }
}
