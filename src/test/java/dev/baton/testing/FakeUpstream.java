package dev.baton.testing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What every fake provider shares: a {@link FakeServer} on 127.0.0.1 speaking the provider's {@link Dialect}, its
 * fault menu and the requests it recorded. Subclasses add the provider's replies and rules.
 */
public abstract class FakeUpstream implements AutoCloseable {
    private final String name;
    private FakeServer server;

    protected FakeUpstream(String name) {
        this.name = Objects.requireNonNull(name);
    }

    /** Starts serving; called once by the subclass's constructor when its own state is ready. */
    protected final void listen(Dialect dialect) {
        this.server = FakeServer.start(name, dialect);
    }

    public String name() {
        return name;
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** The next request gets this fault. */
    public void enqueue(Fault fault) {
        server.enqueue(fault);
    }

    /** Every request gets this fault until {@link #reset()}. */
    /** A requests-per-window rate limit this fake enforces and advertises from now on (null: none). */
    public void quota(RequestQuota quota) {
        server().quota(quota);
    }

    public void always(Fault fault) {
        server.always(fault);
    }

    /** No faults and no recorded requests; subclasses also forget their replies and rules. */
    public void reset() {
        server.reset();
    }

    public List<RecordedRequest> requests() {
        return server.requests();
    }

    public RecordedRequest takeRequest() {
        return server.takeRequest();
    }

    public RecordedRequest takeRequest(Duration timeout) {
        return server.takeRequest(timeout);
    }

    public int requestCount() {
        return server.requestCount();
    }

    /** Requests this fake refused as its provider would (invalid body, unknown model), faults aside. */
    public List<FakeServer.Refusal> refused() {
        return server.refused();
    }

    /** The underlying server, for what this class does not wrap. */
    public FakeServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + " " + baseUrl() + "]";
    }
}
