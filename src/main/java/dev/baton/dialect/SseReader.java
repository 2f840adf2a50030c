package dev.baton.dialect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a text/event-stream into events (WHATWG rules: lines end in LF, CRLF or CR; a blank line ends an event;
 * lines starting with ':' are comments). Keeps each event's raw bytes so same-dialect streams pass through unchanged.
 */
public final class SseReader {
    private static final int MAX_EVENT_BYTES = 16 << 20;

    private final InputStream in;
    // Small: thousands of open streams each hold one, and an upstream's bytes are already buffered by its connection
    // (reads this size never go to the socket themselves), so a smaller buffer costs copies, not system calls.
    private final byte[] buf = new byte[1024];
    private int pos;
    private int len;
    private boolean crPending;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream(256);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    public SseReader(InputStream in) {
        this.in = in;
    }

    /** Whether more of the stream has already arrived (the next {@link #next()} may not have to wait for it). */
    public boolean hasBuffered() throws IOException {
        return pos < len || in.available() > 0;
    }

    /** The next event, or null at a clean end of stream (a partial event at the end is dropped, as the spec says). */
    public SseEvent next() throws IOException {
        String event = null;
        StringBuilder data = null;
        raw.reset();
        while (true) {
            String l = readLine();
            if (l == null) return null;
            if (l.isEmpty()) {
                if (event == null && data == null) { // stray blank line (or only comments): keep reading
                    raw.reset();
                    continue;
                }
                return new SseEvent(event, data == null ? "" : data.toString(), raw.toByteArray());
            }
            if (l.charAt(0) == ':') continue;
            int colon = l.indexOf(':');
            String field = colon < 0 ? l : l.substring(0, colon);
            String value = colon < 0 ? "" : l.substring(colon + 1 < l.length() && l.charAt(colon + 1) == ' ' ? colon + 2 : colon + 1);
            if (field.equals("event")) {
                event = value;
            } else if (field.equals("data")) {
                if (data == null) data = new StringBuilder(value.length());
                else data.append('\n');
                data.append(value);
            }
        }
    }

    /**
     * Reads one line without its terminator, appending the raw bytes (terminator included) to {@code raw}. Copies
     * runs of bytes, not byte by byte: relaying a stream reads every byte of it here.
     */
    private String readLine() throws IOException {
        line.reset();
        while (true) {
            if (pos == len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    return null;
                }
            }
            if (crPending) { // the line before ended in CR: an LF right after it belongs to that terminator
                crPending = false;
                if (buf[pos] == '\n') {
                    raw.write(buf[pos++]);
                    continue;
                }
            }
            int start = pos;
            while (pos < len && buf[pos] != '\n' && buf[pos] != '\r') pos++;
            raw.write(buf, start, pos - start);
            line.write(buf, start, pos - start);
            if (raw.size() > MAX_EVENT_BYTES) throw new IOException("server-sent event larger than 16 MB");
            if (pos == len) continue; // the line goes on in the next read
            byte b = buf[pos++];
            raw.write(b);
            if (b == '\r') {
                // Peek for the LF of a CRLF, but only at bytes that have arrived: a CR may end the event, and a live
                // stream must deliver it now rather than when the upstream next sends something.
                if (pos == len && in.available() > 0) {
                    len = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        break;
                    }
                }
                if (pos < len) {
                    if (buf[pos] == '\n') raw.write(buf[pos++]);
                } else {
                    crPending = true;
                }
            }
            break;
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
