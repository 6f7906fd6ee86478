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

    /**
     * A commit that leaves the sources' times alone (committing what was built with uncommitted changes, an empty
     * commit, a checkout of the same tree) builds again: the jar's /actuator/info would tell the commit before.
     */
    @Test
    void buildsAgainWhenOnlyTheCommitChanged() throws Exception {
        commitAll("first");
        assertThat(run()).isZero();
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "second");
        String second = git("rev-parse", "HEAD").strip();

        assertThat(run()).isZero();

        assertThat(Files.readAllLines(calls)).containsExactly("mvn", "java runnable", "mvn", "java runnable");
        assertThat(Files.readString(dir.resolve("calls.args"))).contains("-Dfengqiao.commit=" + second + " ");
    }

    /**
     * Sources changed since the commit are built as "<commit>-dirty", which /actuator/info then tells: the build is
     * no build of that commit. Once they are committed, the same sources build again under the new commit's name.
     */
    @Test
    void aBuildOfUncommittedChangesIsMarkedDirtyAndBuiltAgainOnceCommitted() throws Exception {
        String first = commitAll("first");
        Files.writeString(dir.resolve("src/main/java/App.java"), "class App { int changed; }\n");

        assertThat(run()).isZero();
        assertThat(Files.readString(dir.resolve("calls.args"))).contains("-Dfengqiao.commit=" + first + "-dirty ");
        assertThat(run()).isZero();
        assertThat(Files.readAllLines(calls)).as("the same dirty sources are not built twice")
                .containsExactly("mvn", "java runnable", "java runnable");

        String second = commitAll("second");
        assertThat(run()).isZero();

        assertThat(Files.readAllLines(calls)).containsExactly("mvn", "java runnable", "java runnable", "mvn",
                "java runnable");
        assertThat(Files.readString(dir.resolve("calls.args"))).contains("-Dfengqiao.commit=" + second + " ")
                .doesNotContain("dirty");
    }

    /** What is not built into the jar (the data directory, the log, notes beside the sources) marks nothing dirty. */
    @Test
    void filesOutsideTheSourcesDoNotMarkTheBuildDirty() throws Exception {
        String head = commitAll("first");
        Files.writeString(dir.resolve("notes.txt"), "not built\n");

        assertThat(run()).isZero();

        assertThat(Files.readString(dir.resolve("calls.args"))).contains("-Dfengqiao.commit=" + head + " ");
    }

    private String commitAll(String message) throws Exception {
        if (!Files.isDirectory(dir.resolve(".git"))) {
            git("init", "-q");
        }
        git("add", "src", "pom.xml");
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", message);
        return git("rev-parse", "HEAD").strip();
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
