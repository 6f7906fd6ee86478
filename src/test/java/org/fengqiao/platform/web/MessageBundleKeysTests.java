package org.fengqiao.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No message key is defined twice in one bundle file. Helpers working side by side each add the keys they need (the
 * Police work menu's name, nav.group.duty, was added by every module of that menu) and a merge keeps both lines: the
 * file still loads, the later line silently wins, and the next change to the first one shows nowhere.
 */
class MessageBundleKeysTests {

    @Test
    void everyKeyIsDefinedOncePerBundleFile() throws IOException {
        List<String> twice = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/i18n"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).sorted().toList()) {
                Set<String> seen = new HashSet<>();
                boolean continued = false;
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String l = line.strip();
                    boolean continuation = continued;
                    continued = l.endsWith("\\") && !l.startsWith("#");
                    int eq = l.indexOf('=');
                    if (continuation || l.isEmpty() || l.startsWith("#") || l.startsWith("!") || eq < 0) {
                        continue;
                    }
                    String key = l.substring(0, eq).strip();
                    if (!seen.add(key)) {
                        twice.add(file.getFileName() + ": " + key);
                    }
                }
            }
        }
        assertThat(twice).as("keys defined twice").isEmpty();
    }
}
