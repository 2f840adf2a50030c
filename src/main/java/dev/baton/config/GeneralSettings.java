package dev.baton.config;

import java.util.Map;

/**
 * `general_settings`.
 *
 * @param masterKey              `master_key` (or BATON_MASTER_KEY / LITELLM_MASTER_KEY), or null for an open gateway on loopback
 * @param database               `database_url` (or DATABASE_URL), or null for the embedded SQLite file; a secret, since it
 *                               usually holds a password, and so resolved only by the commands that open the store
 * @param allowMasterKeyTraffic  `allow_master_key_traffic`: false keeps the master key to administration; null (unset)
 *                               and true let it send model traffic (see docs/keys.md)
 * @param metricsNeedAuth        `require_auth_for_metrics_endpoint` (LiteLLM's name): `/metrics` asks for the master key
 */
public record GeneralSettings(Secret masterKey, Secret database, Boolean allowMasterKeyTraffic, boolean metricsNeedAuth) {

    public GeneralSettings(Secret masterKey, Secret database) {
        this(masterKey, database, null, false);
    }

    public static GeneralSettings defaults() {
        return new GeneralSettings(null, null);
    }

    /** The database URL, or null for SQLite; a {@link ConfigException} naming file, line and variable when that is not set. */
    public String databaseUrl() {
        return database == null ? null : database.reveal();
    }

    /**
     * What the config says, with the environment filling what it leaves out: BATON_MASTER_KEY, then
     * LITELLM_MASTER_KEY for the master key; DATABASE_URL for the database. Empty variables count as unset.
     */
    public static GeneralSettings withEnvironment(Secret masterKey, Secret database, Map<String, String> env) {
        return withEnvironment(masterKey, database, null, false, env);
    }

    public static GeneralSettings withEnvironment(Secret masterKey, Secret database, Boolean allowMasterKeyTraffic,
                                                 boolean metricsNeedAuth, Map<String, String> env) {
        if (masterKey == null) {
            String fromEnv = nonEmpty(env.get("BATON_MASTER_KEY"));
            if (fromEnv == null) fromEnv = nonEmpty(env.get("LITELLM_MASTER_KEY"));
            masterKey = fromEnv == null ? null : Secret.of(fromEnv);
        }
        if (database == null && nonEmpty(env.get("DATABASE_URL")) != null) database = Secret.of(env.get("DATABASE_URL"));
        return new GeneralSettings(masterKey, database, allowMasterKeyTraffic, metricsNeedAuth);
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
