package dev.baton.usage;

import dev.baton.canonical.Usage;
import dev.baton.state.StateStore;
import dev.baton.store.UsageStore;
import dev.baton.store.VirtualKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A virtual key's limits, checked before routing and settled after the answer (field notes 39):
 * <ul>
 *   <li>model allow-list → 403 `permission_error`</li>
 *   <li>budget → 400 `budget_exceeded` as LiteLLM answers. Each request first <em>reserves</em> the most it could
 *       cost (its estimated input priced as the dearest input kind, plus its `max_tokens` of output, on the dearest
 *       deployment of its chain); the check and the reservation are one atomic step, and the actual cost replaces the
 *       reservation when the answer is in, so parallel requests cannot overshoot the budget together.</li>
 *   <li>rpm → 429 with `retry-after` (fixed one-minute windows, as LiteLLM counts)</li>
 *   <li>tpm → 429: admitted while the minute's tokens are under the limit; its estimated input is reserved and the
 *       actual input + output settled afterwards</li>
 * </ul>
 * All counters live in the {@link StateStore}, so with Redis they hold across instances.
 */
public final class Limits {
    private static final Duration WINDOW_TTL = Duration.ofMinutes(2);
    private static final Duration MAX_BUDGET_TTL = Duration.ofDays(7);

    private final StateStore state;
    private final UsageStore usage;
    private final Clock clock;
    /** Budget counters this instance loaded from the database, with when: reloaded after half their lifetime. */
    private final Map<String, Long> loaded = new ConcurrentHashMap<>();

    public Limits(StateStore state, UsageStore usage, Clock clock) {
        this.state = state;
        this.usage = usage;
        this.clock = clock;
    }

    /** What one admitted request holds until it is settled. */
    public final class Reservation {
        private final VirtualKey key;
        private final String budgetKey;
        private final long reservedNanos;
        private final String tpmKey;
        private final long reservedTokens;
        private boolean settled;

        private Reservation(VirtualKey key, String budgetKey, long reservedNanos, String tpmKey, long reservedTokens) {
            this.key = key;
            this.budgetKey = budgetKey;
            this.reservedNanos = reservedNanos;
            this.tpmKey = tpmKey;
            this.reservedTokens = reservedTokens;
        }

        /** Replaces the reservations with what the request actually cost and used (zero when it was not served). */
        public synchronized void settle(double costUsd, Usage used) {
            if (settled) return;
            settled = true;
            if (budgetKey != null) state.add(budgetKey, Cost.nanos(costUsd) - reservedNanos, budgetTtl(key));
            if (tpmKey != null) {
                long tokens = used == null ? 0 : used.totalInputTokens() + used.outputTokens();
                state.add(tpmKey, tokens - reservedTokens, WINDOW_TTL);
            }
        }
    }

    /**
     * Admits a request of {@code key} or throws {@link LimitExceeded}.
     *
     * @param names           the requested model and the group it resolved to, for the allow-list
     * @param inputEstimate   the request's estimated input tokens
     * @param worstCaseNanos  the most the request can cost, in nano-dollars (see the class comment); asked only for a
     *                        key with a budget
     */
    public Reservation admit(VirtualKey key, List<String> names, long inputEstimate, LongSupplier worstCaseNanos) {
        checkModel(key, names);
        long minute = clock.millis() / 60_000;
        String budgetKey = null;
        long reserved = 0;
        if (key.maxBudget() != null) {
            budgetKey = budgetKey(key);
            ensureLoaded(key, budgetKey);
            reserved = Math.max(0, worstCaseNanos.getAsLong());
            long limit = Cost.nanos(key.maxBudget());
            if (state.tryAdd(budgetKey, reserved, Math.max(1, reserved), limit, budgetTtl(key)) == StateStore.REFUSED) {
                throw new LimitExceeded(LimitExceeded.Kind.BUDGET, 400, String.format(Locale.ROOT,
                        "Budget has been exceeded! Current cost: %.6f, Max budget: %s (key %s%s)", Cost.usdOf(state.get(budgetKey)),
                        key.maxBudget(), key.label(), key.budgetDuration() == null ? "" : ", resets every " + key.budgetDuration()), Map.of());
            }
        }
        String rpmKey = null;
        if (key.rpmLimit() != null) {
            rpmKey = "rpm:" + key.keyHash() + ":" + minute;
            if (state.tryAdd(rpmKey, 1, 1, key.rpmLimit(), WINDOW_TTL) == StateStore.REFUSED) {
                undo(budgetKey, reserved, key, null);
                throw rateLimited(LimitExceeded.Kind.RPM, key, key.rpmLimit() + " requests per minute");
            }
        }
        String tpmKey = null;
        if (key.tpmLimit() != null) {
            tpmKey = "tpm:" + key.keyHash() + ":" + minute;
            if (state.tryAdd(tpmKey, inputEstimate, 1, key.tpmLimit(), WINDOW_TTL) == StateStore.REFUSED) {
                undo(budgetKey, reserved, key, rpmKey);
                throw rateLimited(LimitExceeded.Kind.TPM, key, key.tpmLimit() + " tokens per minute");
            }
        }
        return new Reservation(key, budgetKey, reserved, tpmKey, inputEstimate);
    }

