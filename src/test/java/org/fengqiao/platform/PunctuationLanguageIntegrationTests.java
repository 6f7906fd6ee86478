package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * English pages write a name with its note in brackets, a label before its value and lists as English does: ASCII
 * brackets, colons and commas; Chinese pages keep the full-width ones. The pages are the demo's, whose names hold no
 * brackets of their own, so every full-width bracket on an English page would be one the page put there.
 */
class PunctuationLanguageIntegrationTests extends IntegrationTest {

    private static final Pattern FULL_WIDTH = Pattern.compile("[（）]");
    private static final Pattern SCRIPTS = Pattern.compile("(?s)<script.*?</script>|<style.*?</style>");
    private static final Pattern TAGS = Pattern.compile("(?s)<[^>]*>");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    /** What the reader sees of a page: its text, without markup and scripts. */
    static String text(String html) {
        return TAGS.matcher(SCRIPTS.matcher(html).replaceAll(" ")).replaceAll(" ").replace("&#39;", "'");
    }

    /** Every full-width bracket in the text, with what stands around it. */
    static List<String> fullWidth(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = FULL_WIDTH.matcher(text);
        while (m.find()) {
            found.add(text.substring(Math.max(0, m.start() - 30), Math.min(text.length(), m.end() + 30)).strip());
        }
        return found;
    }

    @Test
    void englishPagesShowNamesWithTheirNotesInAsciiBracketsAndChinesePagesAsBefore() {
        ApiClient api = new ApiClient(port);
        String chief = api.token("chief", DEMO_PASSWORD);
        UUID incident = jdbc.sql("""
                SELECT i.id FROM incident i JOIN incident_event e ON e.incident_id = i.id AND e.kind = 'ROUTED'
                WHERE i.description = '两户村民因宅基地边界发生争执。' LIMIT 1""").query(UUID.class).single();
        UUID dispute = jdbc.sql("SELECT id FROM dispute_case WHERE risk_flagged_at IS NOT NULL ORDER BY opened_at LIMIT 1").query(UUID.class).single();
        List<String> pages = List.of("/incidents", "/incidents/" + incident, "/incidents/new", "/mediation/new",
                "/mediation/screenings", "/mediation/" + dispute, "/recovery/new");
        for (String path : pages) {
            HttpResponse<String> english = api.get(path, chief, "Accept-Language", "en");
            assertThat(english.statusCode()).as(path).isEqualTo(200);
            assertThat(fullWidth(text(english.body()))).as("full-width brackets on the English page " + path).isEmpty();
            HttpResponse<String> chinese = api.get(path, chief, "Accept-Language", "zh-CN");
            assertThat(fullWidth(text(chinese.body()))).as("the Chinese page " + path + " as before").isNotEmpty();
        }
        String list = text(api.get("/incidents", chief, "Accept-Language", "en").body());
        // an owner and his unit: 彭学英 (吴场村第1网格警务工作点)
        assertThat(list).containsPattern("\\p{IsHan}+ \\([\\p{IsHan}0-9]+\\)");
        String team = text(api.get("/mediation/" + dispute, chief, "Accept-Language", "en").body());
        assertThat(team).as("a team member: name (role, unit)").containsPattern("\\p{IsHan}+ \\([A-Z][a-z][^()]*, \\p{IsHan}+\\)");
    }
}
