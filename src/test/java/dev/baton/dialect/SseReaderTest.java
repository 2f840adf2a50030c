package dev.baton.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseReaderTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<SseEvent> readAll(InputStream in) throws IOException {
        SseReader r = new SseReader(in);
        List<SseEvent> out = new ArrayList<>();
        for (SseEvent e; (e = r.next()) != null; ) out.add(e);
        return out;
    }

    private static List<SseEvent> readAll(String s) throws IOException {
        return readAll(new ByteArrayInputStream(utf8(s)));
    }

    /** Hands out its bytes {@code chunk} at a time, as a slow network would (the rest has arrived: available). */
    private static InputStream trickle(byte[] bytes, int chunk) {
        return trickle(bytes, chunk, true);
    }

    private static InputStream trickle(byte[] bytes, int chunk, boolean reportsAvailable) {
        return new InputStream() {
            int pos;

            @Override
            public int available() {
                return reportsAvailable ? bytes.length - pos : 0;
            }

            @Override
            public int read() {
                return pos < bytes.length ? bytes[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= bytes.length) return -1;
                int n = Math.min(Math.min(len, chunk), bytes.length - pos);
                System.arraycopy(bytes, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    @ParameterizedTest(name = "line ending {0}")
    @ValueSource(strings = {"LF", "CRLF", "CR"})
    void splitsEventsOnEveryLineEnding(String ending) throws IOException {
        String nl = switch (ending) {
            case "LF" -> "\n";
            case "CRLF" -> "\r\n";
            default -> "\r";
        };
        String stream = "event: message_start" + nl + "data: {\"a\":1}" + nl + nl + "event: ping" + nl + "data: {}" + nl + nl;
        List<SseEvent> events = readAll(stream);
        assertThat(events).extracting(SseEvent::event).containsExactly("message_start", "ping");
        assertThat(events).extracting(SseEvent::data).containsExactly("{\"a\":1}", "{}");
    }

    @Test
    void joinsMultiLineDataWithNewlines() throws IOException {
        assertThat(readAll("data: first\ndata: second\ndata:third\n\n")).singleElement()
                .satisfies(e -> {
                    assertThat(e.data()).isEqualTo("first\nsecond\nthird");
                    assertThat(e.event()).isNull();
                    assertThat(e.type()).isEqualTo("message");
                });
    }

    @Test
    void skipsCommentsAndCommentOnlyBlocks() throws IOException {
        List<SseEvent> events = readAll(": keep-alive\n\n:another\nevent: ping\n: inside\ndata: {}\n\n");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("ping");
            assertThat(e.data()).isEqualTo("{}");
        });
    }

    @Test
    void fieldWithoutColonAndOnlyOneLeadingSpaceRemoved() throws IOException {
        assertThat(readAll("data\n\ndata:  two spaces\n\n")).extracting(SseEvent::data).containsExactly("", " two spaces");
    }

    @ParameterizedTest(name = "{0} byte(s) per read")
    @ValueSource(ints = {1, 2, 3, 7})
    void eventsSplitAcrossArbitraryReadBoundariesAreReassembled(int chunk) throws IOException {
        String stream = "event: content_block_delta\r\ndata: {\"text\":\"h\u00e9llo \u2603\"}\r\n\r\nevent: message_stop\rdata: {}\r\r";
        List<SseEvent> events = readAll(trickle(utf8(stream), chunk));
        assertThat(events).extracting(SseEvent::event).containsExactly("content_block_delta", "message_stop");
        assertThat(events.get(0).data()).isEqualTo("{\"text\":\"h\u00e9llo \u2603\"}");
    }

    @ParameterizedTest(name = "{0} byte(s) per read")
    @ValueSource(ints = {1000, 1024, 1025, 65536})
    void eventsLargerThanTheReadersBufferComeWholeWithMultiByteCharactersAcrossItsEdges(int chunk) throws IOException {
        // a tool call's arguments in one event: many times the reader's buffer, with two- and three-byte characters
        // that land on every buffer boundary somewhere
        String big = "{\"partial_json\":\"" + "caf\u00e9 \u2603 ".repeat(900) + "\"}";
        String first = "event: content_block_delta\r\ndata: " + big + "\r\n\r\n";
        String second = "event: content_block_stop\ndata: {\"index\":0}\n\n";
        List<SseEvent> events = readAll(trickle(utf8(first + second), chunk));
        assertThat(events).extracting(SseEvent::data).containsExactly(big, "{\"index\":0}");
        assertThat(new String(events.get(0).raw(), StandardCharsets.UTF_8)).isEqualTo(first);
        assertThat(new String(events.get(1).raw(), StandardCharsets.UTF_8)).isEqualTo(second);
    }

    @Test
    void keepsEachEventsRawBytes() throws IOException {
        String first = "event: a\r\ndata: 1\r\n\r\n";
        String second = "event: b\n: note\ndata: 2\n\n";
        List<SseEvent> events = readAll(trickle(utf8(first + second), 1));
        assertThat(new String(events.get(0).raw(), StandardCharsets.UTF_8)).isEqualTo(first);
        assertThat(new String(events.get(1).raw(), StandardCharsets.UTF_8)).isEqualTo(second);
    }

    @ParameterizedTest(name = "{0} byte(s) per read")
    @ValueSource(ints = {1, 2, 5})
    void rawBytesOfALiveCrlfStreamAddUpToTheInput(int chunk) throws IOException {
        // nothing reported as available: a CR is never peeked past, its LF travels with the next event's bytes
        String stream = "event: a\r\ndata: 1\r\n\r\nevent: b\r\ndata: 2\r\n\r\nevent: c\r\ndata: 3\r\n\r\n";
        List<SseEvent> events = readAll(trickle(utf8(stream), chunk, false));
        assertThat(events).extracting(SseEvent::data).containsExactly("1", "2", "3");
        StringBuilder all = new StringBuilder();
        events.forEach(e -> all.append(new String(e.raw(), StandardCharsets.UTF_8)));
        assertThat(stream).startsWith(all.toString());
        assertThat(stream.length() - all.length()).isLessThanOrEqualTo(1);
    }

    @Test
    void cleanEndOfStreamReturnsNull() throws IOException {
        SseReader r = new SseReader(new ByteArrayInputStream(utf8("data: x\n\n")));
        assertThat(r.next()).isNotNull();
        assertThat(r.next()).isNull();
        assertThat(r.next()).isNull();
        assertThat(new SseReader(new ByteArrayInputStream(new byte[0])).next()).isNull();
    }

    @Test
    void partialFinalEventIsDropped() throws IOException {
        assertThat(readAll("data: whole\n\ndata: half\n")).extracting(SseEvent::data).containsExactly("whole");
        assertThat(readAll("data: whole\n\nevent: cut")).extracting(SseEvent::data).containsExactly("whole");
    }

    @Test
    void eventEndingInCrIsDeliveredWithoutWaitingForMoreBytes() throws IOException {
        // A live stream with CR line endings: the event is complete at its second CR. The reader must not block
        // waiting for the next byte to learn whether an LF follows.
        byte[] bytes = utf8("event: ping\rdata: {}\r\r");
        InputStream live = new InputStream() {
            int pos;

            @Override
            public int read() throws IOException {
                if (pos >= bytes.length) throw new IOException("would block: the upstream has sent nothing more yet");
                return bytes[pos++] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= bytes.length) throw new IOException("would block: the upstream has sent nothing more yet");
                int n = Math.min(len, bytes.length - pos);
                System.arraycopy(bytes, pos, b, off, n);
                pos += n;
                return n;
            }
        };
        SseEvent e = new SseReader(live).next();
        assertThat(e.event()).isEqualTo("ping");
        assertThat(e.data()).isEqualTo("{}");
    }

    /**
     * Random streams (LF, CR and CRLF endings, comments, fields without colons, several data lines, spaces, non-ASCII
     * text and Unicode spaces, read in random pieces) against a reference reading of the WHATWG rules on the decoded
     * text: the same events, each event's raw bytes adding up to the input, and the data tests agreeing with String's.
     */
    @Test
    void readsRandomStreamsAsTheReferenceDoes() throws IOException {
        java.util.Random random = new java.util.Random(20261205);
        String[] endings = {"\n", "\r", "\r\n"};
        String[] values = {"", " ", "[DONE]", " [DONE] ", "{\"a\":1}", " {\"prompt_tokens\":3} ", "\u2003[DONE]", "{x}\u3000",
                "caf\u00e9", "\t{}", "\u00e9{", "}", "{", "prompt_tokens", "\"prompt_tokens\""};
        String[] fields = {"data", "data", "data", "event", "id", "retry", "dat", "datax", ""};
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int lines = random.nextInt(12);
            for (int i = 0; i < lines; i++) {
                String ending = endings[random.nextInt(endings.length)];
                switch (random.nextInt(6)) {
                    case 0 -> text.append(ending); // a blank line: ends an event
                    case 1 -> text.append(':').append(values[random.nextInt(values.length)]).append(ending);
                    case 2 -> text.append(fields[random.nextInt(fields.length)]).append(ending); // no colon
                    default -> text.append(fields[random.nextInt(fields.length)]).append(random.nextBoolean() ? ": " : ":")
                            .append(values[random.nextInt(values.length)]).append(ending);
                }
            }
            String input = text.toString();
            List<String[]> expected = reference(input);
            byte[] bytes = utf8(input);
            List<SseEvent> got = readAll(trickle(bytes, 1 + random.nextInt(40), false));
            assertThat(got).as("events of %s", input).hasSize(expected.size());
            for (int i = 0; i < got.size(); i++) {
                SseEvent e = got.get(i);
                String data = expected.get(i)[1];
                assertThat(e.event()).as("event of %s", input).isEqualTo(expected.get(i)[0]);
                assertThat(e.data()).as("data of %s", input).isEqualTo(data);
                String stripped = data.strip();
                assertThat(e.dataIs("")).isEqualTo(stripped.isEmpty());
                assertThat(e.dataIs("[DONE]")).isEqualTo(stripped.equals("[DONE]"));
                assertThat(e.dataLooksLikeObject()).as("object? %s", data).isEqualTo(stripped.startsWith("{") && stripped.endsWith("}"));
                assertThat(e.dataContains("\"prompt_tokens\"")).isEqualTo(data.contains("\"prompt_tokens\""));
            }
        }
    }

    /** The WHATWG event-stream rules on decoded text: each event's {type or null, data}. */
    private static List<String[]> reference(String text) {
        List<String[]> events = new ArrayList<>();
        String event = null;
        StringBuilder data = null;
        int at = 0;
        while (true) {
            int end = at;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') end++;
            if (end == text.length()) return events; // no terminator: a partial line, dropped with its event
            String line = text.substring(at, end);
            at = end + (text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n' ? 2 : 1);
            if (line.isEmpty()) {
                if (event != null || data != null) events.add(new String[] {event, data == null ? "" : data.toString()});
                event = null;
                data = null;
                continue;
            }
            if (line.charAt(0) == ':') continue;
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).startsWith(" ") ? line.substring(colon + 2) : line.substring(colon + 1);
            if (field.equals("event")) event = value;
            else if (field.equals("data")) data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
    }
}
