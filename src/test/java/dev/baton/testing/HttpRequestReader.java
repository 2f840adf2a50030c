package dev.baton.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads HTTP/1.1 requests off a socket: request line, headers, and a Content-Length or chunked body. */
final class HttpRequestReader {
    private static final int MAX_LINE = 64 * 1024;

    record Parsed(String method, String target, String version, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) return e.getValue().getFirst();
            }
            return null;
        }

        /** HTTP/1.1 keeps the connection open unless told otherwise; HTTP/1.0 closes unless told otherwise. */
        boolean keepAlive() {
            String connection = header("connection");
            String tokens = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
            return "HTTP/1.0".equals(version) ? tokens.contains("keep-alive") : !tokens.contains("close");
        }
    }

    static final class BadRequest extends IOException {
        BadRequest(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final OutputStream out;

    HttpRequestReader(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** The next request, or null if the client closed the connection between requests. */
    Parsed read() throws IOException {
        String requestLine = readLine();
        while (requestLine != null && requestLine.isEmpty()) requestLine = readLine(); // tolerate stray CRLFs
        if (requestLine == null) return null;
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) throw new BadRequest("bad request line: " + requestLine);

        Map<String, List<String>> headers = readHeaders();
        var parsed = new Parsed(parts[0], parts[1], parts[2], headers, new byte[0]);
        if ("100-continue".equalsIgnoreCase(parsed.header("expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        return new Parsed(parts[0], parts[1], parts[2], headers, readBody(parsed));
    }

    private Map<String, List<String>> readHeaders() throws IOException {
        var headers = new LinkedHashMap<String, List<String>>();
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) throw new BadRequest("bad header line: " + line);
            headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        return headers;
    }

    private byte[] readBody(Parsed request) throws IOException {
        String encoding = request.header("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) return readChunked();
        String length = request.header("content-length");
        if (length == null) return new byte[0];
        try {
            return readExactly(Integer.parseInt(length.trim()));
        } catch (NumberFormatException e) {
            throw new BadRequest("bad content-length: " + length);
        }
    }

    private byte[] readChunked() throws IOException {
        var body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            if (sizeLine == null) throw new IOException("eof in chunked body");
            int semicolon = sizeLine.indexOf(';'); // chunk extensions are legal and ignored
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new BadRequest("bad chunk size: " + sizeLine);
            }
            if (size == 0) break;
            body.writeBytes(readExactly(size));
            readLine(); // CRLF after the chunk data
        }
        readHeaders(); // trailers, ignored
        return body.toByteArray();
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) throw new IOException("eof in body after " + bytes.length + " of " + n + " bytes");
        return bytes;
    }

    /** A line without its CRLF (or bare LF), or null at end of stream before any byte. */
    private String readLine() throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') break;
            if (line.size() >= MAX_LINE) throw new BadRequest("line too long");
            line.write(b);
        }
        if (b == -1 && line.size() == 0) return null;
        byte[] bytes = line.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
    }
}
