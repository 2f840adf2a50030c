package dev.baton.dialect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reversible tool-call id mapping. Each target has rules for ids (Mistral: exactly nine letters or digits;
 * Anthropic: letters, digits, `_` and `-`); an id from another provider that breaks them is replaced by a
 * deterministic one that keeps them, and the replacement is remembered so that ids coming back are restored to what
 * the client knows (field notes 5).
 */
public final class ToolIds {
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final ToolIds SHARED = new ToolIds(100_000);

    /** An id format a target accepts, and how to make one from any string. */
    public record Rule(String name, Predicate<String> accepts, String prefix, int length) {
        /** Anthropic: `^[a-zA-Z0-9_-]+$`. */
        public static final Rule ANTHROPIC = new Rule("anthropic", id -> id.matches("[a-zA-Z0-9_-]{1,200}"), "toolu_", 24);
        /** Mistral: exactly nine letters or digits. */
        public static final Rule NINE_ALPHANUMERIC = new Rule("mistral", id -> id.matches("[a-zA-Z0-9]{9}"), "", 9);
        /** OpenAI and most compatible servers take any non-empty string. */
        public static final Rule ANY = new Rule("any", id -> !id.isEmpty() && id.length() <= 256, "call_", 24);
    }

    private final Map<String, String> originals;

    public ToolIds(int capacity) {
        this.originals = new LruMap<>(capacity);
    }

    public static ToolIds shared() {
        return SHARED;
    }

    /** The id to send to a target with this rule: the id itself when it complies, else its stable replacement. */
    public String toTarget(String id, Rule rule) {
        if (id == null || id.isEmpty()) id = "call";
        if (rule.accepts().test(id)) return id;
        String mapped = derive(id, rule);
        synchronized (originals) {
            originals.put(mapped, id);
        }
        return mapped;
    }

    /** The id to show a caller with this rule for an id that came from an upstream. */
    public String toCaller(String id, Rule callerRule) {
        String original;
        synchronized (originals) {
            original = originals.get(id);
        }
        if (original != null) return original;
        return toTarget(id, callerRule);
    }

    private static String derive(String id, Rule rule) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder b = new StringBuilder(rule.prefix());
        for (int i = 0; b.length() < rule.prefix().length() + rule.length(); i++) {
            b.append(ALPHANUMERIC.charAt((hash[i % hash.length] & 0xff) % ALPHANUMERIC.length()));
        }
        return b.toString();
    }
}
