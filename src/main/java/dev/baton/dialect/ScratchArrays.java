package dev.baton.dialect;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Byte arrays lent for the span of one serialization or one socket write, and given back. An 83 KB turn was
 * assembled in fresh arrays twice on its way out (Jackson's growing segments and their copy, then the request head and
 * body joined for one write): about 200 KB of garbage per request, which under load went to the old generation and
 * ended in full collections. A few arrays of {@link #SIZE} are kept (about 2 MB); when all are lent, an array of the
 * size asked for is made and dropped afterwards, as before.
 */
public final class ScratchArrays {
    /** Every kept array's length: an 83 KB turn and its request head fit many times over. */
    public static final int SIZE = 264 << 10;
    private static final AtomicReferenceArray<byte[]> KEPT = new AtomicReferenceArray<>(8);

    private ScratchArrays() {
    }

    /**
     * A kept array of {@link #SIZE} bytes, whatever they hold, or when all are lent (requests whose writes wait on a
     * slow upstream hold theirs) a new one of {@code length}, at most {@link #SIZE}; give it back when done.
     */
    public static byte[] take(int length) {
        for (int i = 0; i < KEPT.length(); i++) {
            byte[] a = KEPT.getAndSet(i, null);
            if (a != null) return a;
        }
        return new byte[length];
    }

    /** Takes back an array from {@link #take}; it must not be used afterwards. Others are left to the collector. */
    public static void give(byte[] a) {
        if (a.length != SIZE) return;
        for (int i = 0; i < KEPT.length(); i++) {
            if (KEPT.get(i) == null && KEPT.compareAndSet(i, null, a)) return;
        }
    }

    /**
     * An output stream into a lent array, growing past it when it must. {@link #finish()} gives the array back (not
     * {@link #close()}: Jackson closes the stream it wrote to); one not given back is left to the collector. Not for a
     * body kept while its request waits for the upstream: at 64 connections the kept arrays were all out, each request
     * made one of its own, and full collections went from 6 to 20 per 5 s.
     */
    public static final class Output extends OutputStream {
        private byte[] buf = take(64 << 10);
        private int size;

        @Override
        public void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                byte[] lent = buf;
                buf = Arrays.copyOf(lent, Math.max(size + more, 2 * lent.length));
                give(lent);
            }
        }

        /** What was written, in an array of its own; the stream is done with. */
        public byte[] finish() {
            byte[] written = Arrays.copyOf(buf, size);
            giveBack();
            return written;
        }

        private void giveBack() {
            give(buf);
            buf = new byte[0];
            size = 0;
        }
    }
}
