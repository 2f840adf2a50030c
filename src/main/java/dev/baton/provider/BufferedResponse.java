package dev.baton.provider;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** An upstream answer already read into memory (a mock's, or an error a provider looked at before returning it). */
public record BufferedResponse(int status, Map<String, List<String>> headers, byte[] bytes) implements UpstreamResponse {

    @Override
    public InputStream body() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public void abort() {
    }

    @Override
    public String toString() {
        return status + " " + new String(bytes, 0, Math.min(80, bytes.length), StandardCharsets.UTF_8);
    }
}
