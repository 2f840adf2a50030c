import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Latency at one connection measured a second way: one keep-alive connection, one request at a time, a blocking
 * write and blocking reads of the whole answer, every latency kept (no histogram). wrk reports a tail for Baton at
 * one connection that this client does not always see against the same instance: both see the same slow group, and
 * p99 falls on either side of it (bench/README.md, "The tail at one connection"); the bench keeps both.
 *
 *   java bench/tools/SequentialLatency.java PORT PATH BODY [MODEL] [SECONDS]
 *
 * MODEL replaces the body's `model` (empty: unchanged). Prints one line: requests, p50, p90, p99, p99.9 in µs, and
 * how many took over a millisecond. Answers must carry content-length (non-streaming requests).
 */
public final class SequentialLatency {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String body = Files.readString(Path.of(args[2]));
        if (args.length > 3 && !args[3].isEmpty()) body = body.replaceFirst("\"model\":\"[^\"]*\"", "\"model\":\"" + args[3] + "\"");
        long seconds = args.length > 4 ? Long.parseLong(args[4]) : 5;
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + args[1] + " HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
                + "anthropic-version: 2023-06-01\r\ncontent-length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + bytes.length);
        System.arraycopy(bytes, 0, request, head.length, bytes.length);
        long[] latencies = new long[4_000_000];
        int n = 0;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 << 10);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end && n < latencies.length) {
                long start = System.nanoTime();
                out.write(request);
                readAnswer(in);
                latencies[n++] = System.nanoTime() - start;
            }
        }
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        long over = Arrays.stream(sorted).filter(l -> l > 1_000_000).count();
        System.out.printf(Locale.ROOT, "requests %d  p50 %d  p90 %d  p99 %d  p99.9 %d µs  over 1 ms: %d%n", n, at(sorted, 0.5),
                at(sorted, 0.9), at(sorted, 0.99), at(sorted, 0.999), over);
    }

    private static long at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1000;
    }

    private static void readAnswer(InputStream in) throws IOException {
        String status = line(in);
        if (!status.contains(" 200 ")) throw new IOException("answer: " + status);
        int length = -1;
        for (String l; !(l = line(in)).isEmpty(); ) {
            if (l.regionMatches(true, 0, "content-length:", 0, 15)) length = Integer.parseInt(l.substring(15).trim());
        }
        if (length < 0) throw new IOException("an answer without content-length");
        if (in.readNBytes(length).length != length) throw new EOFException();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new EOFException();
            if (c != '\r') b.append((char) c);
        }
        return b.toString();
    }
}
