package dev.baton.journal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local HTTP endpoint standing in for Discord, Slack or a JSON webhook: records bodies, answers queued statuses. */
final class HookReceiver implements AutoCloseable {
    record Received(String path, String contentType, String body) {
    }

    private final HttpServer server;
    private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    HookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("content-type"), body));
            Integer status = statuses.poll();
            ex.sendResponseHeaders(status == null ? 204 : status, -1);
            ex.close();
        });
        server.start();
    }

    /** The next requests get these statuses, then 204. */
    HookReceiver answer(int... next) {
        for (int s : next) statuses.add(s);
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<String> bodies(String path) {
        return received.stream().filter(r -> r.path().equals(path)).map(Received::body).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
