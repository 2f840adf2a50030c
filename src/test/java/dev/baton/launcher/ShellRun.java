package dev.baton.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the project's shell scripts as a user's shell would, in an environment the test chooses, and fakes the tools they call. */
final class ShellRun {
    record Output(int exit, String stdout, String stderr) {
    }

    private ShellRun() {
    }

    /** Runs {@code command} with exactly {@code env} (nothing inherited) and no standard input. */
    static Output run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Output(p.exitValue(), stdout, stderr);
    }

    /** Writes an executable script. */
    static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Links the machine's {@code tool} into {@code bin}, so a PATH of only {@code bin} has it. */
    static void linkTool(Path bin, String tool) throws IOException {
        Path found = List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream()
                .filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError("no " + tool));
        Files.createSymbolicLink(bin.resolve(tool), found.toRealPath());
    }
}
