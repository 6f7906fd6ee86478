package org.fengqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
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
 * Every action the code writes to the audit trail reads as a word on the audit page, in both languages: the actions
 * are collected from the sources (each {@code new Audited("…"} and the sign-in's {@code audit("…"}), and each must
 * be one of {@link Audited#ACTIONS} (which the page's filter offers) and have its {@code audit.action.*} message.
 */
class AuditActionNamesTests {

    static final Pattern PUBLISHED = Pattern.compile("(?:new Audited|\\baudit)\\(\\s*\"([A-Z_]+)\"");

    @Test
    void everyActionPublishedInTheCodeIsOneTheAuditPageNames() throws IOException {
        Set<String> published = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = PUBLISHED.matcher(Files.readString(f));
                while (m.find()) {
                    published.add(m.group(1));
                }
            }
        }
        // the factory methods' actions
        published.add(Audited.created("t", 1, null, null).action());
        published.add(Audited.updated("t", 1, null, null, null).action());
        published.add(Audited.deleted("t", 1, null, null).action());
        published.add(Audited.read("t", 1, null).action());

        assertThat(published).as("the scan finds the actions published by name")
                .contains("EXPORT", "IMPORT", "REVEAL", "SIGN_IN", "SIGN_IN_FAILED", "VERIFY");
        assertThat(Audited.ACTIONS).as("actions published but not offered on the audit page").containsAll(published);
    }

    @Test
    void everyActionHasANameInChineseAndInEnglish() throws IOException {
        Properties zh = bundle("audit.properties");
        Properties en = bundle("audit_en.properties");
        for (String action : Audited.ACTIONS) {
            assertThat(zh.getProperty("audit.action." + action)).as(action + " in Chinese").isNotBlank()
                    .doesNotContain(action);
            assertThat(en.getProperty("audit.action." + action)).as(action + " in English").isNotBlank()
                    .isNotEqualTo(action);
        }
    }

    static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/i18n", name), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
