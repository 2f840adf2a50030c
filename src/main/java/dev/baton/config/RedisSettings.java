package dev.baton.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where the shared state lives when several Baton instances run: LiteLLM's `router_settings.redis_host`,
 * `redis_port`, `redis_password`, else the environment's `REDIS_URL` (`redis://[:password@]host[:port][/db]`,
 * `rediss://` for TLS) or `REDIS_HOST` / `REDIS_PORT` / `REDIS_PASSWORD`.
 *
 * @param password never logged: {@link Secret} hides it
 */
public record RedisSettings(String host, int port, Secret password, int database, boolean tls) {
    public static final int DEFAULT_PORT = 6379;

    /** The settings, or null when neither the config nor the environment names a Redis. */
    public static RedisSettings of(String host, Integer port, Secret password, Map<String, String> env) {
        if (host == null) {
            String url = nonEmpty(env.get("REDIS_URL"));
            if (url != null) return parseUrl(url);
            host = nonEmpty(env.get("REDIS_HOST"));
            if (host == null) return null;
            if (port == null && nonEmpty(env.get("REDIS_PORT")) != null) port = Integer.parseInt(env.get("REDIS_PORT").strip());
            if (password == null && nonEmpty(env.get("REDIS_PASSWORD")) != null) password = Secret.of(env.get("REDIS_PASSWORD"));
        }
        return new RedisSettings(host, port == null ? DEFAULT_PORT : port, password, 0, false);
    }

    /** `redis://:password@host:port/db`; the error never repeats the URL, since it may hold the password. */
    public static RedisSettings parseUrl(String url) {
        URI u;
        try {
            u = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("REDIS_URL is not a valid redis:// URL");
        }
        if (u.getScheme() == null || !(u.getScheme().equals("redis") || u.getScheme().equals("rediss")) || u.getHost() == null) {
            throw new ConfigException("REDIS_URL must look like redis://[:password@]host[:port][/db]");
        }
        Secret password = null;
        String info = u.getRawUserInfo();
        if (info != null) {
            String p = info.contains(":") ? info.substring(info.indexOf(':') + 1) : info;
            if (!p.isEmpty()) password = Secret.of(URLDecoder.decode(p, StandardCharsets.UTF_8));
        }
        int db = 0;
        String path = u.getPath();
        if (path != null && path.length() > 1) db = Integer.parseInt(path.substring(1));
        return new RedisSettings(u.getHost(), u.getPort() < 0 ? DEFAULT_PORT : u.getPort(), password, db, u.getScheme().equals("rediss"));
    }

    private static String nonEmpty(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
