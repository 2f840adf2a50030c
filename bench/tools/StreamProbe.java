import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's stream client (run as `java StreamProbe.java ...`, no dependencies).
 *
 * ttft PORT PATH BODY HEADERS N          N streamed requests one after another on one keep-alive connection; prints
 *                                        the time to the first content_block_delta byte and to the end (p50/p99, ms)
 * hold PORT PATH BODY HEADERS COUNT PID  opens COUNT streams, 100 at a time (each wave once the one before has
 *                                        had its first deltas: streams that start over seconds, not in one burst),
 *                                        samples the resident memory of process PID while all are open, closes them
 *
 * HEADERS is "name: value|name: value" (may be empty); BODY is a file; everything goes to 127.0.0.1.
 */
public final class StreamProbe {
    private static final byte[] FIRST_TOKEN = "content_block_delta".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        byte[] request = request(port, args[2], Files.readAllBytes(Path.of(args[3])), args[4]);
        switch (args[0]) {
            case "ttft" -> ttft(port, request, Integer.parseInt(args[5]));
            case "hold" -> hold(port, request, Integer.parseInt(args[5]), Long.parseLong(args[6]));
            default -> throw new IllegalArgumentException("mode: ttft or hold");
        }
    }

    static byte[] request(int port, String path, byte[] body, String headers) {
        StringBuilder h = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nanthropic-version: 2023-06-01\r\nContent-Length: " + body.length + "\r\n");
        for (String pair : headers.split("\\|")) if (pair.contains(":")) h.append(pair.strip()).append("\r\n");
        byte[] head = h.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout(120_000);
        return s;
    }

    static void ttft(int port, byte[] request, int n) throws Exception {
        long[] first = new long[n];
        long[] total = new long[n];
        int warm = Math.max(20, n / 5);
        Socket s = connect(port);
        OutputStream out = s.getOutputStream();
        InputStream in = new BufferedInputStream(s.getInputStream(), 65536);
        for (int i = -warm; i < n; i++) {
            long t0 = System.nanoTime();
            out.write(request);
            out.flush();
            long[] times = readResponse(in, t0);
            if (i >= 0) {
                first[i] = times[0];
                total[i] = times[1];
            }
        }
        s.close();
        Arrays.sort(first);
        Arrays.sort(total);
        System.out.printf(Locale.ROOT, "PROBE_JSON {\"n\":%d,\"ttft_p50\":%.3f,\"ttft_p99\":%.3f,\"total_p50\":%.3f,\"total_p99\":%.3f}%n",
                n, ms(first[n / 2]), ms(first[(int) (n * 0.99)]), ms(total[n / 2]), ms(total[(int) (n * 0.99)]));
    }

    /** Reads one response; returns {nanos to the first delta (or to the end when none), nanos to the end}. */
    static long[] readResponse(InputStream in, long t0) throws IOException {
        String status = line(in);
        if (status == null) throw new IOException("connection closed");
        if (!status.startsWith("HTTP/1.1 200")) throw new IOException("answer: " + status);
        long length = -1;
        boolean chunked = false;
        for (String h; !(h = line(in)).isEmpty(); ) {
            String l = h.toLowerCase(Locale.ROOT);
            if (l.startsWith("content-length:")) length = Long.parseLong(l.substring(15).strip());
            if (l.startsWith("transfer-encoding:") && l.contains("chunked")) chunked = true;
        }
        Matcher m = new Matcher();
        long firstAt = -1;
        if (chunked) {
            while (true) {
                long size = Long.parseLong(line(in).split(";")[0].strip(), 16);
                if (size == 0) {
                    line(in);
                    break;
                }
                for (long k = 0; k < size; k++) {
                    int b = in.read();
                    if (b < 0) throw new IOException("truncated chunk");
                    if (firstAt < 0 && m.feed(b)) firstAt = System.nanoTime() - t0;
                }
                line(in);
            }
        } else {
            for (long k = 0; k < length; k++) {
                int b = in.read();
                if (b < 0) throw new IOException("truncated body");
                if (firstAt < 0 && m.feed(b)) firstAt = System.nanoTime() - t0;
            }
        }
        long end = System.nanoTime() - t0;
        return new long[] {firstAt < 0 ? end : firstAt, end};
    }

    static void hold(int port, byte[] request, int count, long pid) throws Exception {
        long before = rssKb(pid);
        CountDownLatch opened = new CountDownLatch(count);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        int wave = 100;
        for (int i = 0; i < count; i++) {
            if (i > 0 && i % wave == 0) { // the previous wave has its first tokens before the next one starts
                while (opened.getCount() > count - i) Thread.sleep(5);
            }
            threads.add(Thread.startVirtualThread(() -> {
                boolean counted = false;
                try (Socket s = connect(port)) {
                    s.getOutputStream().write(request);
                    InputStream in = new BufferedInputStream(s.getInputStream(), 4096);
                    // a refusal (a 503 while the heap is short) is a failed stream, not one waited for until the end
                    if (!statusLine(in).contains(" 200 ")) throw new IOException("refused");
                    Matcher m = new Matcher();
                    for (int b; (b = in.read()) >= 0; ) {
                        if (m.feed(b)) break;
                    }
                    ok.incrementAndGet();
                    opened.countDown();
                    counted = true;
                    release.await();
                } catch (Exception e) {
                    failed.incrementAndGet();
                } finally {
                    if (!counted) opened.countDown();
                }
            }));
        }
        opened.await(120, TimeUnit.SECONDS);
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (int i = 0; i < 20; i++) { // the streams stay open while we look
            peak = Math.max(peak, rssKb(pid));
            Thread.sleep(250);
        }
        release.countDown();
        for (Thread t : threads) t.join(30_000);
        System.out.printf(Locale.ROOT, "PROBE_JSON {\"streams\":%d,\"failed\":%d,\"open_s\":%.1f,\"rss_before_mb\":%.1f,\"rss_open_mb\":%.1f}%n",
                ok.get(), failed.get(), openSeconds, before / 1024.0, peak / 1024.0);
    }

    /** VmRSS of a process and its children (a node or java launcher may fork): summed over the process tree. */
    static long rssKb(long pid) {
        long sum = 0;
        for (long p : ProcessHandle.of(pid).map(h -> {
            List<Long> all = new ArrayList<>(List.of(h.pid()));
            h.descendants().forEach(d -> all.add(d.pid()));
            return all;
        }).orElse(List.of())) {
            try {
                for (String l : Files.readAllLines(Path.of("/proc/" + p + "/status"))) {
                    if (l.startsWith("VmRSS:")) sum += Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            } catch (IOException gone) {
                // exited
            }
        }
        return sum;
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Finds "content_block_delta" in a byte stream. */
    static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) line.append((char) b);
        return line.toString();
    }

    static final class Matcher {
        private int matched;

        boolean feed(int b) {
            if (b == FIRST_TOKEN[matched]) {
                matched++;
            } else {
                matched = b == FIRST_TOKEN[0] ? 1 : 0;
            }
            if (matched == FIRST_TOKEN.length) {
                matched = 0;
                return true;
            }
            return false;
        }
    }
}
