package dev.baton.config;

import java.util.Map;

/**
 * `general_settings`.
 *
 * @param masterKey              `master_key` (or BATON_MASTER_KEY / LITELLM_MASTER_KEY), or null for an open gateway on loopback
 * @param databaseUrl            `database_url` (or DATABASE_URL), or null for the embedded SQLite file
 * @param allowMasterKeyTraffic  `allow_master_key_traffic`: false keeps the master key to administration; null (unset)
 *                               and true let it send model traffic (see docs/keys.md)
 * @param metricsNeedAuth        `require_auth_for_metrics_endpoint` (LiteLLM's name): `/metrics` asks for the master key
 */
public record GeneralSettings(Secret masterKey, String databaseUrl, Boolean allowMasterKeyTraffic, boolean metricsNeedAuth) {

    public GeneralSettings(Secret masterKey, String databaseUrl) {
        this(masterKey, databaseUrl, null, false);
    }

    public static GeneralSettings defaults() {
        return new GeneralSettings(null, null);
    }

    /**
     * What the config says, with the environment filling what it leaves out: BATON_MASTER_KEY, then
     * LITELLM_MASTER_KEY for the master key; DATABASE_URL for the database. Empty variables count as unset.
     */
    public static GeneralSettings withEnvironment(Secret masterKey, String databaseUrl, Map<String, String> env) {
        return withEnvironment(masterKey, databaseUrl, null, false, env);
    }

    public static GeneralSettings withEnvironment(Secret masterKey, String databaseUrl, Boolean allowMasterKeyTraffic,
                                                 boolean metricsNeedAuth, Map<String, String> env) {
        if (masterKey == null) {
            String fromEnv = nonEmpty(env.get("BATON_MASTER_KEY"));
            if (fromEnv == null) fromEnv = nonEmpty(env.get("LITELLM_MASTER_KEY"));
            masterKey = fromEnv == null ? null : Secret.of(fromEnv);
        }
        if (databaseUrl == null) databaseUrl = nonEmpty(env.get("DATABASE_URL"));
        return new GeneralSettings(masterKey, databaseUrl, allowMasterKeyTraffic, metricsNeedAuth);
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
