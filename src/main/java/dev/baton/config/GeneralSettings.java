package dev.baton.config;

/**
 * `general_settings`.
 *
 * @param masterKey   `master_key` (or BATON_MASTER_KEY / LITELLM_MASTER_KEY), or null for an open gateway on loopback
 * @param databaseUrl `database_url` (or DATABASE_URL), or null for the embedded SQLite file
 */
public record GeneralSettings(Secret masterKey, String databaseUrl) {
    public static GeneralSettings defaults() {
        return new GeneralSettings(null, null);
    }
}
