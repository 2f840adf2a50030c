package dev.baton.server;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Whether the JVM spends most of its time collecting garbage: the heap is too small for the requests in flight (256
 * concurrent 83 KB turns translated at once hold more than the launcher's 160 MB), and every new request only makes
 * it worse. While it is so, Baton refuses new bodies with a 503 its clients retry on, and the requests in flight
 * finish. Measured as the share of wall time the collectors' pauses took over the last second (four fifths or more:
 * a few full collections after one huge body do not count), so it clears by itself once they stop; without it, a
 * heap full of work is collected back to back and never recovers. Concurrent cycles (ZGC's, G1's) are not pauses and
 * do not count.
 */
final class GcPressure {
    private static final double LIMIT = 0.8;
    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final LongSupplier gcMillis;
    private final LongSupplier nanoTime;
    private volatile long windowStart;
    private long gcAtStart;
    private volatile boolean high;

    GcPressure() {
        this(GcPressure::collectionMillis, System::nanoTime);
    }

    GcPressure(LongSupplier gcMillis, LongSupplier nanoTime) {
        this.gcMillis = gcMillis;
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
        this.gcAtStart = gcMillis.getAsLong();
    }

    /** True while four fifths of the last window went to collections. Cheap: it samples once a window. */
    boolean high() {
        long now = nanoTime.getAsLong();
        if (now - windowStart >= WINDOW_NANOS) {
            synchronized (this) {
                long elapsed = now - windowStart;
                if (elapsed >= WINDOW_NANOS) {
                    long gc = gcMillis.getAsLong();
                    high = (gc - gcAtStart) * 1_000_000.0 / elapsed > LIMIT;
                    windowStart = now;
                    gcAtStart = gc;
                }
            }
        }
        return high;
    }

    private static long collectionMillis() {
        long total = 0;
        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        for (GarbageCollectorMXBean gc : gcs) {
            String name = gc.getName();
            if (name.contains("Cycles") || name.contains("Concurrent")) continue; // time beside the application, not instead of it
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
