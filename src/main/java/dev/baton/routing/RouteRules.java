package dev.baton.routing;

import dev.baton.dialect.CallerBody;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * `baton.routes`, opt-in rules for Claude Code's traffic: requests over a size to a long-context group, requests with
 * a web search tool to a search-capable group, thinking requests to a reasoning group, Claude Code's haiku-family
 * background calls to a cheap group, and the virtual model `auto`, which picks a small or a large group by the
 * request's size and tools. The first rule that matches wins, in that order: what the request needs (room, search,
 * reasoning) before where it would be cheaper. A rule whose group the caller's key may not use is passed over as if
 * it were not configured.
 */
public final class RouteRules {
    private static final Logger LOG = LoggerFactory.getLogger(RouteRules.class);
    /** The name callers send as `model` for the virtual model. */
    public static final String AUTO = "auto";

    /** The rules, in the order they are tried. */
    public enum Rule {
        LONG_CONTEXT, WEB_SEARCH, THINKING, BACKGROUND, AUTO;

        /** Its key under `baton.routes`, and what `x-baton-route` says when it chose the group. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A rule that sends the requests it matches to a group.
     *
     * @param thresholdTokens for `long_context`: the estimated input tokens above which it matches; else unused
     */
    public record Target(Rule rule, String group, int thresholdTokens) {
    }

    /** The virtual model `auto`: {@code small} up to {@code thresholdTokens} estimated input tokens and without tools, else {@code large}. */
    public record Auto(String small, String large, int thresholdTokens) {
    }

    /**
     * The group a request goes to.
     *
     * @param rule the rule that chose it, or null when the requested model's own group serves
     */
    public record Routed(GroupResolver.Resolution resolution, Rule rule) {
    }

    private final GroupResolver groups;
    private final List<Target> targets;
    private final Auto auto;

    /** @param auto the virtual model's groups, or null when `auto` is not configured */
    public RouteRules(GroupResolver groups, List<Target> targets, Auto auto) {
        this.groups = groups;
        List<Target> ordered = new ArrayList<>(targets);
        ordered.sort(Comparator.comparing(Target::rule));
        this.targets = List.copyOf(ordered);
        this.auto = auto;
    }

    /** No rules: every request goes to its requested model's group. */
    public static RouteRules none(GroupResolver groups) {
        return new RouteRules(groups, List.of(), null);
    }

    /**
     * The group the request goes to: its requested model's (or `auto`'s pick), unless a rule matches whose group
     * the key may use. Empty when the requested model is served by no group.
     *
     * @param bodyBytes the caller's body size in bytes, or -1 when unknown (small bodies are then not counted)
     * @param mayUse    whether the caller's key may use a model group (or the name `auto`)
     */
    public Optional<Routed> route(String requested, CallerBody body, int bodyBytes, Predicate<String> mayUse) {
        RequestTraits traits = new RequestTraits(body, bodyBytes);
        Routed asked;
        if (auto != null && requested.equals(AUTO)) {
            asked = new Routed(pickAuto(traits, mayUse), Rule.AUTO);
        } else {
            Optional<GroupResolver.Resolution> r = groups.resolve(requested);
            if (r.isEmpty()) return Optional.empty();
            asked = new Routed(r.get(), null);
        }
        for (Target t : targets) {
            if (!matches(t, traits, requested)) continue;
            if (!mayUse.test(t.group())) {
                LOG.debug("route rule {} matches {} but the key may not use group {}; passed over", t.rule().key(), requested, t.group());
                continue;
            }
            if (t.group().equals(asked.resolution().group().name())) return Optional.of(asked); // already where the rule sends it
            LOG.debug("route rule {}: {} goes to group {} instead of {}", t.rule().key(), requested, t.group(), asked.resolution().group().name());
            return Optional.of(new Routed(new GroupResolver.Resolution(group(t.group()), requested, null), t.rule()));
        }
        if (asked.rule() == Rule.AUTO) LOG.debug("route rule auto: goes to group {}", asked.resolution().group().name());
        return Optional.of(asked);
    }

    private static boolean matches(Target t, RequestTraits traits, String requested) {
        return switch (t.rule()) {
            case LONG_CONTEXT -> traits.tokensOver(t.thresholdTokens());
            case WEB_SEARCH -> traits.webSearch();
            case THINKING -> traits.thinking();
            case BACKGROUND -> ClaudeFamily.of(requested).filter(ClaudeFamily.HAIKU::equals).isPresent();
            case AUTO -> false; // chosen by name, not by a match
        };
    }

    /** `small` for a request without tools up to the threshold, else `large`; the other when the key may use only that. */
    private GroupResolver.Resolution pickAuto(RequestTraits traits, Predicate<String> mayUse) {
        boolean small = !traits.tools() && !traits.tokensOver(auto.thresholdTokens());
        String pick = small ? auto.small() : auto.large();
        String other = small ? auto.large() : auto.small();
        if (!mayUse.test(AUTO) && !mayUse.test(pick) && mayUse.test(other)) pick = other;
        return new GroupResolver.Resolution(group(pick), AUTO, null);
    }

    private ModelGroup group(String name) {
        return groups.group(name).orElseThrow(() -> new IllegalStateException("route rules name group " + name + ", which is gone"));
    }

    /** The virtual models callers may name (`auto`, when configured and the key may use it or one of its groups). */
    public List<String> virtualModels(Predicate<String> mayUse) {
        if (auto == null) return List.of();
        return mayUse.test(AUTO) || mayUse.test(auto.small()) || mayUse.test(auto.large()) ? List.of(AUTO) : List.of();
    }

    public boolean isEmpty() {
        return targets.isEmpty() && auto == null;
    }

    /** For `baton config check` and the startup banner: one line per rule, in the order they are tried; "" when none. */
    public String describe() {
        if (isEmpty()) return "";
        StringBuilder out = new StringBuilder("Route rules (baton.routes, the first that matches wins):\n");
        for (Target t : targets) {
            String when = switch (t.rule()) {
                case LONG_CONTEXT -> "more than " + t.thresholdTokens() + " estimated input tokens";
                case WEB_SEARCH -> "a web_search tool";
                case THINKING -> "thinking or reasoning_effort";
                case BACKGROUND -> "a haiku-family model (Claude Code's background calls)";
                case AUTO -> "";
            };
            out.append("  ").append(t.rule().key()).append(": ").append(when).append(" -> ").append(t.group()).append('\n');
        }
        if (auto != null) {
            out.append("  auto: model 'auto' -> ").append(auto.small()).append(" up to ").append(auto.thresholdTokens())
                    .append(" estimated input tokens without tools, else ").append(auto.large()).append('\n');
        }
        return out.toString();
    }
}
