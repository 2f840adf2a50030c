package dev.baton.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `scripts/find-jdk.sh`, sourced by ./baton and ./run-tests, run through bash as they run it. */
class FindJdkScriptTest {
    private static final Path SCRIPT = Path.of("scripts/find-jdk.sh").toAbsolutePath();
    private static final Path SYSTEM_JDK_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsBash() {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
    }

    record Result(int exit, String javaHome, String stderr) {
    }

    /** Sources the script in a fresh bash, runs baton_find_jdk, and reports the JAVA_HOME it leaves. */
    private static Result findJdk(Map<String, String> env) throws IOException, InterruptedException {
        ShellRun.Output o = ShellRun.run(List.of("/bin/bash", "-c",
                "set -euo pipefail; . \"$1\"; rc=0; baton_find_jdk || rc=$?; echo \"JAVA_HOME=${JAVA_HOME:-}\"; exit $rc",
                "find-jdk-test", SCRIPT.toString()), env);
        String home = o.stdout().lines().filter(l -> l.startsWith("JAVA_HOME=")).findFirst().orElse("JAVA_HOME=").substring("JAVA_HOME=".length());
        return new Result(o.exit(), home, o.stderr());
    }

    /** A directory that looks like a JDK of the given feature version to `java -XshowSettings:properties -version`. */
    private Path fakeJdk(Path parent, String name, int version, boolean withJavac) throws IOException {
        Path bin = Files.createDirectories(parent.resolve(name).resolve("bin"));
        ShellRun.script(bin.resolve("java"), "#!/bin/sh\necho 'Property settings:' >&2\necho '    java.specification.version = " + version + "' >&2\n");
        if (withJavac) ShellRun.script(bin.resolve("javac"), "#!/bin/sh\nexit 0\n");
        return parent.resolve(name);
    }

    /** A PATH with the tools the script uses, and no `java`. */
    private Path pathWithoutJava() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("sed", "head", "dirname", "readlink")) ShellRun.linkTool(bin, tool);
        return bin;
    }

    private Map<String, String> hermeticEnv(Path searchRoot) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", pathWithoutJava().toString());
        env.put("HOME", dir.resolve("no-home").toString());
        env.put("BATON_JDK_SEARCH_PATH", searchRoot.toString());
        return env;
    }

    @Test
    void javaHomeAtJdk17StillSelectsAJdk21OrNewerOnThisMachine() throws Exception {
        assumeTrue(Files.isExecutable(SYSTEM_JDK_17.resolve("bin/java")), "needs " + SYSTEM_JDK_17);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("BATON_JDK_SEARCH_PATH");
        env.put("JAVA_HOME", SYSTEM_JDK_17.toString());
        Result r = findJdk(env);
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.javaHome()).isNotEqualTo(SYSTEM_JDK_17.toString());
        assertThat(featureVersion(Path.of(r.javaHome()))).isGreaterThanOrEqualTo(21);
    }

    @Test
    void tooOldJavaHomeIsReplacedByTheNewestJdkWithJavac() throws Exception {
        Path jdks = Files.createDirectories(dir.resolve("jdks"));
        Path old = fakeJdk(jdks, "jdk-17", 17, true);
        fakeJdk(jdks, "jdk-21", 21, true);
        Path newest = fakeJdk(jdks, "jdk-25", 25, true);
        fakeJdk(jdks, "jre-26", 26, false); // no javac: cannot build
        Map<String, String> env = hermeticEnv(jdks);
        env.put("JAVA_HOME", old.toString());
        Result r = findJdk(env);
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.javaHome()).isEqualTo(newest.toString());
    }

    @Test
    void newEnoughJavaHomeIsKept() throws Exception {
        Path jdks = Files.createDirectories(dir.resolve("jdks"));
        Path chosen = fakeJdk(jdks, "jdk-22", 22, true);
        fakeJdk(jdks, "jdk-25", 25, true);
        Map<String, String> env = hermeticEnv(jdks);
        env.put("JAVA_HOME", chosen.toString());
        assertThat(findJdk(env).javaHome()).isEqualTo(chosen.toString());
    }

    @Test
    void findsMacOsBundlesUnderContentsHome() throws Exception {
        Path vms = Files.createDirectories(dir.resolve("JavaVirtualMachines"));
        Path home = fakeJdk(Files.createDirectories(vms.resolve("temurin-21.jdk/Contents")), "Home", 21, true);
        Result r = findJdk(hermeticEnv(vms));
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.javaHome()).isEqualTo(home.toString());
    }

    @Test
    void noJdk21AnywhereFailsWithAnInstallHintAndLeavesJavaHomeAlone() throws Exception {
        Path jdks = Files.createDirectories(dir.resolve("jdks"));
        Path old = fakeJdk(jdks, "jdk-17", 17, true);
        Map<String, String> env = hermeticEnv(jdks);
        env.put("JAVA_HOME", old.toString());
        Result r = findJdk(env);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).contains("needs a JDK 21 or newer").contains("set JAVA_HOME");
        assertThat(r.javaHome()).isEqualTo(old.toString());
    }

    /**
     * The release file that every JDK since 9 carries names its version: read, not run, so that a JDK whose `java`
     * would say otherwise (here: one that only leaves a trace when started) is judged by the file. Java 8's
     * "1.8.0_392" is version 8.
     */
    @Test
    void releaseFilesAreReadWithoutStartingAnyJava() throws Exception {
        Path jdks = Files.createDirectories(dir.resolve("jdks"));
        Path started = dir.resolve("started");
        Path newest = null;
        for (String version : List.of("1.8.0_392", "21.0.5", "25.0.3", "17.0.15")) {
            Path home = Files.createDirectories(jdks.resolve("jdk-" + version));
            Path bin = Files.createDirectories(home.resolve("bin"));
            ShellRun.script(bin.resolve("java"), "#!/bin/sh\necho \"$0\" >> '" + started + "'\n");
            ShellRun.script(bin.resolve("javac"), "#!/bin/sh\nexit 0\n");
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
            if (version.startsWith("25")) newest = home;
        }
        Result r = findJdk(hermeticEnv(jdks));
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.javaHome()).isEqualTo(newest.toString());
        assertThat(started).doesNotExist();
    }

    @Test
    void aJdkWithoutAReleaseFileIsAskedInstead() throws Exception {
        Path jdks = Files.createDirectories(dir.resolve("jdks"));
        Path home = fakeJdk(jdks, "jdk-23", 23, true);
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\n"); // no JAVA_VERSION in it
        fakeJdk(jdks, "jdk-22", 22, true);
        Result r = findJdk(hermeticEnv(jdks));
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.javaHome()).isEqualTo(home.toString());
    }

    private static int featureVersion(Path javaHome) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(javaHome.resolve("bin/java").toString(), "-XshowSettings:properties", "-version")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out.lines().map(String::strip).filter(l -> l.startsWith("java.specification.version = "))
                .map(l -> Integer.parseInt(l.substring("java.specification.version = ".length()).split("\\.")[0]))
                .findFirst().orElse(0);
    }
}
