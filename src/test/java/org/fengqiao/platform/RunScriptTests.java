package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./run} as the README has the engineer use it, on a copy of the script whose {@code mvn} and {@code java}
 * are stand-ins: it builds when there is nothing built yet or the sources changed, and otherwise starts what was
 * built, without building again.
 */
class RunScriptTests {

    @TempDir
    Path dir;

    private Path calls;

    @BeforeEach
    void project() throws IOException {
        Files.copy(Path.of("run"), dir.resolve("run"));
        Files.setPosixFilePermissions(dir.resolve("run"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve("src/main/java"));
        Files.writeString(dir.resolve("src/main/java/App.java"), "class App {}\n");
        Files.writeString(dir.resolve("pom.xml"), "<project/>\n");
        calls = dir.resolve("calls");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        // Maven writes the plain jar first and makes it runnable last (Spring Boot's repackage): a build that fails
        // there (a dependency it cannot fetch, Ctrl-C) leaves a jar that does not start
        script(bin.resolve("mvn"), """
                echo mvn >> "$CALLS"
                echo "$*" > "$CALLS.args"
                mkdir -p target && echo plain > target/fengqiao.jar
                if [[ -f "$FAIL" ]]; then echo "repackage failed" >&2; exit 1; fi
                echo runnable > target/fengqiao.jar
                """);
        script(bin.resolve("java"), """
                echo "java $(cat target/fengqiao.jar)" >> "$CALLS"
                """);
    }

    @Test
    void buildsOnTheFirstStartAndStartsWhatWasBuiltAfterwards() throws Exception {
        assertThat(run()).isZero();
        assertThat(run()).isZero();
        assertThat(Files.readAllLines(calls)).containsExactly("mvn", "java runnable", "java runnable");
    }

    @Test
    void buildsAgainAfterABuildThatFailedHalfWayInsteadOfStartingItsJar() throws Exception {
        Files.writeString(dir.resolve("fail"), "");
        assertThat(run()).isNotZero();
        Files.delete(dir.resolve("fail"));

        assertThat(run()).isZero();

        assertThat(Files.readAllLines(calls)).containsExactly("mvn", "mvn", "java runnable");
    }

    @Test
    void buildsAgainWhenASourceChanged() throws Exception {
        assertThat(run()).isZero();
        Thread.sleep(20);
        Files.writeString(dir.resolve("src/main/java/App.java"), "class App { }\n");

        assertThat(run()).isZero();

        assertThat(Files.readAllLines(calls)).containsExactly("mvn", "java runnable", "mvn", "java runnable");
    }

    /** The build is told the commit it builds, which /actuator/info then tells the system administrator. */
    @Test
    void theBuildIsGivenTheCommitOfAGitCheckout() throws Exception {
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "first");
        String head = git("rev-parse", "HEAD").strip();

        assertThat(run()).isZero();

        assertThat(Files.readString(dir.resolve("calls.args"))).contains("-Dfengqiao.commit=" + head + " ");
    }

    /** A source tarball has no .git: it builds and starts as before, with no commit to tell. */
    @Test
    void aCheckoutWithoutGitStillBuildsAndStarts() throws Exception {
        assertThat(run()).isZero();

        // no empty -Dfengqiao.commit=, which Spring Boot's build-info refuses, failing the build
        assertThat(Files.readString(dir.resolve("calls.args"))).doesNotContain("fengqiao.commit");
        assertThat(Files.readAllLines(calls)).containsExactly("mvn", "java runnable");
    }

    private String git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private int run() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(dir.resolve("run").toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
        env.put("CALLS", calls.toString());
        env.put("FAIL", dir.resolve("fail").toString());
        env.put("FENGQIAO_DATA_DIR", dir.resolve("data").toString());
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static void script(Path file, String body) throws IOException {
        Files.write(file, List.of("#!/usr/bin/env bash", body));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
