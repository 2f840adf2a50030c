package dev.baton.keys;

import dev.baton.store.KeyStore;
import dev.baton.store.VirtualKey;
import dev.baton.usage.Periods;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Virtual keys: made with {@link #create} (shown once, stored as SHA-256 only), found on every request by
 * {@link #authenticate} from memory. The whole table is re-read in the background every {@value #REFRESH_SECONDS}
 * seconds, so keys made or revoked by another instance or by `baton keys` take effect within that time; a key not
 * in memory is looked up once in the database (and a miss remembered for the same time), so a key made a moment ago
 * works at once.
 */
public final class VirtualKeys implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualKeys.class);
    static final int REFRESH_SECONDS = 10;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int RANDOM_CHARS = 40;
    private static final int MAX_MISSES = 10_000;
    public static final String PREFIX = "sk-baton-";
    private static final String ANTHROPIC_PREFIX = "sk-ant-";
    private static final int MAX_NAME = 256;

    private final KeyStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Map<String, VirtualKey> byHash = Map.of();
    private final Map<String, Long> misses = new ConcurrentHashMap<>();
    private final Thread refresher;

    public VirtualKeys(KeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        refresh();
        refresher = Thread.ofPlatform().daemon().name("baton-keys-refresh").start(this::refreshLoop);
    }

    /** SHA-256 of the key, hex: what is stored and what LiteLLM calls the key's `token`. */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** `sk-baton-...wxyz`: enough to recognise a key in a list, too little to use it. */
    static String abbreviate(String key) {
        int prefix = key.startsWith(PREFIX) ? PREFIX.length() : Math.min(3, key.length());
        return key.substring(0, prefix) + "..." + key.substring(Math.max(prefix, key.length() - 4));
    }

    public IssuedKey create(KeySpec spec) {
        if (spec.budgetDuration() != null) Periods.require(spec.budgetDuration(), "budget_duration");
        if (spec.maxBudget() != null && spec.maxBudget() < 0) throw new IllegalArgumentException("max_budget must not be negative");
        if (spec.rpmLimit() != null && spec.rpmLimit() < 0) throw new IllegalArgumentException("rpm_limit must not be negative");
        if (spec.tpmLimit() != null && spec.tpmLimit() < 0) throw new IllegalArgumentException("tpm_limit must not be negative");
        if (spec.alias() != null) requireName(spec.alias(), "key_alias");
        for (String m : spec.models()) requireName(m, "models");
        String key = spec.key() != null ? spec.key() : generate();
        if (!key.startsWith("sk-") || key.startsWith(ANTHROPIC_PREFIX) || key.length() < 20 || key.length() > MAX_NAME
                || !key.chars().allMatch(c -> c > ' ' && c < 0x7F)) {
            throw new IllegalArgumentException("key: a chosen key must start with sk- (not sk-ant-) and have 20 to " + MAX_NAME
                    + " printable ASCII characters, no spaces");
        }
        Instant now = clock.instant();
        VirtualKey k = new VirtualKey(hash(key), abbreviate(key), spec.alias(), spec.models(), spec.maxBudget(),
                spec.budgetDuration(), spec.rpmLimit(), spec.tpmLimit(), now,
                spec.validFor() == null ? null : now.plus(spec.validFor()), null);
        if (store.find(k.keyHash()).isPresent()) throw new IllegalArgumentException("that key exists already");
        store.insert(k);
        remember(k);
        LOG.info("virtual key {} ({}) created", k.keyName(), k.alias() == null ? "no alias" : k.alias());
        return new IssuedKey(key, k);
    }

    /** Aliases and model names are shown in lists and logs and matched in headers: plain text of a sensible length. */
    private static void requireName(String name, String field) {
        if (name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + ": names must be 1 to " + MAX_NAME + " characters, without control characters");
        }
    }

    private String generate() {
        StringBuilder b = new StringBuilder(PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return b.toString();
    }

    /** The active key the caller presented, or empty. Answers from memory except for a key not seen before. */
    public Optional<VirtualKey> authenticate(String presented) {
        // Anthropic's own keys and Pro/Max tokens pass through here on open gateways; they are never Baton's
        if (presented == null || presented.isBlank() || presented.startsWith(ANTHROPIC_PREFIX)) return Optional.empty();
        String h = hash(presented);
        VirtualKey k = byHash.get(h);
        if (k == null) k = lookUpMiss(h);
        return k != null && k.active(clock.instant()) ? Optional.of(k) : Optional.empty();
    }

    private VirtualKey lookUpMiss(String h) {
        long now = System.currentTimeMillis();
        Long missedAt = misses.get(h);
        if (missedAt != null && now - missedAt < REFRESH_SECONDS * 1000L) return null;
        Optional<VirtualKey> found;
        try {
            found = store.find(h);
        } catch (RuntimeException e) {
            LOG.warn("cannot look up a virtual key: {}", e.getMessage());
            return null;
        }
        if (found.isPresent()) {
            remember(found.get());
            misses.remove(h);
            return found.get();
        }
        if (misses.size() >= MAX_MISSES) misses.clear();
        misses.put(h, now);
        return null;
    }

    /** Finds a key by its plain text, its hash (LiteLLM's `token`) or its alias; revoked ones included. */
    public Optional<VirtualKey> find(String keyOrHashOrAlias) {
        return find(store, keyOrHashOrAlias);
    }

    /** {@link #find} on a store directly, for commands that do not run a gateway. The newest key wins an alias. */
    public static Optional<VirtualKey> find(KeyStore store, String keyOrHashOrAlias) {
        Optional<VirtualKey> k = store.find(keyOrHashOrAlias.startsWith("sk-") ? hash(keyOrHashOrAlias) : keyOrHashOrAlias);
        if (k.isPresent()) return k;
        List<VirtualKey> byAlias = store.findByAlias(keyOrHashOrAlias);
        return byAlias.isEmpty() ? Optional.empty() : Optional.of(byAlias.get(byAlias.size() - 1));
    }

    /** Revokes at once on this instance; other instances notice within {@value #REFRESH_SECONDS} s. */
    public boolean revoke(VirtualKey k) {
        boolean done = store.revoke(k.keyHash(), clock.instant());
        refresh();
        return done;
    }

    public List<VirtualKey> list() {
        return store.list();
    }

    private void remember(VirtualKey k) {
        Map<String, VirtualKey> next = new LinkedHashMap<>(byHash);
        next.put(k.keyHash(), k);
        byHash = Map.copyOf(next);
    }

    public void refresh() {
        try {
            Map<String, VirtualKey> next = new LinkedHashMap<>();
            for (VirtualKey k : store.list()) next.put(k.keyHash(), k);
            byHash = Map.copyOf(next);
        } catch (RuntimeException e) {
            LOG.warn("cannot refresh virtual keys (keeping the ones known): {}", e.getMessage());
        }
    }

    private void refreshLoop() {
        while (true) {
            try {
                Thread.sleep(REFRESH_SECONDS * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            refresh();
        }
    }

    @Override
    public void close() {
        refresher.interrupt();
    }
}
