package dev.baton.dialect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
    /** The current event's bytes so far. */
    private byte[] raw = new byte[256];
    private int rawSize;
    /** Where the line just read lies in {@link #raw}, its terminator left out. */
    private int lineFrom;
    private int lineTo;

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
        int dataFrom = -1; // the one data line's value, in raw
        int dataTo = -1;
        StringBuilder data = null; // from a second data line on
        rawSize = 0;
        while (true) {
            if (!readLine()) return null;
            if (lineFrom == lineTo) {
                if (event == null && dataFrom < 0) { // stray blank line (or only comments): keep reading
                    rawSize = 0;
                    continue;
                }
                byte[] bytes = Arrays.copyOf(raw, rawSize);
                if (data != null) return new SseEvent(event, data.toString(), bytes);
                return dataFrom < 0 ? new SseEvent(event, "", bytes) : new SseEvent(event, bytes, dataFrom, dataTo);
            }
            if (raw[lineFrom] == ':') continue;
            int colon = lineFrom;
            while (colon < lineTo && raw[colon] != ':') colon++;
            int value = colon == lineTo ? lineTo : colon + 1 < lineTo && raw[colon + 1] == ' ' ? colon + 2 : colon + 1;
            if (is(colon, "event")) {
                event = new String(raw, value, lineTo - value, StandardCharsets.UTF_8);
            } else if (is(colon, "data")) {
                if (dataFrom < 0) {
                    dataFrom = value;
                    dataTo = lineTo;
                } else {
                    if (data == null) data = new StringBuilder(new String(raw, dataFrom, dataTo - dataFrom, StandardCharsets.UTF_8));
                    data.append('\n').append(new String(raw, value, lineTo - value, StandardCharsets.UTF_8));
                }
            }
        }
    }

    /** Whether the current line's field name, which ends at {@code colon}, is {@code name}. */
    private boolean is(int colon, String name) {
        if (colon - lineFrom != name.length()) return false;
        for (int i = 0; i < name.length(); i++) if (raw[lineFrom + i] != name.charAt(i)) return false;
        return true;
    }

    private void keep(byte[] b, int off, int n) throws IOException {
        if (rawSize + n > MAX_EVENT_BYTES) throw new IOException("server-sent event larger than 16 MB");
        if (rawSize + n > raw.length) {
            raw = Arrays.copyOf(raw, Math.max(rawSize + n, 2 * raw.length));
        }
        System.arraycopy(b, off, raw, rawSize, n);
        rawSize += n;
    }

    /**
     * Reads one line, appending its bytes (terminator included) to {@link #raw} and setting where it lies there
     * without its terminator; false at the end of the stream. Copies runs of bytes, not byte by byte: relaying a stream
     * reads every byte of it here.
     */
    private boolean readLine() throws IOException {
        lineFrom = -1;
        while (true) {
            if (pos == len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    return false;
                }
            }
            if (crPending) { // the line before ended in CR: an LF right after it belongs to that terminator
                crPending = false;
                if (buf[pos] == '\n') {
                    keep(buf, pos++, 1);
                    continue;
                }
            }
            if (lineFrom < 0) lineFrom = rawSize;
            int start = pos;
            while (pos < len && buf[pos] != '\n' && buf[pos] != '\r') pos++;
            keep(buf, start, pos - start);
            if (pos == len) continue; // the line goes on in the next read
            lineTo = rawSize;
            byte b = buf[pos];
            keep(buf, pos++, 1);
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
                    if (buf[pos] == '\n') keep(buf, pos++, 1);
                } else {
                    crPending = true;
                }
            }
            break;
        }
        return true;
    }
}
