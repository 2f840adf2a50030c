package dev.baton.dialect;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Byte arrays lent for the span of one upstream request's assembly and socket write, and given back. An 83 KB turn was
 * assembled in fresh arrays twice on its way out (Jackson's growing segments and their copy, then the request head and
 * body joined for one write): about 200 KB of garbage per request, which under load went to the old generation and
 * ended in full collections. A few arrays of one size are kept ({@link #SHARED}: 8 of 264 KB, about 2 MB); when all
 * are lent, an array of the size asked for is made and dropped afterwards, as before.
 */
public final class ScratchArrays {
    /** The gateway's: an 83 KB turn and its request head fit in one of its arrays many times over. */
    public static final ScratchArrays SHARED = new ScratchArrays(8, 264 << 10);

    private final int size;
    private final AtomicReferenceArray<byte[]> kept;
    /** How many arrays of {@link #size} were made: no more than can be kept. */
    private final AtomicInteger made = new AtomicInteger();

    public ScratchArrays(int count, int size) {
        this.size = size;
        this.kept = new AtomicReferenceArray<>(count);
    }

    /** The length of the arrays kept. */
    public int size() {
        return size;
    }

    /**
     * A kept array of {@link #size()} bytes, whatever they hold (made on first need, up to as many as are kept), or
     * when all are lent (requests being written to a slow upstream hold theirs) a new one of {@code length}, at most
     * {@link #size()}; give it back when done. Outside this package arrays are lent through {@link #output()}.
     */
    byte[] take(int length) {
        for (int i = 0; i < kept.length(); i++) {
            byte[] a = kept.getAndSet(i, null);
            if (a != null) return a;
        }
        return made.get() < kept.length() && made.incrementAndGet() <= kept.length() ? new byte[size] : new byte[length];
    }

    /** Takes back an array from {@link #take}; it must not be used afterwards. Others are left to the collector. */
    void give(byte[] a) {
        if (a.length != size) return;
        for (int i = 0; i < kept.length(); i++) {
            if (kept.get(i) == null && kept.compareAndSet(i, null, a)) return;
        }
    }

    /**
     * An output stream into a lent array, growing past it when it must. {@link Output#release()} gives the array back
     * (not {@link Output#close()}: Jackson closes the stream it wrote to); one not given back is left to the collector.
     * Not for a body kept while its request waits for the upstream: at 64 connections the kept arrays were all out,
     * each request made one of its own, and full collections went from 6 to 20 per 5 s.
     */
    public Output output() {
        return new Output();
    }

    public final class Output extends OutputStream {
        private byte[] buf = take(Math.min(size, 64 << 10));
        private int count;

        private Output() {
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        private void ensure(int more) {
            if (count + more > buf.length) {
                byte[] lent = buf;
                buf = Arrays.copyOf(lent, Math.max(count + more, 2 * lent.length));
                give(lent);
            }
        }

        /** Leaves {@code n} bytes as they are, to be filled in later through {@link #array()}. */
        public void skip(int n) {
            ensure(n);
            count += n;
        }

        /** The array written to, valid until {@link #release()}: its first {@link #size()} bytes. */
        public byte[] array() {
            return buf;
        }

        public int size() {
            return count;
        }

        /** Gives the array written to back, unread: the stream is empty again. */
        public void release() {
            give(buf);
            buf = new byte[0];
            count = 0;
        }
    }
}
