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
import java.util.HashMap;
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
import org.springframework.core.NestedRuntimeException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Copies of the embedded database taken while the platform runs. A copy is PostgreSQL's low-level base backup: the
 * backup started ({@code pg_backup_start}, with a checkpoint at once), the data directory copied file by file while
 * the platform goes on writing, the backup stopped ({@code pg_backup_stop}) and its label written into the copy, then
 * the write-ahead log from the start's checkpoint up to the stop copied after it (that and no more: {@link #copyLog}).
 * A temporary replication slot holds that log from the start, so a checkpoint during the copy does not recycle a
 * segment the copy needs. Started on the copy, PostgreSQL replays the
 * log from the label's checkpoint and comes up as the database stood when the backup stopped. The copy is written
 * under a hidden name, flushed to disk, then renamed, so a copy that shows is whole; one that failed half way is
 * removed, and one is removed under a hidden name too, so a removal stopped half way does not leave a copy that looks
 * whole. Whatever fails during a run (the disk, the database, anything unexpected) ends the backup on the server,
 * removes what was written and leaves the run failed with its reason. The personal-data key, kept in the data
 * directory, is copied with it.
 */
@Service
public class Backups {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'fengqiao-'yyyyMMdd-HHmmss").withZone(BEIJING);
    static final Pattern NAMED = Pattern.compile("fengqiao-(\\d{8}-\\d{6})(-\\d+)?");
    private static final String PARTIAL = ".partial-";
    private static final String REMOVING = ".removing-";
    /** Directories whose contents PostgreSQL's documentation says a base backup leaves out (pg_wal: copied after). */
    private static final Set<String> CONTENTS_LEFT_OUT = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");
    /** The running server's files, and the embedded server's lock, which a copy must not carry. */
    private static final Set<String> FILES_LEFT_OUT = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "backup_label", "backup_label.old", "tablespace_map", "pg_internal.init");
    /** Room asked for beyond the data directory's size before a copy starts. */
    private static final long MARGIN = 64L << 20;

    /**
     * A copy that can be restored: its name (the directory's), when it was taken, its size in bytes as recorded when
     * it was taken (null when this database did not record it: a copy taken after the one restored from, put in the
     * directory since the platform started).
     */
    public record Backup(String name, Instant takenAt, Long bytes) {
    }

    /**
     * One attempt, kept in the database: done or failed, or still running. Why it failed is a message key with its
     * arguments ({@code backup.noSpace}, ...) or, for a failure of the disk or the database, their own words with
     * the key {@code backup.failed}. The actor is null for a copy found on disk whose run this database never saw
     * (taken after the copy it was restored from: {@link #recordCopiesWithoutRuns}).
     */
    public record Run(UUID id, Instant startedAt, Instant finishedAt, String name, Long bytes, String outcome,
            String error, List<String> errorArgs, String actor) {

        /** How long the run took; null while it runs. */
        public Duration took() {
            return finishedAt == null ? null : Duration.between(startedAt, finishedAt);
        }
    }

    private final FengqiaoProperties platform;
    private final BackupProperties settings;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
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
            ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock) {
        this.platform = platform;
        this.settings = settings;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
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

    /**
     * The copies there are on disk, newest first, each with the size its run recorded: a page of seven copies reads
     * one directory and one query, not the copies' thousands of files. Folders the platform did not write are no
     * copies ({@link #copies}).
     */
    public List<Backup> list() {
        Path dir = directory();
        if (!available() || !Files.isDirectory(dir)) {
            return List.of();
        }
        Map<String, Long> recorded = new HashMap<>();
        List<String> names = copies(dir, recorded);
        List<Backup> found = new ArrayList<>();
        for (String name : names) {
            var m = NAMED.matcher(name);
            m.matches();
            Instant at = LocalDateTime.parse(m.group(1), DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                    .atZone(BEIJING).toInstant();
            found.add(new Backup(name, at, recorded.get(name)));
        }
        return found;
    }

    /**
     * The copies the platform wrote in the directory, newest first, with the sizes their runs recorded put in
     * {@code recorded}. A folder named like a copy is one when a run of this database took it, or when it carries the
     * label PostgreSQL gave the copy of that name (a copy taken after the one this database was restored from, whose
     * run the restored database never saw). Anything else was put there by hand: it is not shown, not counted among
     * the copies kept, and never removed.
     */
    private List<String> copies(Path dir, Map<String, Long> recorded) {
        List<String> names = names(dir);
        Set<String> done = new java.util.HashSet<>();
        jdbc.sql("SELECT name, bytes FROM backup_run WHERE outcome = 'DONE' AND name = ANY(:names)")
                .param("names", names.toArray(String[]::new))
                .query(rs -> {
                    done.add(rs.getString("name"));
                    if (rs.getObject("bytes") != null) {
                        recorded.put(rs.getString("name"), rs.getLong("bytes"));
                    }
                });
        return names.stream().filter(n -> done.contains(n) || n.equals(label(dir.resolve(n)))).toList();
    }

    /** The label in a copy's {@code backup_label}, which PostgreSQL wrote as its name; null without one. */
    private static String label(Path copy) {
        return labelIn(copy.resolve("backup_label"));
    }

    /** The copy's name a label file holds, null if it holds none. */
    private static String labelIn(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            return Files.readAllLines(file).stream().filter(l -> l.startsWith("LABEL: "))
                    .map(l -> l.substring(7).trim())
                    .filter(l -> NAMED.matcher(l).matches()).findFirst().orElse(null);
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    /** The names of the folders in the directory named like copies, newest first. */
    private static List<String> names(Path dir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (NAMED.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p)) {
                    names.add(p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(Comparator.reverseOrder());
        return names;
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
        endInterruptedRuns(jdbc, available() ? restoredFrom(dataDirectory()) : null, available() ? directory() : null,
                available() ? dataDirectory().resolve("backup_label.old") : null);
    }

    /** As {@link #endInterruptedRuns(JdbcClient, String, Path, Path)}, the restored data directory's label unknown. */
    static void endInterruptedRuns(JdbcClient jdbc, String restoredFrom, Path backups) {
        endInterruptedRuns(jdbc, restoredFrom, backups, null);
    }

    /**
     * Ends the runs marked running; the one that took the copy {@code restoredFrom} is done, with the size of that
     * copy in {@code backups} (as its run would have recorded it had the copy not been taken before), or none if the
     * copy is no longer there, and finished when the copy's label was written, just after PostgreSQL ended the backup:
     * the moment the restored database stands at. The restore's own time (the platform's first start on the copy) would
     * tell the administrator, picking a copy to restore, that it holds days of work it does not.
     */
    static void endInterruptedRuns(JdbcClient jdbc, String restoredFrom, Path backups, Path restoredLabel) {
        if (restoredFrom != null && backups != null) {
            Path copy = backups.resolve(restoredFrom);
            Long bytes = Files.isDirectory(copy) ? size(copy) : null;
            Instant labelled = labelWritten(copy.resolve("backup_label"));
            if (labelled == null && restoredLabel != null) {
                labelled = labelWritten(restoredLabel);
            }
            jdbc.sql("UPDATE backup_run SET outcome = 'DONE', finished_at = coalesce(finished_at, :labelled, now()), "
                    + "bytes = coalesce(bytes, :bytes) WHERE outcome = 'RUNNING' AND name = :name")
                    .param("labelled", labelled == null ? null : java.sql.Timestamp.from(labelled), java.sql.Types.TIMESTAMP)
                    .param("bytes", bytes, java.sql.Types.BIGINT).param("name", restoredFrom).update();
        }
        jdbc.sql("UPDATE backup_run SET outcome = 'FAILED', finished_at = now(), error = 'backup.interrupted' WHERE outcome = 'RUNNING'")
                .update();
        if (backups != null) {
            recordCopiesWithoutRuns(jdbc, backups);
        }
    }

    /**
     * The copies on disk that no run of this database took, recorded as done runs, so that the runs list shows every
     * copy the engineer can restore from. After a restore these are the copies taken after the one restored from: the
     * restored database never saw their runs, and without a row the list ended at the restored copy, as if nothing
     * had been taken since. Each is recorded as its label tells: started at its name's time, finished when its label
     * was written, its size as it lies; who took it is not known (null). Only folders bearing the label PostgreSQL
     * gave a copy of that name count ({@link #copies}); nothing here stops the start.
     */
    static void recordCopiesWithoutRuns(JdbcClient jdbc, Path backups) {
        if (!Files.isDirectory(backups)) {
            return;
        }
        try {
            List<String> names = names(backups);
            Set<String> known = new java.util.HashSet<>(jdbc.sql("SELECT name FROM backup_run WHERE name = ANY(:names)")
                    .param("names", names.toArray(String[]::new)).query(String.class).list());
            for (String name : names) {
                Path copy = backups.resolve(name);
                if (known.contains(name) || !name.equals(label(copy))) {
                    continue;
                }
                var m = NAMED.matcher(name);
                m.matches();
                Instant started = LocalDateTime.parse(m.group(1), DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                        .atZone(BEIJING).toInstant();
                Instant finished = labelWritten(copy.resolve("backup_label"));
                jdbc.sql("INSERT INTO backup_run (id, started_at, finished_at, name, bytes, outcome, actor) "
                        + "VALUES (:id, :started, :finished, :name, :bytes, 'DONE', NULL)")
                        .param("id", UUID.randomUUID()).param("started", java.sql.Timestamp.from(started))
                        .param("finished", java.sql.Timestamp.from(finished == null || finished.isBefore(started)
                                ? started : finished))
                        .param("name", name).param("bytes", size(copy)).update();
                log.info("Backup {} found in {} without a run of this database (taken after the copy it was restored "
                        + "from): recorded as done", name, backups);
            }
        } catch (RuntimeException e) {
            log.warn("The copies in {} could not all be recorded among the runs: {}", backups, e.toString());
        }
    }

    /**
     * When a copy's label was written: in the backup directory, or kept by PostgreSQL in the restored data directory
     * ({@code cp -a}, as README says, keeps the time); null when there is none.
     */
    private static Instant labelWritten(Path label) {
        try {
            return Files.isRegularFile(label) ? Files.getLastModifiedTime(label).toInstant() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The name of the copy this data directory was restored from, from the label PostgreSQL kept; null if none. */
    static String restoredFrom(Path data) {
        return labelIn(data.resolve("backup_label.old"));
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
        UUID run = UUID.randomUUID();
        Instant started = clock.instant();
        // named before the copy: the run's row, copied while it says running, names the copy it is in
        String name = freeName(dir, NAME.format(started));
        try {
            jdbc.sql("INSERT INTO backup_run (id, started_at, name, outcome, actor) VALUES (:id, :at, :name, 'RUNNING', :actor)")
                    .param("id", run).param("at", java.sql.Timestamp.from(started)).param("name", name)
                    .param("actor", actor).update();
        } catch (RuntimeException e) {
            log.error("Backup {} not started: its run could not be recorded", name, e);
            throw new Conflict("backup.failed", reason(e));
        }
        Path partial = dir.resolve(PARTIAL + name);
        Path done = dir.resolve(name);
        boolean named = false;
        boolean recorded = false;
        Backup taken;
        try {
            if (dir.startsWith(data)) {
                // refused before anything is written, as a run the administrator sees failed with the reason
                throw new Conflict("backup.insideData", dir);
            }
            Files.createDirectories(dir);
            removeLeftovers(dir);
            long needed = size(data) + MARGIN;
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < needed) {
                throw new Conflict("backup.noSpace", dir, megabytes(free), megabytes(needed));
            }
            Files.createDirectory(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            copy(data, partial, name);
            sync(partial);
            Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
            named = true;
            force(dir);
            long bytes = size(done);
            long millis = Duration.between(started, clock.instant()).toMillis();
            // the run done and its audit entry, both or neither: a copy whose run is not recorded done is not kept
            transaction.executeWithoutResult(status -> {
                jdbc.sql("UPDATE backup_run SET outcome = 'DONE', finished_at = :at, bytes = :bytes WHERE id = :id")
                        .param("at", java.sql.Timestamp.from(clock.instant())).param("bytes", bytes)
                        .param("id", run).update();
                events.publishEvent(new Audited("CREATE", "backup", name, null, null,
                        Map.of("name", name, "directory", dir.toString(), "bytes", bytes, "millis", millis), actor));
            });
            recorded = true;
            log.info("Backup {} taken in {} ms: {} MB in {}", name, millis, megabytes(bytes), dir);
            taken = new Backup(name, started, bytes);
        } catch (Conflict refused) {
            failed(run, refused, refused.key(), refused.args());
            throw refused;
        } catch (Throwable e) {
            // the disk, the database (its own backup_run updates included) or anything unexpected
            log.error("Backup {} failed", name, e);
            Conflict explained = explained(e, dir);
            if (explained != null) {
                failed(run, e, explained.key(), explained.args());
                throw explained;
            }
            failed(run, e, "backup.failed", reason(e));
            if (e instanceof Error error) {
                throw error;
            }
            throw new Conflict("backup.failed", reason(e));
        } finally {
            if (!recorded) {
                delete(partial);
                if (named) {
                    discard(done);
                }
            }
        }
        prune(dir, name);
        return taken;
    }

    /** The run failed for the reason given; if even that cannot be recorded, the log says so (it shows running). */
    private void failed(UUID run, Throwable cause, String key, Object... args) {
        try {
            jdbc.sql("UPDATE backup_run SET outcome = 'FAILED', finished_at = :at, name = NULL, error = :error, "
                    + "error_args = :args WHERE id = :id")
                    .param("at", java.sql.Timestamp.from(clock.instant())).param("error", key)
                    .param("args", java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new))
                    .param("id", run).update();
        } catch (RuntimeException e) {
            log.error("Backup run {} failed ({} {}) and could not be recorded as failed: it shows as running until the "
                    + "platform restarts", run, key, java.util.Arrays.toString(args), e);
            cause.addSuppressed(e);
        }
    }

    /**
     * The failures of the backup directory's disk that the system administrator mends himself, in his language with
     * what to do: no right to write there, a file where the directory should be, a disk full or mounted read-only. The
     * file system's own words name only a path (a refused write says "/backups/.partial-fengqiao-…" and nothing else)
     * or say it in English. Null for anything else, which keeps its own words.
     */
    static Conflict explained(Throwable e, Path dir) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.file.AccessDeniedException) {
                return new Conflict("backup.denied", dir);
            }
            if (t instanceof IOException io) {
                String why = io instanceof java.nio.file.FileSystemException fs ? fs.getReason() : io.getMessage();
                why = why == null ? "" : why;
                if (why.contains("No space left on device") || why.contains("Disk quota exceeded")) {
                    return new Conflict("backup.diskFull", dir);
                }
                if (why.contains("Read-only file system")) {
                    return new Conflict("backup.readOnly", dir);
                }
                Path file = notADirectory(dir);
                if (file != null && (t instanceof java.nio.file.FileAlreadyExistsException
                        || t instanceof java.nio.file.NotDirectoryException || why.contains("Not a directory"))) {
                    return new Conflict("backup.notDirectory", dir, file);
                }
            }
        }
        return null;
    }

    /** The backup directory itself, or the nearest folder above it, where something other than a folder stands. */
    private static Path notADirectory(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? null : p;
            }
        }
        return null;
    }

    /** Why a run failed, in a line: the database's own message rather than the statement around it. */
    private static String reason(Throwable e) {
        Throwable shown = e instanceof NestedRuntimeException nested ? nested.getMostSpecificCause() : e;
        String message = shown.getMessage();
        return message == null || message.isBlank() ? shown.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message).trim();
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
            String firstSegment;
            try (var start = c.prepareStatement("SELECT pg_walfile_name(pg_backup_start(?, true))")) {
                start.setString(1, label);
                try (ResultSet rs = start.executeQuery()) {
                    rs.next();
                    firstSegment = rs.getString(1);
                }
            }
            String labelFile;
            String spaceMap;
            String lastSegment;
            boolean stopped = false;
            try {
                copyTree(data, target, steps);
                steps.reached("copied", target);
                // the stop's LSN ends its record: pg_walfile_name names the segment holding it, even on a boundary
                try (ResultSet rs = s.executeQuery(
                        "SELECT labelfile, spcmapfile, pg_walfile_name(lsn) FROM pg_backup_stop(false)")) {
                    rs.next();
                    labelFile = rs.getString(1);
                    spaceMap = rs.getString(2);
                    lastSegment = rs.getString(3);
                }
                stopped = true;
            } finally {
                if (!stopped) {
                    abort(s);
                }
            }
            Files.writeString(target.resolve("backup_label"), labelFile);
            if (spaceMap != null && !spaceMap.isEmpty()) {
                Files.writeString(target.resolve("tablespace_map"), spaceMap);
            }
            copyLog(data.resolve("pg_wal"), target.resolve("pg_wal"), firstSegment, lastSegment);
        }
    }

    /**
     * A copy that failed half way ends its backup and drops its slot at once; closing the session would end both
     * too, but only when its server process gets round to it.
     */
    private static void abort(Statement s) {
        try {
            s.execute("SELECT pg_backup_stop(false)");
        } catch (SQLException e) {
            log.warn("The failed backup could not be stopped on its session (closing it will): {}", e.getMessage());
        }
        try {
            s.execute("SELECT pg_drop_replication_slot('fengqiao_backup_' || pg_backend_pid())");
        } catch (SQLException e) {
            log.warn("The failed backup's slot could not be dropped on its session (closing it will): {}", e.getMessage());
        }
    }

    /** The data directory copied file by file; each file reached tells {@code steps} ("copying", the copy's root). */
    private static void copyTree(Path from, Path to, Step steps) throws IOException {
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
                steps.reached("copying", to);
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

    /** A write-ahead log segment's file name: timeline, log and segment, eight hex digits each. */
    private static final Pattern SEGMENT = Pattern.compile("\\p{XDigit}{24}");

    /**
     * The log the restore replays, as it stands after the stop (which wrote out its last segment): the segments from
     * the one holding the start's checkpoint to the one holding the stop, and the timeline histories. The rest of
     * pg_wal is of no use to the copy: segments before the start, kept for the live server's own recovery or held by
     * the slot from its creation, and the recycled ones PostgreSQL renamed ahead of the stop to write into later, which
     * hold old log (up to max_wal_size, a gigabyte, on a busy server). Segment names, of equal length in capital hex,
     * sort as their positions in the log.
     */
    private static void copyLog(Path from, Path to, String firstSegment, String lastSegment) throws IOException {
        Files.createDirectories(to.resolve("archive_status"));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(from)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                boolean needed = SEGMENT.matcher(name).matches()
                        ? name.compareToIgnoreCase(firstSegment) >= 0 && name.compareToIgnoreCase(lastSegment) <= 0
                        : name.endsWith(".history");
                if (needed && Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        // held by the slot, neither end can have gone; a copy without them would not start, so it is no copy
        for (String segment : List.of(firstSegment, lastSegment)) {
            if (!Files.isRegularFile(to.resolve(segment))) {
                throw new NoSuchFileException(from.resolve(segment).toString(), null,
                        "a segment of the log the copy needs is missing");
            }
        }
    }

    /** A directory's entries (a copy renamed into it) flushed to disk. */
    private static void force(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
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

    /**
     * The oldest copies beyond the number kept removed, never the one just taken: a clock once ahead may have named
     * older copies after it. A copy that cannot be removed is left and logged; the copy taken stays done.
     */
    private void prune(Path dir, String taken) {
        try {
            List<String> names = copies(dir, new HashMap<>());
            for (String old : names.subList(Math.min(keep(), names.size()), names.size())) {
                if (!old.equals(taken) && discard(dir.resolve(old))) {
                    log.info("Backup {} removed: {} are kept", old, keep());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Old backups in {} not removed: {}", dir, e.toString());
        }
    }

    /**
     * A copy removed: renamed to a hidden name first, so a removal stopped half way leaves no copy that looks whole
     * (the next run removes what is left). False when it could not even be renamed; it is then left whole.
     */
    private boolean discard(Path copy) {
        Path hidden = copy.resolveSibling(REMOVING + copy.getFileName());
        try {
            Files.move(copy, hidden, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("Backup {} not removed: {}", copy, e.toString());
            return false;
        }
        delete(hidden);
        return true;
    }

    /**
     * What runs cut off by a stop, or removals stopped half way, left under a hidden name (a copy's name after the
     * prefix: nothing else is touched); only one run writes at a time.
     */
    private void removeLeftovers(Path dir) throws IOException {
        for (String prefix : List.of(PARTIAL, REMOVING)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, prefix + "fengqiao-*")) {
                for (Path p : entries) {
                    if (NAMED.matcher(p.getFileName().toString().substring(prefix.length())).matches()) {
                        delete(p);
                    }
                }
            }
        }
    }

    private void delete(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
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
