package dev.baton.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `scripts/test-deps.sh`, which ./run-tests runs first, on a fake machine: BATON_DEPS_ROOT is the file system it checks,
 * and `apt-get`, `sudo` and `id` on PATH are stand-ins that write down how they were called. Nothing is installed.
 */
class TestDepsScriptTest {
    private static final Path SCRIPT = Path.of("scripts/test-deps.sh").toAbsolutePath();
    private static final Path RUN_TESTS = Path.of("run-tests").toAbsolutePath();

    @TempDir
    Path dir;
    private Path root;
    private Path tools;
    private Path log;

    @BeforeAll
    static void needsBash() {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
    }

    record Result(int exit, String stdout, String stderr, List<String> calls) {
    }

    @BeforeEach
    void fakeMachine() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        tools = Files.createDirectories(dir.resolve("tools"));
        log = dir.resolve("calls.log");
        Files.createFile(log);
        // apt-get and sudo write down their arguments; sudo then runs the command, as the real one would
        ShellRun.script(tools.resolve("apt-get"), "#!/bin/sh\necho \"apt-get $*\" >> \"$CALLS\"\nexit ${APT_EXIT:-0}\n");
        ShellRun.script(tools.resolve("sudo"), "#!/bin/sh\necho \"sudo $1\" >> \"$CALLS\"\nexec \"$@\"\n");
        ShellRun.script(tools.resolve("id"), "#!/bin/sh\necho \"$FAKE_UID\"\n");
        for (String tool : List.of("bash", "env", "readlink", "dirname")) ShellRun.linkTool(tools, tool);
    }

    private void installed(String path) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        ShellRun.script(file, "#!/bin/sh\n");
    }

    private Result run(Path script, int uid, Map<String, String> extra, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/bash", script.toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(Map.of("PATH", tools.toString(), "BATON_DEPS_ROOT", root.toString(),
                "CALLS", log.toString(), "FAKE_UID", Integer.toString(uid)));
        env.putAll(extra);
        ShellRun.Output o = ShellRun.run(command, env);
        return new Result(o.exit(), o.stdout(), o.stderr(), Files.readAllLines(log));
    }

    private Result run(int uid, String... args) throws IOException, InterruptedException {
        return run(SCRIPT, uid, Map.of(), args);
    }

    /** Every package the tests need but {@code except}, as the files the tests look for. */
    private void installedAllBut(String... except) throws IOException {
        for (String path : List.of("usr/lib/postgresql/17/bin/initdb", "usr/bin/redis-server", "usr/bin/chromium", "usr/bin/chromedriver")) {
            if (!List.of(except).contains(path)) installed(path);
        }
    }

    @Test
    void nothingIsInstalledAndAptIsNotAskedWhenEverythingIsPresent() throws Exception {
        installedAllBut();
        Result r = run(1000);
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.calls()).isEmpty();
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void missingRedisIsInstalledWithSudoAfterOneUpdateWhenNotRoot() throws Exception {
        installedAllBut("usr/bin/redis-server");
        Result r = run(1000);
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.calls()).containsExactly(
                "sudo apt-get", "apt-get update -qq",
                "sudo env", "apt-get install -y -qq redis-server");
        assertThat(r.stderr()).contains("installing redis-server");
    }

    @Test
    void asRootEverythingMissingIsInstalledWithoutSudoInOneInstall() throws Exception {
        Result r = run(0);
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.calls()).containsExactly("apt-get update -qq",
                "apt-get install -y -qq postgresql redis-server chromium chromium-driver");
    }

    @Test
    void aBrowserWithoutItsDriverGetsOnlyTheDriver() throws Exception {
        installedAllBut("usr/bin/chromedriver");
        Result r = run(0);
        assertThat(r.calls()).containsExactly("apt-get update -qq", "apt-get install -y -qq chromium-driver");
    }

    @Test
    void aPostgresqlDirectoryWithoutInitdbCountsAsMissing() throws Exception {
        installedAllBut("usr/lib/postgresql/17/bin/initdb");
        Files.createDirectories(root.resolve("usr/lib/postgresql/17/bin")); // what a half-removed package leaves
        Result r = run(0);
        assertThat(r.calls()).containsExactly("apt-get update -qq", "apt-get install -y -qq postgresql");
    }

    @Test
    void dryRunPrintsTheCommandsAndRunsNothing() throws Exception {
        Result r = run(1000, "--dry-run");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.calls()).isEmpty();
        assertThat(r.stdout().lines().toList()).containsExactly(
                "sudo apt-get update -qq",
                "sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server chromium chromium-driver");
        assertThat(r.stderr()).contains("would install postgresql redis-server chromium chromium-driver");
    }

    @Test
    void withoutAptGetItStopsAndNamesWhatIsMissing() throws Exception {
        Files.delete(tools.resolve("apt-get"));
        installedAllBut("usr/lib/postgresql/17/bin/initdb");
        Result r = run(0);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).contains("needs postgresql (Debian packages)").contains("no apt-get").contains("BATON_SKIP_TEST_DEPS=1");
    }

    @Test
    void failedInstallFailsTheScript() throws Exception {
        Result r = run(SCRIPT, 0, Map.of("APT_EXIT", "100"));
        assertThat(r.exit()).isEqualTo(100);
        assertThat(r.calls()).containsExactly("apt-get update -qq"); // stops at the first failure
    }

    @Test
    void runTestsInstallsMissingServersBeforeItBuilds() throws Exception {
        // apt-get fails here, so run-tests must stop before it looks for a JDK or starts Maven
        Result r = run(RUN_TESTS, 0, Map.of("APT_EXIT", "100"));
        assertThat(r.exit()).isEqualTo(100);
        assertThat(r.calls()).containsExactly("apt-get update -qq");
        assertThat(r.stderr()).contains("installing postgresql redis-server chromium chromium-driver").doesNotContain("JDK");
    }
}
