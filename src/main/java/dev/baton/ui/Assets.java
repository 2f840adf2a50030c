package dev.baton.ui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The dashboard's static files, from the jar: its own stylesheet and scripts (`dev/baton/ui/`) and uPlot from its
 * WebJar. Read and gzipped once, then served from memory; the names are a fixed list, so no path from the request
 * ever reaches the class loader.
 */
final class Assets {
    static final String UPLOT_VERSION = "1.6.30";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";
    /** The one asset the login page needs; everything else is behind the login. */
    static final String PUBLIC = "dashboard.css";
    private static final Map<String, String[]> FILES = Map.of(
            "dashboard.css", new String[] {"dev/baton/ui/dashboard.css", "text/css; charset=utf-8"},
            "live.js", new String[] {"dev/baton/ui/live.js", "text/javascript; charset=utf-8"},
            "spend.js", new String[] {"dev/baton/ui/spend.js", "text/javascript; charset=utf-8"},
            "uPlot.min.css", new String[] {UPLOT + "uPlot.min.css", "text/css; charset=utf-8"},
            "uPlot.iife.min.js", new String[] {UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"});

    /** One file, plain and gzipped. */
    record Asset(String contentType, byte[] plain, byte[] gzipped) {
    }

    private final Map<String, Asset> loaded = new ConcurrentHashMap<>();

    /** The asset by name, or null when there is no such asset. */
    Asset get(String name) {
        String[] f = FILES.get(name);
        return f == null ? null : loaded.computeIfAbsent(name, n -> load(f[0], f[1]));
    }

    private static Asset load(String resource, String type) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing from the jar: " + resource);
            byte[] plain = in.readAllBytes();
            ByteArrayOutputStream gz = new ByteArrayOutputStream(plain.length / 3);
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(plain);
            }
            return new Asset(type, plain, gz.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
