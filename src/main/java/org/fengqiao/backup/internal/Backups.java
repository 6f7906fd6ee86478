package org.fengqiao.backup.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.FengqiaoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Copies of the embedded database taken while the platform runs. A copy is PostgreSQL's low-level base backup: the
 * backup started ({@code pg_backup_start}, with a checkpoint at once), the data directory copied file by file while
 * the platform goes on writing, the backup stopped ({@code pg_backup_stop}) and its label written into the copy, then
 * the write-ahead log up to the stop copied after it. A temporary replication slot holds that log from the start, so
 * a checkpoint during the copy does not recycle a segment the copy needs. Started on the copy, PostgreSQL replays the
 * log from the label's checkpoint and comes up as the database stood when the backup stopped. The copy is written
 * under a hidden name, flushed to disk, then renamed, so a copy that shows is whole; one that failed half way is
 * removed. The personal-data key, kept in the data directory, is copied with it.
 */
@Service
public class Backups {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'fengqiao-'yyyyMMdd-HHmmss").withZone(BEIJING);
    static final Pattern NAMED = Pattern.compile("fengqiao-(\\d{8}-\\d{6})(-\\d+)?");
    private static final String PARTIAL = ".partial-";
    /** Directories whose contents PostgreSQL's documentation says a base backup leaves out (pg_wal: copied after). */
    private static final Set<String> CONTENTS_LEFT_OUT = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");
    /** The running server's files, and the embedded server's lock, which a copy must not carry. */
    private static final Set<String> FILES_LEFT_OUT = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "backup_label", "backup_label.old", "tablespace_map", "pg_internal.init");
    /** Room asked for beyond the data directory's size before a copy starts. */
    private static final long MARGIN = 64L << 20;

    /** A copy that can be restored: its name (the directory's), when it was taken, its size in bytes. */
    public record Backup(String name, Instant takenAt, long bytes) {
    }

    /**
     * One attempt, kept in the database: done or failed, or still running. Why it failed is a message key with its
     * arguments ({@code backup.noSpace}, ...) or, for a failure of the disk or the database, their own words with
     * the key {@code backup.failed}.
     */
    public record Run(UUID id, Instant startedAt, Instant finishedAt, String name, Long bytes, String outcome,
            String error, List<String> errorArgs, String actor) {
    }

    private final FengqiaoProperties platform;
    private final BackupProperties settings;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();

    /** A step of a run reached, with the path it touches: tests make one fail there. Nothing by default. */
    @FunctionalInterface
    interface Step {
        void reached(String step, Path path) throws IOException;
    }

    volatile Step steps = (step, path) -> {
    };

    Backups(FengqiaoProperties platform, BackupProperties settings, DataSource dataSource, JdbcClient jdbc,
            ApplicationEventPublisher events, Clock clock) {
        this.platform = platform;
        this.settings = settings;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** Copies are taken of the embedded database only; an outside one has PostgreSQL's tools. */
    public boolean available() {
        return platform.db().embedded();
    }

    /** Where copies go. */
    public Path directory() {
        String dir = settings.dir();
        return (dir == null || dir.isBlank() ? Path.of(dataDirectory() + "-backups") : Path.of(dir))
                .toAbsolutePath().normalize();
    }

    /** When the next nightly copy is due, or null when none is scheduled. */
    public Instant nextNightly() {
        String cron = settings.cron();
        if (!available() || cron == null || cron.isBlank() || cron.equals("-")) {
            return null;
        }
        var next = org.springframework.scheduling.support.CronExpression.parse(cron).next(clock.instant().atZone(BEIJING));
        return next == null ? null : next.toInstant();
    }

    /** How many copies are kept. */
    public int keep() {
        return Math.max(1, settings.keep());
    }

    private Path dataDirectory() {
        return Path.of(platform.db().dataDir()).toAbsolutePath().normalize();
    }

    /** The copies there are, newest first. */
    public List<Backup> list() {
        Path dir = directory();
        if (!available() || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<Backup> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                var m = NAMED.matcher(p.getFileName().toString());
                if (Files.isDirectory(p) && m.matches()) {
                    Instant at = LocalDateTime.parse(m.group(1), DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                            .atZone(BEIJING).toInstant();
                    found.add(new Backup(p.getFileName().toString(), at, size(p)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(Comparator.comparing(Backup::name).reversed());
        return found;
    }

    /** The latest attempts, newest first. */
    public List<Run> runs(int limit) {
        return jdbc.sql("""
                SELECT id, started_at, finished_at, name, bytes, outcome, error, error_args, actor FROM backup_run
                ORDER BY started_at DESC LIMIT :limit""").param("limit", limit)
                .query((rs, n) -> new Run(rs.getObject("id", UUID.class), rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
                        rs.getString("name"), (Long) rs.getObject("bytes"), rs.getString("outcome"),
                        rs.getString("error"), List.of((String[]) rs.getArray("error_args").getArray()),
                        rs.getString("actor")))
                .list();
    }

    /**
     * A run still marked running when the platform starts is not running now. A database restored from a copy holds
     * the row of the run that took it, marked running as it was while copied: that run succeeded, and PostgreSQL, having
     * restored from the copy, left its label (the copy's name) in {@code backup_label.old}. Any other was cut off by a
     * stop during it.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void endInterruptedRuns() {
        endInterruptedRuns(jdbc, available() ? restoredFrom(dataDirectory()) : null);
    }

    static void endInterruptedRuns(JdbcClient jdbc, String restoredFrom) {
        if (restoredFrom != null) {
            jdbc.sql("UPDATE backup_run SET outcome = 'DONE', finished_at = coalesce(finished_at, now()) "
                    + "WHERE outcome = 'RUNNING' AND name = :name").param("name", restoredFrom).update();
        }
        jdbc.sql("UPDATE backup_run SET outcome = 'FAILED', finished_at = now(), error = 'backup.interrupted' WHERE outcome = 'RUNNING'")
                .update();
    }

    /** The name of the copy this data directory was restored from, from the label PostgreSQL kept; null if none. */
    static String restoredFrom(Path data) {
        Path label = data.resolve("backup_label.old");
        try {
            if (!Files.isRegularFile(label)) {
                return null;
            }
            return Files.readAllLines(label).stream().filter(l -> l.startsWith("LABEL: ")).map(l -> l.substring(7).trim())
                    .filter(l -> NAMED.matcher(l).matches()).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Takes a copy now, then removes the oldest beyond {@link #keep()}. Refused (a {@link Conflict} naming why) on an
     * outside database, while another copy is being taken, when the disk lacks room, or when the copy fails.
     */
    public Backup take(String actor) {
        if (!available()) {
            throw new Conflict("backup.external");
        }
        if (!running.tryLock()) {
            throw new Conflict("backup.running");
        }
        try {
            return takeNow(actor);
        } finally {
            running.unlock();
        }
    }

    private Backup takeNow(String actor) {
        Path data = dataDirectory();
        Path dir = directory();
        if (dir.startsWith(data)) {
            throw new Conflict("backup.insideData", dir);
        }
        UUID run = UUID.randomUUID();
        Instant started = clock.instant();
        // named before the copy: the run's row, copied while it says running, names the copy it is in
        String name = freeName(dir, NAME.format(started));
        jdbc.sql("INSERT INTO backup_run (id, started_at, name, outcome, actor) VALUES (:id, :at, :name, 'RUNNING', :actor)")
                .param("id", run).param("at", java.sql.Timestamp.from(started)).param("name", name).param("actor", actor)
                .update();
        Path partial = null;
        try {
            Files.createDirectories(dir);
            removePartials(dir);
            long needed = size(data) + MARGIN;
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < needed) {
                throw new Conflict("backup.noSpace", dir, megabytes(free), megabytes(needed));
            }
            partial = dir.resolve(PARTIAL + name);
            Files.createDirectory(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            copy(data, partial, name);
            sync(partial);
            Path done = dir.resolve(name);
            Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
            partial = null;
            long bytes = size(done);
            long millis = Duration.between(started, clock.instant()).toMillis();
            jdbc.sql("UPDATE backup_run SET outcome = 'DONE', finished_at = :at, bytes = :bytes WHERE id = :id")
                    .param("at", java.sql.Timestamp.from(clock.instant())).param("bytes", bytes)
                    .param("id", run).update();
            events.publishEvent(new Audited("CREATE", "backup", name, null, null,
                    Map.of("name", name, "directory", dir.toString(), "bytes", bytes, "millis", millis), actor));
            log.info("Backup {} taken in {} ms: {} MB in {}", name, millis, megabytes(bytes), dir);
            prune(dir);
            return new Backup(name, started, bytes);
        } catch (Conflict refused) {
            failed(run, refused.key(), refused.args());
            throw refused;
        } catch (IOException | SQLException | UncheckedIOException e) {
            log.error("Backup failed", e);
            failed(run, "backup.failed", String.valueOf(e.getMessage()));
            throw new Conflict("backup.failed", String.valueOf(e.getMessage()));
        } finally {
            if (partial != null) {
                delete(partial);
            }
        }
    }

    private void failed(UUID run, String key, Object... args) {
        jdbc.sql("UPDATE backup_run SET outcome = 'FAILED', finished_at = :at, name = NULL, error = :error, error_args = :args "
                + "WHERE id = :id")
                .param("at", java.sql.Timestamp.from(clock.instant())).param("error", key)
                .param("args", java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new))
                .param("id", run).update();
    }

    /** Two copies in one second (the second asked for while the first was being renamed) get a number. */
    private static String freeName(Path dir, String name) {
        String candidate = name;
        for (int n = 2; Files.exists(dir.resolve(candidate)); n++) {
            candidate = name + "-" + n;
        }
        return candidate;
    }

    /**
     * The copy itself, on a connection of its own and not the pool's: a backup in progress and the temporary slot
     * belong to the session, and closing it ends both should anything fail half way.
     */
    private void copy(Path data, Path target, String label) throws IOException, SQLException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        try (Connection c = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_create_physical_replication_slot('fengqiao_backup_' || pg_backend_pid(), true, true)");
            try (var start = c.prepareStatement("SELECT pg_backup_start(?, true)")) {
                start.setString(1, label);
                start.execute();
            }
            copyTree(data, target);
            steps.reached("copied", target);
            String labelFile;
            String spaceMap;
            try (ResultSet rs = s.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                rs.next();
                labelFile = rs.getString(1);
                spaceMap = rs.getString(2);
            }
            Files.writeString(target.resolve("backup_label"), labelFile);
            if (spaceMap != null && !spaceMap.isEmpty()) {
                Files.writeString(target.resolve("tablespace_map"), spaceMap);
            }
            copyLog(data.resolve("pg_wal"), target.resolve("pg_wal"));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(d);
                if (!rel.toString().isEmpty()) {
                    Files.createDirectories(to.resolve(rel.toString()));
                }
                return rel.getNameCount() == 1 && CONTENTS_LEFT_OUT.contains(rel.toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                String name = f.getFileName().toString();
                if (!attrs.isRegularFile() || FILES_LEFT_OUT.contains(name) || name.startsWith("pgsql_tmp")) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException dropped) {
                    // a table dropped or a temporary file removed while the copy ran: the log replays that
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        for (String dir : CONTENTS_LEFT_OUT) {
            Files.createDirectories(to.resolve(dir));
        }
    }

    /** The log's segments and timeline histories as they stand after the stop, which wrote out its last segment. */
    private static void copyLog(Path from, Path to) throws IOException {
        Files.createDirectories(to.resolve("archive_status"));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(from)) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    try {
                        Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    } catch (NoSuchFileException recycled) {
                        // a segment older than the slot's hold, recycled meanwhile: not one the copy needs
                    }
                }
            }
        }
    }

    /** Every file and directory of the copy flushed to disk before it is named as done. */
    private static void sync(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isRegularFile(p)) {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                } else if (Files.isDirectory(p)) {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                        ch.force(true);
                    }
                }
            }
        }
    }

    private void prune(Path dir) {
        List<Backup> all = list();
        for (Backup old : all.subList(Math.min(keep(), all.size()), all.size())) {
            delete(dir.resolve(old.name()));
            log.info("Backup {} removed: {} are kept", old.name(), keep());
        }
    }

    /** Copies a run cut off by a stop left under their hidden name; only one run writes at a time. */
    private void removePartials(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, PARTIAL + "*")) {
            for (Path p : entries) {
                delete(p);
            }
        }
    }

    private void delete(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
                steps.reached("deleted", p);
            }
        } catch (IOException e) {
            log.warn("Could not remove {} entirely: {}", root, e.getMessage());
        }
    }

    static long size(Path root) {
        long[] total = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    total[0] += attrs.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total[0];
    }

    /** Bytes in whole megabytes, rounded up (a copy of a few kilobytes is 1 MB, not 0). */
    public static long megabytes(long bytes) {
        return (bytes + (1L << 20) - 1) >> 20;
    }
}
