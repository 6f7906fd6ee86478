package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The engineer who installs the platform learns its settings from the README, in Chinese or in English: every
 * environment variable application.yml reads is named in both halves, and each setting sits under the key the code
 * reads it from (a variable put under another module's key is set and never read).
 */
class ReadmeSettingsTests {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(FENGQIAO_[A-Z0-9_]+)");

    @Test
    void everyVariableApplicationYmlReadsIsNamedInBothHalvesOfTheReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int english = readme.indexOf("\n## English");
        assertThat(english).as("the README's English half").isPositive();
        String chinese = readme.substring(0, english);
        String englishHalf = readme.substring(english);

        Set<String> read = new TreeSet<>();
        Matcher m = VARIABLE.matcher(Files.readString(Path.of("src/main/resources/application.yml")));
        while (m.find()) {
            read.add(m.group(1));
        }
        assertThat(read).contains("FENGQIAO_DB_URL", "FENGQIAO_UPLOAD_MAX");

        assertThat(read.stream().filter(v -> !named(chinese, v)).toList())
                .as("read by application.yml, not named in the README's Chinese half").isEmpty();
        assertThat(read.stream().filter(v -> !named(englishHalf, v)).toList())
                .as("read by application.yml, not named in the README's English half").isEmpty();
    }

    /** Named whole, as the engineer greps for it: FENGQIAO_REVIEW_LOW_SEEN is not named by "..._LOW_SEEN". */
    private static boolean named(String text, String variable) {
        return Pattern.compile("(?<![A-Z0-9_])" + variable + "(?![A-Z0-9_])").matcher(text).find();
    }

    @Test
    void theBackupSettingsAreInTheSettingsTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("### 配置（环境变量）"), readme.indexOf("使用外部 PostgreSQL（15"));
        assertThat(table).contains("`FENGQIAO_BACKUP_DIR`", "`FENGQIAO_BACKUP_KEEP`", "`FENGQIAO_BACKUP_CRON`",
                "`FENGQIAO_AUDIT_WITNESS_FILE`");
    }

    @Test
    void theClaimsExpiryTimeIsSetUnderTheKeyItsSweepReads() throws IOException {
        String yml = Files.readString(Path.of("src/main/resources/application.yml"));
        String review = yml.substring(yml.indexOf("\n  review:"), yml.indexOf("\nlogging:"));
        assertThat(review).as("the review block sets no claims setting").doesNotContain("FENGQIAO_CLAIMS_");
        String claims = yml.substring(yml.indexOf("\n  claims:"), yml.indexOf("\n  # seed 004 群众评议"));
        assertThat(claims).contains("expiry-cron: ${FENGQIAO_CLAIMS_EXPIRY_CRON:15 * * * * *}");
    }
}
