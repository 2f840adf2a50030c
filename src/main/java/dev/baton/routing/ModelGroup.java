package dev.baton.routing;

import dev.baton.config.Deployment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The deployments that serve one `model_name`, in the order they are tried (`order`, then file order). */
public record ModelGroup(String name, List<Deployment> deployments) {

    public ModelGroup {
        List<Deployment> sorted = new ArrayList<>(deployments);
        sorted.sort(Comparator.comparingInt(Deployment::order)); // stable: equal orders keep file order
        deployments = List.copyOf(sorted);
    }

    public boolean isWildcard() {
        return name.contains("*");
    }

    /** Whether a wildcard name such as `anthropic/*` or `claude-*` matches the requested id. */
    public boolean matchesWildcard(String requested) {
        int star = name.indexOf('*');
        if (star < 0) return false;
        String prefix = name.substring(0, star);
        String suffix = name.substring(star + 1);
        return requested.length() >= prefix.length() + suffix.length()
                && requested.startsWith(prefix) && requested.endsWith(suffix);
    }

    /** The part of the requested id a wildcard stood for (`anthropic/*` + `anthropic/claude-x` → `claude-x`). */
    public String wildcardPart(String requested) {
        int star = name.indexOf('*');
        String suffix = name.substring(star + 1);
        return requested.substring(star, requested.length() - suffix.length());
    }
}
