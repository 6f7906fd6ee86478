package org.fengqiao.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A link that does what a button does looks like one on every page: it is drawn by the pages' one style for it,
 * {@code button-link} (44 px tall, a thumb's target on a phone). A link classed {@code button} was drawn as a 16–19 px
 * line of text, since no style sheet names that class: the mediation, recovery, points and floor-plan pages had six,
 * the incident list three.
 */
class ButtonLinkStyleTests {

    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    static final Path STYLES = Path.of("src/main/resources/static/css");
    static final Pattern LINK_CLASSES = Pattern.compile("<a\\b[^>]*\\bclass=\"([^\"]*)\"");

    @Test
    void everyClassALinkIsDrawnAsAButtonByHasAStyle() throws IOException {
        String css = String.join("\n", read(STYLES, ".css"));
        List<String> unstyled = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = LINK_CLASSES.matcher(Files.readString(file));
                while (m.find()) {
                    for (String cls : m.group(1).trim().split("\\s+")) {
                        if (cls.startsWith("button") && !Pattern.compile("\\." + Pattern.quote(cls) + "(?![\\w-])").matcher(css).find()) {
                            unstyled.add(TEMPLATES.relativize(file) + ": " + cls);
                        }
                    }
                }
            }
        }
        assertThat(unstyled).as("links drawn as buttons by a class no style sheet names").isEmpty();
    }

    private static List<String> read(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> texts = new ArrayList<>();
            for (Path f : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                texts.add(Files.readString(f));
            }
            return texts;
        }
    }
}
