package dev.baton.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location as LiteLLM users write it (`postgresql://user:password@host:5432/db?sslmode=require`, also
 * `postgres://` and plain `jdbc:postgresql://`), split into what the JDBC driver wants: a URL without credentials,
 * a user and a password. {@link #toString} and every error leave the password out.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    public static boolean isPostgres(String url) {
        String u = url.strip().toLowerCase(java.util.Locale.ROOT);
        return u.startsWith("postgresql://") || u.startsWith("postgres://") || u.startsWith("jdbc:postgresql:");
    }

    public static DatabaseUrl parse(String url) {
        String u = url.strip();
        if (u.startsWith("jdbc:postgresql:")) return new DatabaseUrl(u, null, null);
        if (!isPostgres(u)) {
            throw new IllegalArgumentException("database_url must be a postgresql:// URL (SQLite is the default without one)");
        }
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("database_url is not a valid postgresql:// URL"); // the URL may hold a password
        }
        if (uri.getHost() == null) throw new IllegalArgumentException("database_url names no host");
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            if (colon >= 0) password = decode(info.substring(colon + 1));
        }
        String host = uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost();
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(host);
        if (uri.getPort() > 0) jdbc.append(':').append(uri.getPort());
        jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (uri.getRawQuery() != null) jdbc.append('?').append(uri.getRawQuery());
        return new DatabaseUrl(jdbc.toString(), user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The JDBC URL as shown in logs: a `password=` parameter inside it is masked. */
    @Override
    public String toString() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***") + (user == null ? "" : " as " + user);
    }
}
