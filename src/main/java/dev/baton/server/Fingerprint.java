package dev.baton.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A short, one-way name for a secret, so keys can be told apart in state and logs without being shown. */
final class Fingerprint {
    private Fingerprint() {
    }

    static String of(String... parts) {
        MessageDigest sha = sha256();
        for (String p : parts) {
            if (p != null) sha.update(p.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }

    /** A name for {@code bytes} under {@code prefix} (a request body under a caller's credentials), without copying them. */
    static String of(String prefix, byte[] bytes) {
        MessageDigest sha = sha256();
        if (prefix != null) sha.update(prefix.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(bytes);
        sha.update((byte) 0);
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
