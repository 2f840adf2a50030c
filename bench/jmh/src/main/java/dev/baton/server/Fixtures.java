package dev.baton.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The benchmark's canned files (bench/fixtures), found from the working directory or BATON_BENCH_FIXTURES. */
public final class Fixtures {
    private Fixtures() {
    }

    public static byte[] read(String name) {
        String dir = System.getenv("BATON_BENCH_FIXTURES");
        for (Path p : new Path[] {dir == null ? null : Path.of(dir, name), Path.of("bench/fixtures", name), Path.of("../fixtures", name)}) {
            if (p != null && Files.isRegularFile(p)) {
                try {
                    return Files.readAllBytes(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("fixture " + name + " not found: run from the repository root or set BATON_BENCH_FIXTURES");
    }
}
