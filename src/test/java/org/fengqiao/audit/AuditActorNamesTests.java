package org.fengqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
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
 * Every actor that is no person and that the code names on the audit trail reads as words on the audit page, in both
 * languages: the names given with {@code .by("…")} or {@code .by(SystemActor.X)} are collected from the sources, and
 * each must be one of {@link SystemActor#ALL} (the trail translates only those) with its {@code audit.actor.*}
 * message in Chinese and in English. Otherwise the auditor reads a raw code such as "claims-expiry".
 */
class AuditActorNamesTests {

    static final Pattern LITERAL = Pattern.compile("\\.by\\(\\s*\"([^\"]+)\"\\s*\\)");
    static final Pattern CONSTANT = Pattern.compile("SystemActor\\.([A-Z_]+)\\b");

    @Test
    void everyActorNamedInTheCodeIsASystemActorTheTrailTranslates() throws IOException, ReflectiveOperationException {
        Set<String> named = new TreeSet<>();
        Set<String> constants = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(f);
                Matcher literal = LITERAL.matcher(source);
                while (literal.find()) {
                    named.add(literal.group(1));
                }
                Matcher constant = CONSTANT.matcher(source);
                while (constant.find()) {
                    if (!constant.group(1).equals("ALL")) {
                        constants.add(constant.group(1));
                    }
                }
            }
        }
        assertThat(constants).as("the scan finds the actors named by constant").contains("DEMO", "OPERATOR");
        for (String constant : constants) {
            named.add((String) SystemActor.class.getField(constant).get(null));
        }
        // and every actor declared, used or not yet
        for (Field f : SystemActor.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                named.add((String) f.get(null));
            }
        }
        assertThat(SystemActor.ALL).as("actors named in the code that the trail shows by their raw code")
                .containsAll(named);
    }

    @Test
    void everySystemActorHasANameInChineseAndInEnglish() throws IOException {
        Properties zh = AuditActionNamesTests.bundle("audit.properties");
        Properties en = AuditActionNamesTests.bundle("audit_en.properties");
        for (String actor : SystemActor.ALL) {
            String key = "audit.actor." + (actor.equals(SystemActor.RESIDENT) ? "resident" : actor);
            assertThat(zh.getProperty(key)).as(actor + " in Chinese").isNotBlank().doesNotContainPattern("[A-Za-z]");
            assertThat(en.getProperty(key)).as(actor + " in English").isNotBlank().isNotEqualTo(actor);
        }
    }
}
