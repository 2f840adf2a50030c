package dev.baton.provider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A POST's request line and headers, made before its body's length is known: the body is written first into the
 * array of the socket write, after room for the head, and the head with its {@code content-length} placed before it,
 * so that head and body leave in one write without being copied together.
 */
final class RequestHead {
    /** Headers the transport writes itself. */
    private static final Set<String> OWN_HEADERS = Set.of("host", "content-length", "connection", "transfer-encoding");
    private static final byte[] LENGTH = "content-length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_DIGITS = 10;

    /** The head up to the content-length line. */
    private final byte[] lines;

    private RequestHead(byte[] lines) {
        this.lines = lines;
    }

    static RequestHead post(URI uri, Map<String, String> headers) {
        StringBuilder h = new StringBuilder(256);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
        h.append("POST ").append(path).append(" HTTP/1.1\r\nhost: ").append(uri.getHost());
        if (uri.getPort() > 0) h.append(':').append(uri.getPort());
        h.append("\r\n");
        headers.forEach((name, value) -> {
            if (value == null || OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) return;
            if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) return;
            h.append(name).append(": ").append(value).append("\r\n");
        });
        if (!headers.containsKey("content-type")) h.append("content-type: application/json\r\n");
        return new RequestHead(h.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The most bytes the head takes, whatever the body's length: the room to leave before the body. */
    int maxLength() {
        return lines.length + LENGTH.length + MAX_DIGITS + END.length;
    }

    /** Writes the head for a body of {@code length} bytes so that it ends at {@code end}; returns where it starts. */
    int placeBefore(byte[] buf, int end, int length) {
        String digits = Integer.toString(length);
        int start = end - END.length - digits.length() - LENGTH.length - lines.length;
        int at = start;
        System.arraycopy(lines, 0, buf, at, lines.length);
        at += lines.length;
        System.arraycopy(LENGTH, 0, buf, at, LENGTH.length);
        at += LENGTH.length;
        for (int i = 0; i < digits.length(); i++) buf[at++] = (byte) digits.charAt(i);
        System.arraycopy(END, 0, buf, at, END.length);
        return start;
    }

    /** The head for a body of {@code length} bytes, on its own. */
    byte[] bytes(int length) {
        byte[] b = new byte[lines.length + LENGTH.length + Integer.toString(length).length() + END.length];
        placeBefore(b, b.length, length);
        return b;
    }
}
