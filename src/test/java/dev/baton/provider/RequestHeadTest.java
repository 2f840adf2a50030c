package dev.baton.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestHeadTest {
    private static final URI URI_ = URI.create("http://127.0.0.1:8080/v1/chat/completions?api-version=1");

    @Test
    void theHeadEndsWhereTheBodyStartsForEveryLengthOfItsLength() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("authorization", "Bearer k");
        headers.put("accept", "text/event-stream");
        RequestHead head = RequestHead.post(URI_, headers);
        String lines = "POST /v1/chat/completions?api-version=1 HTTP/1.1\r\nhost: 127.0.0.1:8080\r\nauthorization: Bearer k\r\n"
                + "accept: text/event-stream\r\ncontent-type: application/json\r\n";
        for (int length : new int[] {0, 9, 10, 99, 100, 71_234, 999_999_999, Integer.MAX_VALUE}) {
            String expected = lines + "content-length: " + length + "\r\n\r\n";
            byte[] buf = new byte[head.maxLength() + 3];
            Arrays.fill(buf, (byte) '#');
            int start = head.placeBefore(buf, head.maxLength(), length);
            assertThat(start).isGreaterThanOrEqualTo(0);
            assertThat(new String(buf, start, head.maxLength() - start, StandardCharsets.US_ASCII)).isEqualTo(expected);
            assertThat(new String(buf, head.maxLength(), 3, StandardCharsets.US_ASCII)).isEqualTo("###"); // the body's bytes untouched
            assertThat(new String(head.bytes(length), StandardCharsets.US_ASCII)).isEqualTo(expected);
        }
    }

    @Test
    void headersTheTransportWritesItselfOrThatWouldSplitTheHeadAreLeftOut() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Length", "5");
        headers.put("Host", "elsewhere");
        headers.put("connection", "close");
        headers.put("x-injected", "a\r\nx-evil: 1");
        headers.put("content-type", "application/x-www-form-urlencoded");
        String head = new String(RequestHead.post(URI.create("https://example.test/token"), headers).bytes(3), StandardCharsets.US_ASCII);
        assertThat(head).isEqualTo("POST /token HTTP/1.1\r\nhost: example.test\r\ncontent-type: application/x-www-form-urlencoded\r\n"
                + "content-length: 3\r\n\r\n");
    }
}
