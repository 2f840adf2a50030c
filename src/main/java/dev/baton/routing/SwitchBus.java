package dev.baton.routing;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process bus for {@link SwitchEvent}s. Publishing never blocks the request: events go through a bounded queue
 * to one dispatcher thread; when the queue is full the event is dropped, counted and logged.
 */
public final class SwitchBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchBus.class);

    private final BlockingQueue<SwitchEvent> queue = new ArrayBlockingQueue<>(10_000);
    private final List<Consumer<SwitchEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread dispatcher;

    public SwitchBus() {
        dispatcher = Thread.ofVirtual().name("baton-switch-bus").start(this::dispatch);
    }

    public void subscribe(Consumer<SwitchEvent> listener) {
        listeners.add(listener);
    }

    public void publish(SwitchEvent event) {
        LOG.info("switch: session={} group={} {} -> {} ({})", event.session(), event.group(), event.from(), event.to(), event.reason());
        if (!queue.offer(event)) {
            long n = dropped.incrementAndGet();
            LOG.warn("switch event dropped, listeners are behind ({} dropped so far)", n);
        }
    }

    public long dropped() {
        return dropped.get();
    }

    private void dispatch() {
        while (!Thread.currentThread().isInterrupted()) {
            SwitchEvent e;
            try {
                e = queue.take();
            } catch (InterruptedException stop) {
                return;
            }
            for (Consumer<SwitchEvent> l : listeners) {
                try {
                    l.accept(e);
                } catch (RuntimeException ex) {
                    LOG.warn("switch listener failed: {}", ex.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        dispatcher.interrupt();
    }
}