    /** What the key's written usage records cost in its current budget period (its whole life without a duration), in USD. */
    public double currentSpend(VirtualKey key) {
        return usage.costSince(key.keyHash(), periodStart(key));
    }

    /** When the key's current budget period started (epoch ms): its creation plus whole budget durations. */
    public long periodStart(VirtualKey key) {
        Duration d = key.budgetDuration() == null ? null : Periods.parse(key.budgetDuration()).orElse(null);
        long created = key.createdAt().toEpochMilli();
        if (d == null) return created;
        long length = d.toMillis();
        return created + Math.max(0, (clock.millis() - created) / length) * length;
    }

    /** When the current budget period ends, or null for a budget that never resets. */
    public Long periodEnd(VirtualKey key) {
        Duration d = key.budgetDuration() == null ? null : Periods.parse(key.budgetDuration()).orElse(null);
        return d == null ? null : periodStart(key) + d.toMillis();
    }

    private void checkModel(VirtualKey key, List<String> names) {
        if (key.models().isEmpty()) return;
        for (String allowed : key.models()) {
            for (String name : names) {
                if (name != null && matches(allowed.strip(), name)) return;
            }
        }
        throw new LimitExceeded(LimitExceeded.Kind.MODEL, 403, "key " + key.label() + " may not use model '" + names.get(0)
                + "'; it may use " + key.models(), Map.of());
    }

    /** Whether the key may use one of these names (the requested id, the group it resolved to). */
    public static boolean mayUseAny(VirtualKey key, List<String> names) {
        for (String name : names) if (mayUse(key, name)) return true;
        return false;
    }

    /** Whether the key may use a model group or id of this name (no key, or an empty allow-list: any). */
    public static boolean mayUse(VirtualKey key, String name) {
        if (key == null || key.models().isEmpty()) return true;
        for (String allowed : key.models()) if (matches(allowed.strip(), name)) return true;
        return false;
    }

    static boolean matches(String allowed, String name) {
        if (allowed.equals("*") || allowed.equals(name)) return true;
        int star = allowed.indexOf('*');
        if (star < 0) return false;
        String prefix = allowed.substring(0, star);
        String suffix = allowed.substring(star + 1);
        return name.length() >= prefix.length() + suffix.length() && name.startsWith(prefix) && name.endsWith(suffix);
    }

    private LimitExceeded rateLimited(LimitExceeded.Kind kind, VirtualKey key, String what) {
        long now = clock.millis();
        long seconds = Math.max(1, (60_000 - now % 60_000 + 999) / 1000);
        return new LimitExceeded(kind, 429, "Rate limit of key " + key.label() + " reached: " + what + ". Retry after " + seconds + " s.",
                Map.of("retry-after", Long.toString(seconds)));
    }

    /** Takes back what an admission had added before a later limit refused it. */
    private void undo(String budgetKey, long reserved, VirtualKey key, String rpmKey) {
        if (budgetKey != null) state.add(budgetKey, -reserved, budgetTtl(key));
        if (rpmKey != null) state.add(rpmKey, -1, WINDOW_TTL);
    }

    private String budgetKey(VirtualKey key) {
        return "budget:" + key.keyHash() + ":" + periodStart(key);
    }

    /** The budget counter starts from what the database says the key spent this period; loaded once per instance. */
    private void ensureLoaded(VirtualKey key, String budgetKey) {
        long now = clock.millis();
        Long at = loaded.get(budgetKey);
        if (at != null && now - at < budgetTtl(key).toMillis() / 2) return;
        long spent = Cost.nanos(usage.costSince(key.keyHash(), periodStart(key)));
        state.initIfAbsent(budgetKey, spent, budgetTtl(key));
        loaded.put(budgetKey, now);
    }

    private Duration budgetTtl(VirtualKey key) {
        Long end = periodEnd(key);
        if (end == null) return MAX_BUDGET_TTL;
        Duration left = Duration.ofMillis(Math.max(0, end - clock.millis())).plusHours(1);
        return left.compareTo(MAX_BUDGET_TTL) > 0 ? MAX_BUDGET_TTL : left;
    }
}
