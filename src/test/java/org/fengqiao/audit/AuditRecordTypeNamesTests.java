package org.fengqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every kind of record the code writes to the audit trail reads as a name on the audit page, in both languages: the
 * record types are collected from the sources (the second argument of each {@code new Audited(…)}, the first of
 * {@code Audited.created/updated/deleted/read(…)}), and each must be one of {@link Audited#RECORD_TYPES} (which the
 * page's filter offers) and have its {@code audit.recordType.*} message. A record type passed as anything but a
 * string literal fails the scan, so it cannot slip past it.
 */
class AuditRecordTypeNamesTests {

    /** The record type argument as it is written, whatever it is. */
    static final Pattern PUBLISHED = Pattern.compile(
            "(?:new Audited\\(\\s*(?:\"[A-Z_]+\"|[A-Za-z_][A-Za-z0-9_.]*)\\s*,|Audited\\.(?:created|updated|deleted|read)\\()"
                    + "\\s*([^,)]+)");
    static final Pattern LITERAL = Pattern.compile("\"([a-z][a-z_-]*)\"");

    @Test
    void everyRecordTypePublishedInTheCodeIsOneTheAuditPageNames() throws IOException {
        Set<String> published = new TreeSet<>();
        Set<String> notLiteral = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (f.endsWith(Path.of("org/fengqiao/audit/Audited.java"))) {
                    continue; // the factory methods pass their parameter on
                }
                Matcher m = PUBLISHED.matcher(Files.readString(f));
                while (m.find()) {
                    Matcher literal = LITERAL.matcher(m.group(1).trim());
                    if (literal.matches()) {
                        published.add(literal.group(1));
                    } else {
                        notLiteral.add(f.getFileName() + ": " + m.group(1).trim());
                    }
                }
            }
        }
        assertThat(notLiteral).as("record types the scan cannot read: write them as string literals").isEmpty();
        assertThat(published).as("the scan finds the record types published in every module")
                .contains("staff", "person", "import-job", "force_roster", "incident", "audit", "recovery-file");
        assertThat(Audited.RECORD_TYPES).as("record types published but not offered on the audit page")
                .containsAll(published);
        assertThat(published).as("record types offered on the audit page that nothing publishes")
                .containsAll(Audited.RECORD_TYPES);
        assertThat(Audited.RECORD_TYPES).doesNotHaveDuplicates();
    }

    @Test
    void everyRecordTypeHasANameInChineseAndInEnglish() throws IOException {
        Properties zh = AuditActionNamesTests.bundle("audit.properties");
        Properties en = AuditActionNamesTests.bundle("audit_en.properties");
        for (String type : Audited.RECORD_TYPES) {
            assertThat(zh.getProperty("audit.recordType." + type)).as(type + " in Chinese").isNotBlank()
                    .doesNotContain(type).doesNotContainPattern("[A-Za-z]{4,}");
            assertThat(en.getProperty("audit.recordType." + type)).as(type + " in English").isNotBlank()
                    .isNotEqualTo(type).doesNotContainPattern("\\p{IsHan}");
        }
    }
}
