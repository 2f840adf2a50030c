package dev.baton.canonical;

/**
 * The caller asked the model to think first. Dialects express it differently: Anthropic `thinking.budget_tokens`,
 * OpenAI `reasoning_effort`, Gemini `thinkingConfig.thinkingBudget`; each keeps what it was given and derives the other.
 *
 * @param budgetTokens the thinking budget in tokens, or null when only an effort was given
 * @param effort       "minimal", "low", "medium" or "high", or null when only a budget was given
 */
public record Reasoning(Integer budgetTokens, String effort) {

    /** The budget, or one derived from the effort. */
    public int budget() {
        if (budgetTokens != null) return budgetTokens;
        return switch (effort == null ? "medium" : effort) {
            case "minimal" -> 1024;
            case "low" -> 2048;
            case "high" -> 16384;
            default -> 8192;
        };
    }

    /** The effort, or one derived from the budget. */
    public String effortLevel() {
        if (effort != null) return effort;
        int b = budgetTokens;
        if (b <= 2048) return "low";
        if (b <= 8192) return "medium";
        return "high";
    }
}
