package org.fengqiao.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL that keeps its data in a directory of ours. One server per data directory
 * and JVM, shared by every application context that asks for it (the test suite runs several),
 * and stopped when the last of them closes.
 *
 * <p>Three defaults of the embedded server are wrong for a platform that keeps records: it runs
 * with fsync off, it refuses to start after a killed JVM left its postmaster running, and with no
 * locale it creates a cluster whose ctype makes pg_trgm blind to Chinese. All three are mended here.
 */
final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, EmbeddedPostgresServer> RUNNING = new HashMap<>();

    private final Path dataDir;
    private final EmbeddedPostgres postgres;
    private int users;

    private EmbeddedPostgresServer(Path dataDir, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.postgres = postgres;
    }

    static synchronized EmbeddedPostgresServer acquire(Path dataDir, int port) {
        Path dir = dataDir.toAbsolutePath().normalize();
        EmbeddedPostgresServer server = RUNNING.get(dir);
        if (server == null) {
            server = new EmbeddedPostgresServer(dir, start(dir, port));
            RUNNING.put(dir, server);
        }
        server.users++;
        return server;
    }

    synchronized void release() {
        synchronized (EmbeddedPostgresServer.class) {
            if (--users > 0) {
                return;
            }
            RUNNING.remove(dataDir);
        }
        try {
            postgres.close();
            log.info("Embedded PostgreSQL in {} stopped", dataDir);
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL in {} did not stop cleanly", dataDir, e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    private static EmbeddedPostgres start(Path dir, int port) {
        try {
            Files.createDirectories(dir);
            refuseWhileInUse(dir);
            stopOrphanedPostmaster(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setLocaleConfig("encoding", "UTF8")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("timezone", "Asia/Shanghai");
            // PostgreSQL's defaults (128 MB of buffers, a checkpoint every 1 GB of log) suit sample data on a small
            // machine, not a county's million persons: importing them evicted and re-read 5 GB of pages through
            // the kernel and logged whole pages again after each of five checkpoints
            builder.setServerConfig("shared_buffers", "512MB").setServerConfig("max_wal_size", "4GB");
            if (port > 0) {
                builder.setPort(port);
            }
            long started = System.nanoTime();
            EmbeddedPostgres pg = builder.start();
            log.info("Embedded PostgreSQL started in {} ms, data in {}, port {}",
                    (System.nanoTime() - started) / 1_000_000, dir, pg.getPort());
            return pg;
        } catch (IOException e) {
            throw notStarted(dir, e);
        }
    }

    /**
     * A data directory the embedded PostgreSQL cannot start in (FENGQIAO_DATA_DIR under a folder this user may not
     * write, a file in its place, a full or read-only disk): the engineer reads where and why as the start's failure,
     * not an UncheckedIOException's stack trace.
     */
    static org.fengqiao.platform.StartRefused notStarted(Path dir, IOException e) {
        Path file = null;
        for (Path p = dir; p != null && file == null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                file = p;
            }
        }
        String why = file != null ? "a file stands where a folder should be: " + file
                : e instanceof java.nio.file.AccessDeniedException fs ? "no right to write " + fs.getFile()
                : e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
                ? fs.getReason() + ": " + fs.getFile()
                : String.valueOf(e.getMessage()).lines().findFirst().orElse("").trim();
        return new org.fengqiao.platform.StartRefused("The embedded PostgreSQL could not start in " + dir
                + " (FENGQIAO_DATA_DIR): " + why,
                "Give FENGQIAO_DATA_DIR a directory that the user running the platform (" + System.getProperty("user.name")
                + ") may create and write, on a disk with room, as an absolute path when starting with java -jar; "
                + "or set FENGQIAO_DB_URL to use an outside PostgreSQL.");
    }

    /**
     * A platform still running on the data directory (a second ./run, or ./run reset-password beside it) holds its
     * lock file, and its postmaster is no orphan: stopping it would take the running platform's database away. The
     * start is refused instead, saying why; a JVM killed with -9 holds no lock any more.
     */
    static void refuseWhileInUse(Path dir) throws IOException {
        Path lock = dir.resolve("epg-lock");
        if (!Files.exists(lock)) {
            return;
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lock,
                java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock held = channel.tryLock()) {
            if (held == null) {
                throw new DataDirectoryInUse(dir);
            }
        }
    }

    /**
     * After a kill -9 of the JVM the postmaster it started lives on and holds the data directory.
     * Stop it (only if that process really is a postgres) so this start can go on; PostgreSQL then
     * recovers from its write-ahead log, so every committed record is still there.
     */
    static void stopOrphanedPostmaster(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
        long pid;
        try {
            pid = Long.parseLong(first);
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !isPostgres(pid)) {
            return;
        }
        log.warn("Stopping the postmaster (pid {}) left behind by a previous run in {}", pid, dir);
        ProcessHandle process = handle.get();
        process.destroy();
        long deadline = System.currentTimeMillis() + 30_000;
        while (process.isAlive() && System.currentTimeMillis() < deadline) {
            sleep(100);
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            sleep(1000);
        }
    }

    private static boolean isPostgres(long pid) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(cmdline, StandardCharsets.UTF_8).contains("postgres");
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
