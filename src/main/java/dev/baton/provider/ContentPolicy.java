package dev.baton.provider;

/** How providers word a refusal on content policy, so that such a 400 moves the request on instead of ending it. */
public final class ContentPolicy {
    private static final Phrases PHRASES = new Phrases(
            "content_policy_violation",                 // OpenAI code
            "content_filter",                           // OpenAI / Azure finish reason and code
            "content management policy",                // Azure OpenAI
            "responsibleaipolicyviolation",             // Azure OpenAI inner error
            "flagged by our safety system",             // OpenAI images and moderation
            "output blocked by content filtering policy", // Anthropic
            "blocked due to safety",                    // Gemini
            "prohibited_content",                       // Gemini block reason
            "violates our usage policies");

    private ContentPolicy() {
    }

    public static boolean matches(String message) {
        return PHRASES.in(message);
    }
}
