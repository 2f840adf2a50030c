package dev.baton.routing;

import dev.baton.config.Deployment;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health of every deployment, per credential: a deployment that passes callers' own credentials through is
 * limited per caller account, so one user's exhausted subscription must not cool it for everyone (field notes 30).
 */
public final class HealthRegistry {
    private final Map<String, DeploymentHealth> byKey = new ConcurrentHashMap<>();
    private final Map<String, QuotaForecast> forecasts = new ConcurrentHashMap<>();
    private final Map<String, DeploymentStats> stats = new ConcurrentHashMap<>();
    private final CooldownBoard board;

    public HealthRegistry() {
        this(CooldownBoard.NONE);
    }

    /** @param board where cooldowns are shared with other instances */
    public HealthRegistry(CooldownBoard board) {
        this.board = board;
    }

    public DeploymentHealth of(Deployment d, String credentialFingerprint) {
        return byKey.computeIfAbsent(key(d, credentialFingerprint), k -> new DeploymentHealth(k, board));
    }

    /** What its answers said of its rate-limit window, per credential as its health is. */
    public QuotaForecast forecast(Deployment d, String credentialFingerprint) {
        return forecasts.computeIfAbsent(key(d, credentialFingerprint), k -> new QuotaForecast());
    }

    /** Its traffic figures (in flight, latency, speed, failures), for all credentials together. */
    public DeploymentStats stats(Deployment d) {
        return stats(d.id());
    }

    public DeploymentStats stats(String deploymentId) {
        return stats.computeIfAbsent(deploymentId, k -> new DeploymentStats());
    }

    /** Health entries for a deployment's own credential, for dashboards and `config check`. */
    public DeploymentHealth of(Deployment d) {
        return of(d, null);
    }

    static String key(Deployment d, String credentialFingerprint) {
        boolean perCaller = d.apiKey() != null && d.apiKey().isPassthrough() && credentialFingerprint != null;
        return perCaller ? d.id() + "#" + credentialFingerprint : d.id();
    }
}
