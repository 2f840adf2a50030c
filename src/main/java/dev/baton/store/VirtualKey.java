package dev.baton.store;

import java.time.Instant;
import java.util.List;

/**
 * A virtual key as stored: its SHA-256 (the key itself is never kept) and its limits, in LiteLLM's terms.
 *
 * @param keyHash        SHA-256 of the key, hex (LiteLLM's `token`)
 * @param keyName        the key abbreviated for display, `sk-baton-...a1b2` (LiteLLM's `key_name`)
 * @param alias          `key_alias`, or null
 * @param models         model groups or ids it may use (`claude-*` patterns allowed); empty means all
 * @param maxBudget      `max_budget` in USD, or null for none
 * @param budgetDuration `budget_duration` as written (`30d`, `1h`, `1mo`), or null for a budget that never resets
 * @param rpmLimit       `rpm_limit`, or null
 * @param tpmLimit       `tpm_limit`, or null
 * @param expiresAt      when it stops working, or null
 * @param revokedAt      when it was revoked, or null
 */
public record VirtualKey(
        String keyHash,
        String keyName,
        String alias,
        List<String> models,
        Double maxBudget,
        String budgetDuration,
        Integer rpmLimit,
        Integer tpmLimit,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt) {

    public VirtualKey {
        models = List.copyOf(models);
    }

    /** Not revoked and not expired. */
    public boolean active(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** What logs, reports and metrics call the key: its alias, else its abbreviated name. */
    public String label() {
        return alias != null ? alias : keyName;
    }
}
