package dev.baton.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes HTTP/1.1 responses: status line and headers, then raw body bytes or chunks. Flushes eagerly. */
final class ResponseWriter {
    private final OutputStream out;

    ResponseWriter(OutputStream out) {
        this.out = out;
    }

    /** Starts a response; {@code contentLength < 0} means the body follows as chunks. */
    void head(int status, Map<String, String> headers, long contentLength, boolean keepAlive) throws IOException {
        var head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (contentLength >= 0) head.append("content-length: ").append(contentLength).append("\r\n");
        else head.append("transfer-encoding: chunked\r\n");
        if (!keepAlive) head.append("connection: close\r\n");
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    void bytes(byte[] body, int from, int to) throws IOException {
        out.write(body, from, to - from);
        out.flush();
    }

    void chunk(byte[] data) throws IOException {
        if (data.length == 0) return; // a zero-length chunk would end the body
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    void endChunks() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 529 -> "Overloaded";
            default -> "Status " + status;
        };
    }
}
