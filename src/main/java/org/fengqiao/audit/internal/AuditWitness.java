package org.fengqiao.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The chain's head as the sealer saw it, kept outside the database (ADR 2, amended 2026-12-05): a file of lines
 * {@code chain_no hash time}, appended to after a seal became durable. A superuser who cuts the chain's tail in the
 * database leaves a chain that verifies as whole; the head written here still names the entry the chain reached and
 * its hash. The line with the highest number counts, and the sealer only appends a head that extends it, so that line
 * always stands for everything witnessed before. Lines are appended without a flush to disk (a lost line leaves an
 * older head: less witnessed, never a false alarm); past {@link #COMPACT_AT} bytes the file is replaced by its head.
 * By default it lies in the data directory ({@code fengqiao.db.data-dir}); {@code fengqiao.audit.witness-file} moves
 * it (an instance of its own per file, or several sharing one path: each appends whole lines).
 */
@Component
public class AuditWitness {

    /** The file is replaced by its head line once it grows past this (about 9,000 heads, an hour of busy sealing). */
    static final long COMPACT_AT = 1 << 20;

    /** A head of the chain: its last sealed entry's number and hash, and when the sealer saw it. */
    public record Head(long chainNo, String hash, Instant at) {

        String line() {
            return chainNo + " " + hash + " " + at + "\n";
        }

        static Optional<Head> parse(String line) {
            String[] parts = line.strip().split(" ");
            if (parts.length != 3 || !parts[1].matches("[0-9a-f]{64}")) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Head(Long.parseLong(parts[0]), parts[1], Instant.parse(parts[2])));
            } catch (NumberFormatException | DateTimeParseException e) {
                // a line cut short by a crash while it was appended: the lines before it still count
                return Optional.empty();
            }
        }
    }

    private final Path file;

    @Autowired
    AuditWitness(@Value("${fengqiao.audit.witness-file:}") String configured,
            @Value("${fengqiao.db.data-dir}") String dataDir) {
        this(configured.isBlank() ? Path.of(dataDir, "audit-witness.log") : Path.of(configured));
    }

    AuditWitness(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    public Path file() {
        return file;
    }

    /** The highest head witnessed; none when the file is missing (a new installation, or moved aside). */
    public synchronized Optional<Head> latest() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(Head::parse).flatMap(Optional::stream)
                    .reduce((a, b) -> b.chainNo() >= a.chainNo() ? b : a);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit chain's witness " + file, e);
        }
    }

    /**
     * Appends a head; the caller makes sure it extends the one witnessed before. On a line of its own: after a line
     * cut short (a full disk took the rest of it) the head would otherwise continue its digits and read as a later
     * head, which no seal reaches, and the chain would be reported cut.
     */
    public synchronized void record(Head head) throws IOException {
        Files.createDirectories(file.getParent());
        String line = endsMidLine() ? "\n" + head.line() : head.line();
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        if (Files.size(file) > COMPACT_AT) {
            compact(latest().orElse(head));
        }
    }

    /** Whether the file's last line was cut short (it does not end with a line break). */
    private boolean endsMidLine() throws IOException {
        try (SeekableByteChannel in = Files.newByteChannel(file, StandardOpenOption.READ)) {
            if (in.size() == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            in.position(in.size() - 1).read(last);
            return last.get(0) != '\n';
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Replaces the file by its head, flushed before the rename, so a crash leaves the old file or the new. */
    private void compact(Head head) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                out.write(StandardCharsets.UTF_8.encode(head.line()));
                out.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
