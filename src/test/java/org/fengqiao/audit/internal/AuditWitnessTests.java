package org.fengqiao.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.fengqiao.audit.internal.AuditWitness.Head;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The witness file keeps its highest head however long the platform runs, and survives a line cut short. */
class AuditWitnessTests {

    @TempDir
    Path dir;

    @Test
    void aMissingFileWitnessesNothing() {
        assertThat(new AuditWitness(dir.resolve("data/audit-witness.log")).latest()).isEmpty();
    }

    @Test
    void theFileIsReplacedByItsHeadOnceItPassesAMegabyteAndKeepsThatHead() throws Exception {
        AuditWitness witness = new AuditWitness(dir.resolve("audit-witness.log"));
        Instant at = Instant.parse("2026-12-05T02:00:00Z");
        long written = AuditWitness.COMPACT_AT / 90 + 1000;
        for (long n = 1; n <= written; n++) {
            witness.record(new Head(n, hash(n), at.plusMillis(500 * n)));
            assertThat(Files.size(witness.file())).isLessThanOrEqualTo(AuditWitness.COMPACT_AT + 200);
        }
        assertThat(Files.size(witness.file())).isLessThan(AuditWitness.COMPACT_AT / 2);
        assertThat(witness.latest()).contains(new Head(written, hash(written), at.plusMillis(500 * written)));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("audit-witness.log");
        }
    }

    @Test
    void aLineCutShortByACrashLeavesTheHeadBeforeIt() throws Exception {
        AuditWitness witness = new AuditWitness(dir.resolve("audit-witness.log"));
        Head head = new Head(41, hash(41), Instant.parse("2026-12-05T02:00:00Z"));
        witness.record(head);
        Files.writeString(witness.file(), "42 " + hash(42).substring(0, 20), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertThat(witness.latest()).contains(head);
    }

    @Test
    void aHeadAppendedAfterALineCutShortByAFullDiskIsReadAsItselfNotAsAFalseLaterHead() throws Exception {
        // the disk filled up after the first digits of head 1234 were written; once space is freed head 1240 is
        // appended: read glued to those digits as 121240 it would report the chain truncated, for ever
        AuditWitness witness = new AuditWitness(dir.resolve("audit-witness.log"));
        Instant at = Instant.parse("2026-12-05T02:00:00Z");
        witness.record(new Head(1233, hash(1233), at));
        Files.writeString(witness.file(), "12", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Head head = new Head(1240, hash(1240), at.plusSeconds(4));
        witness.record(head);
        assertThat(witness.latest()).contains(head);
    }

    private static String hash(long n) {
        return String.format("%064x", n);
    }
}
