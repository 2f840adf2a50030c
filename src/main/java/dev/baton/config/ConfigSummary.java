package dev.baton.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A human-readable summary of a config, for `baton config check` and the startup banner. Credentials are
 * only ever shown masked ({@link Secret#toString()}), and a database URL loses its user info.
 */
public final class ConfigSummary {
    private ConfigSummary() {
    }

    public static String describe(BatonConfig config) {
        StringBuilder out = new StringBuilder();
        out.append("Config: ").append(config.source() == null ? "built-in default (no config file)" : config.source()).append('\n');

        Map<String, List<Deployment>> groups = new LinkedHashMap<>();
        config.modelList().forEach(d -> groups.computeIfAbsent(d.modelName(), g -> new ArrayList<>()).add(d));
        out.append("Model groups (").append(groups.size()).append("):\n");
        if (groups.isEmpty()) out.append("  (none)\n");
        groups.forEach((group, deployments) -> {
            out.append("  ").append(group).append('\n');
            // The order the router tries them: by order, ties in file order (List.sort is stable).
            List<Deployment> chain = new ArrayList<>(deployments);
            chain.sort(Comparator.comparingInt(Deployment::order));
            for (int i = 0; i < chain.size(); i++) out.append("    ").append(i + 1).append(". ").append(line(chain.get(i))).append('\n');
        });

        RouterSettings r = config.router();
        appendFallbacks(out, "Fallbacks", r.fallbacks());
        appendFallbacks(out, "Context window fallbacks", r.contextWindowFallbacks());
        appendFallbacks(out, "Content policy fallbacks", r.contentPolicyFallbacks());
        r.modelGroupAlias().forEach((alias, a) ->
                out.append("Alias: ").append(alias).append(" -> ").append(a.group()).append(a.hidden() ? " (hidden)" : "").append('\n'));
        out.append("Router: num_retries=").append(r.numRetries())
                .append(", cooldown_time=").append(Durations.format(r.cooldownTime()))
                .append(", allowed_fails=").append(r.allowedFails())
                .append(", max_fallbacks=").append(r.maxFallbacks())
                .append(", routing_strategy=").append(r.routingStrategy() == null ? "priority (by order; DEFAULT_ROUTING_STRATEGY may set another)"
                        : r.routingStrategy() + " (within equal order)").append('\n');

        BatonSettings b = config.baton();
        out.append("Timeouts: connect=").append(Durations.format(b.connectTimeout()))
                .append(", first_byte=").append(Durations.format(b.firstByteTimeout()))
                .append(", idle=").append(Durations.format(b.idleTimeout()))
                .append(", request=").append(Durations.format(b.requestTimeout()))
                .append(", ping=").append(Durations.format(b.pingInterval()))
                .append(", max_wait=").append(Durations.format(b.maxWait()))
                .append(", max_body=").append(b.maxBodyMb()).append("MB\n");

        GeneralSettings g = config.general();
        out.append("Master key: ").append(g.masterKey() == null ? "none (open gateway, loopback only)"
                : g.masterKey().isResolved() ? "set " + g.masterKey() : g.masterKey()).append('\n');
        out.append("Database: ").append(g.database() == null ? "embedded SQLite"
                : g.database().isResolved() ? withoutUserInfo(g.databaseUrl()) : "PostgreSQL " + g.database()).append('\n');
        RedisSettings redis = config.router().redis();
        out.append("Shared state: ").append(redis == null ? "in-process (one instance)"
                : "Redis at " + redis.host() + ":" + redis.port() + (redis.password() == null ? ""
                : redis.password().isResolved() ? " (password set)" : " (password " + redis.password() + ")")).append('\n');
        if (!config.warnings().isEmpty()) {
            out.append("Warnings (").append(config.warnings().size()).append("):\n");
            config.warnings().forEach(w -> out.append("  ").append(w).append('\n'));
        }
        return out.toString();
    }

    private static String line(Deployment d) {
        String target = d.provider() + "/" + d.model();
        if (d.model().equals("*")) {
            target = d.provider() + "/<requested model>" + (d.param("default_model") == null ? "" : " (named group: " + d.param("default_model") + ")");
        }
        StringBuilder s = new StringBuilder(target);
        if (!d.id().equals(target)) s.append(" [").append(d.id()).append(']');
        s.append("  ").append(d.apiBase() == null ? "(provider default)" : d.apiBase());
        s.append("  key: ").append(d.apiKey() == null ? "none" : d.apiKey().isPassthrough() ? "passthrough (caller's own)" : "set " + d.apiKey());
        if (d.order() != Deployment.DEFAULT_ORDER) s.append("  order ").append(d.order());
        if (d.timeout() != null) s.append("  timeout ").append(Durations.format(d.timeout()));
        if (d.streamTimeout() != null) s.append("  stream_timeout ").append(Durations.format(d.streamTimeout()));
        if (d.rpm() != null) s.append("  rpm ").append(d.rpm());
        if (d.tpm() != null) s.append("  tpm ").append(d.tpm());
        if (d.line() > 0) s.append("  (line ").append(d.line()).append(')');
        return s.toString();
    }

    private static void appendFallbacks(StringBuilder out, String title, Map<String, List<String>> fallbacks) {
        if (fallbacks.isEmpty()) return;
        out.append(title).append(":\n");
        fallbacks.forEach((from, to) -> out.append("  ").append(from).append(" -> ").append(String.join(", ", to)).append('\n'));
    }

    /** postgresql://user:pass@host/db → postgresql://***@host/db: the URL often carries the password. */
    static String withoutUserInfo(String url) {
        try {
            URI u = URI.create(url);
            if (u.getRawUserInfo() == null) return url;
            return url.replace(u.getRawUserInfo() + "@", "***@");
        } catch (IllegalArgumentException e) {
            int at = url.lastIndexOf('@');
            return at < 0 ? "(set)" : "***" + url.substring(at);
        }
    }
}
