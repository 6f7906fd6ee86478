package org.fengqiao.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Removes the data directories that earlier test runs left in the temporary directory. Every test JVM starts
 * its own embedded PostgreSQL in a fresh directory (about 270 MB with the demo district) and nothing removes
 * it when the JVM ends, since PostgreSQL must be stopped first: a few hundred runs filled a 250 GB disk.
 *
 * <p>A directory is removed only when it is older than {@link #AGE} and no PostgreSQL is running in it (its
 * {@code postmaster.pid} names no live process), so concurrent test runs on the same machine keep theirs.
 */
public final class StaleTestData {

    static final List<String> PREFIXES = List.of("fengqiao-test-", "fengqiao-crash", "fengqiao-second-");
    static final Duration AGE = Duration.ofHours(2);

    private StaleTestData() {
    }

    /** Removes the stale directories under {@code tmp}; returns how many. Never fails a test run. */
    public static int sweep(Path tmp, Instant now) {
        int removed = 0;
        try (Stream<Path> entries = Files.list(tmp)) {
            for (Path dir : entries.filter(StaleTestData::ours).toList()) {
                if (stale(dir, now)) {
                    delete(dir);
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // a directory another run removes meanwhile, or one we may not read: leave it
        }
        return removed;
    }

    static boolean ours(Path p) {
        String name = p.getFileName().toString();
        return Files.isDirectory(p) && PREFIXES.stream().anyMatch(name::startsWith);
    }

    static boolean stale(Path dir, Instant now) throws IOException {
        FileTime modified = Files.getLastModifiedTime(dir);
        if (modified.toInstant().isAfter(now.minus(AGE))) {
            return false;
        }
        try (Stream<Path> files = Files.find(dir, 3, (p, a) -> p.getFileName().toString().equals("postmaster.pid"))) {
            return files.map(StaleTestData::postmaster).noneMatch(pid -> pid.flatMap(ProcessHandle::of)
                    .map(ProcessHandle::isAlive).orElse(false));
        }
    }

    static Optional<Long> postmaster(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
