package dev.baton.provider;

import dev.baton.dialect.SharedValues;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of a request to an upstream, written out where the request is assembled for its socket write, and written
 * again if the request must be sent again (a kept-alive connection the upstream had closed). A JSON body is kept as
 * its tree until then, not as bytes: an 83 KB turn's bytes were made once to be held through the upstream's wait,
 * then copied into the write, and under load those held bytes were what reached the old generation.
 */
public sealed interface OutgoingBody {
    /** Writes the body to {@code out}. */
    void writeTo(OutputStream out) throws IOException;

    /** Bytes made already (the caller's own, with the model spliced in), in parts read without being consumed. */
    static OutgoingBody of(ByteBuffer... parts) {
        return new Bytes(parts);
    }

    static OutgoingBody of(byte[] bytes) {
        return new Bytes(new ByteBuffer[] {ByteBuffer.wrap(bytes)});
    }

    /** A JSON tree, written by {@link SharedValues#write}: its shared values as their serialization, made once. */
    static OutgoingBody json(ObjectNode body) {
        return new Json(body);
    }

    record Bytes(ByteBuffer[] parts) implements OutgoingBody {
        public int length() {
            int length = 0;
            for (ByteBuffer part : parts) length += part.remaining();
            return length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            for (ByteBuffer part : parts) {
                if (part.hasArray()) {
                    out.write(part.array(), part.arrayOffset() + part.position(), part.remaining());
                } else {
                    byte[] b = new byte[part.remaining()];
                    part.get(part.position(), b);
                    out.write(b);
                }
            }
        }
    }

    record Json(ObjectNode body) implements OutgoingBody {
        @Override
        public void writeTo(OutputStream out) {
            SharedValues.shared().write(body, out);
        }
    }
}
