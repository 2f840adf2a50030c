package dev.baton.provider;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * An upstream's answer once its status line and headers have arrived. The body is read on the caller's thread;
 * reads fail with an {@link java.io.IOException} when the connection breaks or stays silent past the idle timeout.
 */
public interface UpstreamResponse extends AutoCloseable {

    int status();

    /** Header names in lower case. */
    Map<String, List<String>> headers();

    default String header(String lowerCaseName) {
        List<String> values = headers().get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    InputStream body();

    /** Stops the exchange and frees the connection; safe to call more than once. */
    void abort();

    @Override
    default void close() {
        abort();
    }
}
