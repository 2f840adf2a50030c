package dev.baton.canonical;

/**
 * Marks thinking that did not come from Anthropic. Such blocks reach Anthropic-dialect callers with a signature of
 * the form `baton:<provider>:<payload>`: visibly not Anthropic's, so Baton can drop them before a request goes to
 * Anthropic (which would reject them with "Invalid signature"), and able to carry a provider's own reasoning token
 * (Gemini's `thoughtSignature`) through a client that only stores what it was sent (field notes 13, 15).
 */
public final class ThinkingOrigin {
    private static final String PREFIX = "baton:";

    private ThinkingOrigin() {
    }

    public static String signature(String provider, String payload) {
        return PREFIX + provider + ":" + (payload == null ? "" : payload);
    }

    /** True when Anthropic can verify this signature: present and not one of Baton's. */
    public static boolean isAnthropic(String signature) {
        return signature != null && !signature.isEmpty() && !signature.startsWith(PREFIX);
    }

    /** The provider a Baton signature names, or null. */
    public static String provider(String signature) {
        if (signature == null || !signature.startsWith(PREFIX)) return null;
        int end = signature.indexOf(':', PREFIX.length());
        return end < 0 ? null : signature.substring(PREFIX.length(), end);
    }

    /** The payload of a Baton signature (may be empty), or null when it is not one. */
    public static String payload(String signature) {
        if (provider(signature) == null) return null;
        return signature.substring(signature.indexOf(':', PREFIX.length()) + 1);
    }
}
