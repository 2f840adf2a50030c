package dev.baton.keys;

import java.time.Duration;
import java.util.List;

/**
 * What a new virtual key may do, in LiteLLM's `/key/generate` terms.
 *
 * @param alias          `key_alias`, or null
 * @param models         `models`: groups or ids it may use (`claude-*` allowed); empty for all
 * @param maxBudget      `max_budget` in USD, or null
 * @param budgetDuration `budget_duration` (`30d`, `1h`, `1mo`), or null for a budget that never resets
 * @param rpmLimit       `rpm_limit`, or null
 * @param tpmLimit       `tpm_limit`, or null
 * @param validFor       LiteLLM's `duration`: how long until it expires, or null for never
 * @param key            a key of the caller's choosing (LiteLLM's `key`, must start with `sk-`), or null to generate one
 */
public record KeySpec(String alias, List<String> models, Double maxBudget, String budgetDuration, Integer rpmLimit,
                      Integer tpmLimit, Duration validFor, String key) {

    public KeySpec {
        models = models == null ? List.of() : List.copyOf(models);
    }
}
