package dev.baton.routing;

import dev.baton.canonical.Failure;
import dev.baton.config.BatonSettings;
import dev.baton.config.Deployment;
import dev.baton.config.RouterSettings;
import dev.baton.routing.strategy.Strategies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one fallback loop every endpoint uses. Tries the chain ({@link FallbackChain}: the group's deployments ranked
 * by `order` and the routing strategy, then its `fallbacks` groups) in the order the session prefers, deployments
 * predicted to be rate-limited last; skips cooled-down ones; moves on at once after a failure that allows it; cools
 * deployments as the policy says; stops at a failure of the request itself. When nothing could serve, it waits for
 * the earliest recovery if that is within `max_wait`, up to `num_retries` times, else reports when to come back.
 */
public final class FallbackEngine {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackEngine.class);

    /** One deployment to try, with the model id to ask it for. */
    public record Candidate(ModelGroup group, Deployment deployment, String upstreamModel) {
    }

    /** What one attempt produced. */
    public sealed interface AttemptResult<T> {
        record Ok<T>(T value) implements AttemptResult<T> {
        }

        record Failed<T>(Failure failure) implements AttemptResult<T> {
        }
    }

    /** Thrown by an attempt to stop the whole request (the caller went away): no fallback, no verdict on the deployment. */
    public static class Abandoned extends RuntimeException {
        public Abandoned(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** The gateway is shutting down and its grace period is over: the request ends unserved, nothing is blamed. */
    public static final class ShuttingDown extends Abandoned {
        public ShuttingDown() {
            super("Baton is shutting down", null);
        }
    }

    @FunctionalInterface
    public interface Attempt<T> {
        AttemptResult<T> run(Candidate candidate);
    }

    /** One line of the request's path through the deployments. */
    public record AttemptRecord(String deployment, Failure failure, long micros) {
    }

    /** How a request went: its attempts, and how long it waited for cooled deployments between rounds. */
    public sealed interface Outcome<T> {
        List<AttemptRecord> attempts();

        long waitedMicros();

        record Served<T>(T value, Candidate by, List<AttemptRecord> attempts, long waitedMicros) implements Outcome<T> {
        }

        /**
         * @param decisive the failure to show the caller
         * @param rejected the request itself was refused (no fallback was tried after it)
         * @param retryAt  when some deployment of the chain can be tried again
         */
        record NotServed<T>(Failure decisive, boolean rejected, Instant retryAt, List<AttemptRecord> attempts,
                            long waitedMicros) implements Outcome<T> {
        }
    }

    /**
     * @param resolution            the group the requested model resolved to
     * @param session               for switch events and session affinity
     * @param credentialFingerprint identifies the caller's own credentials for passthrough deployments, or null
     * @param useFallbacks          false when the caller opted out (LiteLLM's `disable_fallbacks`): the group's own
     *                              deployments only
     * @param mayUse                which model groups the caller's key may use (fallback groups included)
     * @param userTurn              whether the request starts a new user turn (not the middle of a tool loop): only
     *                              then may a session return to deployments it was moved off; asked only when that
     *                              question arises
     */
    public record Route(GroupResolver.Resolution resolution, String session, String credentialFingerprint, boolean useFallbacks,
                        Predicate<String> mayUse, BooleanSupplier userTurn) {
        public Route(GroupResolver.Resolution resolution, String session, String credentialFingerprint, boolean useFallbacks) {
            this(resolution, session, credentialFingerprint, useFallbacks, group -> true, () -> true);
        }

        public Route(GroupResolver.Resolution resolution, String session, String credentialFingerprint) {
            this(resolution, session, credentialFingerprint, true);
        }
    }

    private final RouterSettings router;
    private final BatonSettings settings;
    private final HealthRegistry health;
    private final RoutingSettings routing;
    private final CooldownPolicy policy;
    private final SwitchTracker switches;
    private final Ranker ranker;
    private final FallbackChain chains;
    private final Clock clock;
    private final CountDownLatch shutDown = new CountDownLatch(1);

    /** An engine ranking by `order` alone, as a config without a strategy routes (tests, embedded uses). */
    public FallbackEngine(GroupResolver groups, RouterSettings router, BatonSettings settings, HealthRegistry health,
                          SwitchTracker switches, Clock clock) {
        this(groups, router, settings, RoutingSettings.from(settings.sections(), Map.of()), health, switches,
                new Ranker(Strategies.PRIORITY, health, Pricing.UNKNOWN, clock), clock);
    }

    public FallbackEngine(GroupResolver groups, RouterSettings router, BatonSettings settings, RoutingSettings routing,
                          HealthRegistry health, SwitchTracker switches, Ranker ranker, Clock clock) {
        this.router = router;
        this.settings = settings;
        this.routing = routing;
        this.health = health;
        this.policy = new CooldownPolicy(router);
        this.switches = switches;
        this.ranker = ranker;
        this.chains = new FallbackChain(groups, router, ranker);
        this.clock = clock;
    }

    public HealthRegistry health() {
        return health;
    }

    /** The routing strategy in force, switchable while Baton runs. */
    public Ranker ranker() {
        return ranker;
    }

    /**
     * Ends routing for good: requests waiting between rounds wake up, and every request still routing ends with
     * {@link ShuttingDown} before its next attempt or right after the attempt in progress (whose failure is then
     * nobody's fault).
     */
    public void shutDown() {
        shutDown.countDown();
    }

    public boolean shuttingDown() {
        return shutDown.getCount() == 0;
    }

    public <T> Outcome<T> route(Route route, Attempt<T> attempt) {
        FallbackChain.Plan plan = plan(route);
        Candidate first = plan.candidates.get(0);
        String current = switches.affinity().current(route.session(), first.group().name());
        List<Candidate> chain = preferAvailable(followSession(plan.candidates, route, current), route, current);
        List<AttemptRecord> records = new ArrayList<>();
        Failure last = null;
        String reason = null;
        long waitedNanos = 0;
        for (int round = 0; ; round++) {
            boolean transientFailure = false; // only a failure that may clear is worth waiting for
            for (int i = 0; i < chain.size(); i++) {
                Candidate c = chain.get(i);
                if (shuttingDown()) throw new ShuttingDown();
                DeploymentHealth h = health.of(c.deployment(), route.credentialFingerprint());
                DeploymentHealth.Permit permit = h.tryAcquire(clock.instant());
                if (permit == null) {
                    if (reason == null) reason = c.deployment().id() + " cooling down";
                    transientFailure = true;
                    continue;
                }
                DeploymentStats stats = health.stats(c.deployment());
                stats.started();
                long started = System.nanoTime();
                AttemptResult<T> result;
                try {
                    result = attempt.run(c);
                } catch (Abandoned | Error e) { // the caller went away, or the JVM is in trouble: no verdict on the deployment
                    h.released(permit);
                    stats.ended(false);
                    throw e;
                } catch (RuntimeException e) {
                    // a defect in Baton's handling of one deployment must not take the request down with it, nor
                    // count against the deployment: it moves on, and is not retried later
                    LOG.error("attempt on {} failed inside Baton", c.deployment().id(), e);
                    result = new AttemptResult.Failed<>(new Failure.Internal("Baton could not handle "
                            + c.deployment().id() + ": " + e.getClass().getSimpleName()));
                }
                long micros = (System.nanoTime() - started) / 1000;
                if (result instanceof AttemptResult.Ok<T> ok) {
                    h.answered(permit);
                    stats.ended(false);
                    records.add(new AttemptRecord(c.deployment().id(), null, micros));
                    switches.served(route.session(), first.group(), first.deployment(), c.deployment(), c.upstreamModel(), reason);
                    return new Outcome.Served<>(ok.value(), c, List.copyOf(records), waitedNanos / 1000);
                }
                Failure f = ((AttemptResult.Failed<T>) result).failure();
                if (shuttingDown()) { // its upstream exchange was broken off on purpose
                    h.released(permit);
                    stats.ended(false);
                    throw new ShuttingDown();
                }
                records.add(new AttemptRecord(c.deployment().id(), f, micros));
                last = f;
                if (!f.fallsBack()) {
                    h.answered(permit); // it is up; the request is what failed
                    stats.ended(false);
                    return new Outcome.NotServed<>(f, true, clock.instant(), List.copyOf(records), waitedNanos / 1000);
                }
                boolean blameless = f instanceof Failure.Internal || f instanceof Failure.ContextTooLong || f instanceof Failure.ContentPolicy
                        || route.credentialFingerprint() == null && isCallerProblem(c, f);
                stats.ended(!blameless);
                if (blameless) {
                    h.released(permit); // says nothing of the deployment's health either way
                } else {
                    record(h, permit, c, f, route.resolution().requested());
                    transientFailure = true;
                }
                if (reason == null) reason = describe(f);
                int before = plan.candidates.size();
                if (f instanceof Failure.ContextTooLong) chains.extend(plan, router.contextWindowFallbacks(), c.group());
                if (f instanceof Failure.ContentPolicy) chains.extend(plan, router.contentPolicyFallbacks(), c.group());
                chain.addAll(plan.candidates.subList(before, plan.candidates.size()));
            }
            Instant now = clock.instant();
            Instant retryAt = earliestRecovery(chain, route.credentialFingerprint(), now);
            Duration wait = Duration.between(now, retryAt);
            Duration backoff = Duration.ofMillis((250L << Math.min(round, 4)) + ThreadLocalRandom.current().nextLong(100));
            if (wait.compareTo(backoff) < 0) wait = backoff;
            if (!transientFailure || round >= router.numRetries() || wait.compareTo(settings.maxWait()) > 0) {
                Failure decisive = last != null ? last : allCooling(chain, route.credentialFingerprint());
                return new Outcome.NotServed<>(decisive, false, retryAt, List.copyOf(records), waitedNanos / 1000);
            }
            LOG.info("{}: no deployment available, waiting {} ms (retry {} of {})", route.resolution().requested(),
                    wait.toMillis(), round + 1, router.numRetries());
            long before = System.nanoTime();
            sleep(wait);
            waitedNanos += System.nanoTime() - before;
            if (shuttingDown()) throw new ShuttingDown();
        }
    }

    /**
     * A stream that had started failed after its first content (broken, stalled, malformed): too late to fall back,
     * but it counts against the deployment like any other failure.
     */
    public void failedAfterContent(Blame blame, Failure f) {
        DeploymentHealth h = health.of(blame.by().deployment(), blame.credentialFingerprint());
        record(h, DeploymentHealth.Permit.NORMAL, blame.by(), f, blame.requested());
        health.stats(blame.by().deployment()).brokeAfterContent();
    }

    /** Who answers for a stream that breaks later: small, so that the route (and the body it sees) can be let go. */
    public record Blame(Candidate by, String credentialFingerprint, String requested) {
    }

    public Blame blameFor(Route route, Candidate by) {
        return new Blame(by, route.credentialFingerprint(), route.resolution().requested());
    }

    /**
     * What a deployment's answer said of its rate-limit window (or what Baton counted against its rpm/tpm): past
     * `rate_limit_threshold`, it is passed over while others can serve, until the window resets.
     */
    public void quota(Route route, Candidate c, double usedFraction, Instant resetAt) {
        health.forecast(c.deployment(), route.credentialFingerprint()).observe(usedFraction, resetAt);
    }

    /** Counts a failure against the deployment and cools it as the policy says. */
    private void record(DeploymentHealth h, DeploymentHealth.Permit permit, Candidate c, Failure f, String requested) {
        Instant now = clock.instant();
        int recent = h.failed(permit, f, now);
        Duration cool = policy.cooldownFor(f, recent, h.escalation(now));
        if (cool != null) h.coolFor(now, cool);
        LOG.info("{} failed on {}: {}{}", requested, c.deployment().id(), f.detail(),
                cool == null ? "" : "; cooling " + cool.toMillis() + " ms");
    }

    /**
     * The chain in the order this session should try it: a session moved off the deployments it would prefer stays
     * where it was last served, and goes back only at a user turn, to those that have settled. It prefers a
     * deployment of an earlier group, of a lower `order`, or listed earlier when routing by priority; among equals
     * that a strategy ranks (shuffled, by cost, ...) it stays where it is.
     */
    private List<Candidate> followSession(List<Candidate> chain, Route route, String current) {
        int at = -1;
        for (int i = 0; i < chain.size() && current != null; i++) if (chain.get(i).deployment().id().equals(current)) at = i;
        if (at <= 0) return new ArrayList<>(chain);
        Candidate pinned = chain.get(at);
        List<Candidate> ordered = new ArrayList<>(chain.size());
        Instant now = clock.instant();
        boolean userTurn = false;
        for (int i = 0; i < at; i++) {
            Candidate c = chain.get(i);
            boolean preferred = c.group() != pinned.group() || c.deployment().order() < pinned.deployment().order()
                    || ranker.strategy() == Strategies.PRIORITY;
            if (!preferred || !health.of(c.deployment(), route.credentialFingerprint()).settled(now, routing.settleTime())) continue;
            if (!userTurn && !(userTurn = route.userTurn().getAsBoolean())) break;
            ordered.add(c);
        }
        ordered.add(pinned);
        for (Candidate c : chain) if (!ordered.contains(c)) ordered.add(c);
        return ordered;
    }

    /**
     * Deployments predicted to answer 429 (past `rate_limit_threshold` of their window), and those still recovering
     * from a cooldown beyond their share of traffic, go to the end: tried only when the others cannot serve. The
     * deployment serving the session is spared the share: the ramp is for new traffic, not for moving sessions.
     */
    private List<Candidate> preferAvailable(List<Candidate> chain, Route route, String current) {
        Instant now = clock.instant();
        List<Candidate> later = null;
        List<Candidate> out = new ArrayList<>(chain.size());
        for (Candidate c : chain) {
            boolean defer = health.forecast(c.deployment(), route.credentialFingerprint()).nearLimit(now, routing.rateLimitThreshold());
            double share = defer || c.deployment().id().equals(current) ? 1 : health.of(c.deployment(), route.credentialFingerprint()).share();
            if (share < 1 && ThreadLocalRandom.current().nextDouble() >= share) defer = true;
            if (defer) {
                if (later == null) later = new ArrayList<>();
                later.add(c);
            } else {
                out.add(c);
            }
        }
        if (later != null) { // when it comes to them, the one with the most of its window left first
            later.sort(java.util.Comparator.comparingDouble(c -> health.forecast(c.deployment(), route.credentialFingerprint()).used(now)));
            out.addAll(later);
        }
        return out;
    }

    private FallbackChain.Plan plan(Route route) {
        return chains.build(route.resolution(), route.useFallbacks(), route.mayUse(), route.credentialFingerprint());
    }

    /** The route's group's deployments, then those of its `fallbacks` groups the caller may use, each once. */
    public List<Candidate> chain(Route route) {
        return plan(route).candidates;
    }

    /** The group's deployments, then those of its `fallbacks` groups, each once. */
    public List<Candidate> chain(GroupResolver.Resolution r, boolean useFallbacks) {
        return chains.build(r, useFallbacks, group -> true, null).candidates;
    }

    private Instant earliestRecovery(List<Candidate> chain, String fingerprint, Instant now) {
        Instant best = null;
        for (Candidate c : chain) {
            Instant at = health.of(c.deployment(), fingerprint).availableAt(now);
            if (best == null || at.isBefore(best)) best = at;
        }
        return best == null ? now : best;
    }

    private Failure allCooling(List<Candidate> chain, String fingerprint) {
        for (Candidate c : chain) {
            Failure f = health.of(c.deployment(), fingerprint).lastFailure();
            if (f != null) return f;
        }
        return new Failure.RateLimited(null, Failure.RateLimitKind.TRANSIENT, "every deployment is cooling down");
    }

    /** A passthrough deployment without caller credentials says nothing about the deployment's health. */
    private static boolean isCallerProblem(Candidate c, Failure f) {
        return c.deployment().apiKey() != null && c.deployment().apiKey().isPassthrough() && f instanceof Failure.Misconfigured;
    }

    /** A short reason for switch events: what happened, and what the provider asked for. */
    public static String describe(Failure f) {
        String kind = switch (f) {
            case Failure.RateLimited r -> (r.kind() == Failure.RateLimitKind.QUOTA_EXHAUSTED ? "quota exhausted" : "rate limited") + " (429)";
            case Failure.Overloaded o -> "overloaded (529)";
            case Failure.ServerError s -> "server error (" + s.status() + ")";
            case Failure.TimedOut t -> "timed out (" + t.phase().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
            case Failure.Reset r -> r.beforeFirstByte() ? "connection failed" : "connection broke";
            case Failure.Malformed m -> "malformed response";
            case Failure.ContextTooLong c -> "context too long";
            case Failure.ContentPolicy c -> "refused on content policy (" + c.status() + ")";
            case Failure.Misconfigured m -> "refused (" + m.status() + ")";
            case Failure.Rejected r -> "rejected (" + r.status() + ")";
            case Failure.Internal i -> "internal error in Baton";
        };
        Duration wait = f.retryAfter();
        return wait == null ? kind : kind + ", retry after " + Math.max(1, (wait.toMillis() + 999) / 1000) + " s";
    }

    /** Waits, unless the gateway shuts down first. */
    private void sleep(Duration d) {
        try {
            shutDown.await(d.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
