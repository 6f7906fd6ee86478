package org.fengqiao.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

/**
 * What a screen shows, it does: every link a page shows a signed-in person leads to a page (or file) that answers him,
 * for every role of the demo district, in Chinese and in English. Starting from the home page, each person follows the
 * links of the pages he reaches, one page of each kind (a person's page stands for every person's), and every one must
 * answer 200 (after at most a few redirects, none to the sign-in page), in his language, with no message missing from
 * the bundles. A link to a page that refuses its reader, or fails on the records the suite's other tests leave beside
 * the demo's, is caught here.
 */
class EveryLinkIntegrationTests extends IntegrationTest {

    private static final Pattern HREF = Pattern.compile("href=\"([^\"#]*)\"");
    private static final Pattern MISSING_MESSAGE = Pattern.compile("\\?\\?[A-Za-z0-9_.\\-]+\\?\\?");
    private static final Pattern HTML_LANG = Pattern.compile("<html[^>]*\\blang=\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern NUMBERED = Pattern.compile("/[0-9][0-9A-Za-z\\-]*");
    /** Signing out ends the walk, a language switch changes the profile, and these are not pages. */
    private static final Pattern NOT_FOLLOWED = Pattern.compile(
            "^/(logout|css/|js/|img/|webjars/|favicon)|[?&]lang=");
    private static final int MOST_PAGES = 250;

    @LocalServerPort
    int port;

    /**
     * The roles walk side by side, as in SiteWalkIntegrationTests: one request at a time leaves one of the machine's
     * two cores idle. Each role has its own session and its own walk; only the problems are gathered.
     */
    static final int ROLES_AT_ONCE = 3;

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    void everyLinkShownToEveryRoleLeadsToAPageThatAnswersHimInHisLanguage(String language) throws Exception {
        List<String> problems = new ArrayList<>();
        int pages = 0;
        ExecutorService walkers = Executors.newFixedThreadPool(ROLES_AT_ONCE);
        try {
            List<Future<Integer>> walks = new ArrayList<>();
            List<List<String>> found = new ArrayList<>();
            for (String login : DEMO_LOGINS) {
                List<String> own = new ArrayList<>();
                found.add(own);
                walks.add(walkers.submit(() -> walk(new ApiClient(port).signedIn(login, DEMO_PASSWORD, language),
                        login, language, own)));
            }
            for (int i = 0; i < walks.size(); i++) {
                pages += walks.get(i).get();
                problems.addAll(found.get(i));
            }
        } finally {
            walkers.shutdownNow();
        }
        assertThat(pages).as("pages visited").isGreaterThan(DEMO_LOGINS.size() * 5);
        assertThat(problems).as("links that do not do what they show").isEmpty();
    }

    /** Follows the links from the home page, one page of each kind; answers how many pages it read. */
    private int walk(ApiClient person, String login, String language, List<String> problems) {
        Deque<String[]> queue = new ArrayDeque<>();
        queue.add(new String[] {"/", "(signed in)"});
        Set<String> seen = new HashSet<>();
        Map<String, Integer> kinds = new HashMap<>();
        int read = 0;
        while (!queue.isEmpty() && read < MOST_PAGES) {
            String[] next = queue.poll();
            String path = next[0];
            if (!seen.add(path) || kinds.merge(kind(path), 1, Integer::sum) > 1) {
                continue;
            }
            read++;
            HttpResponse<String> answer = person.get(path, null, "Accept", "text/html");
            for (int hops = 0; hops < 3 && answer.statusCode() / 100 == 3; hops++) {
                String to = answer.headers().firstValue("Location").map(l -> URI.create(l).getRawPath()
                        + (URI.create(l).getRawQuery() == null ? "" : "?" + URI.create(l).getRawQuery())).orElse("");
                if (to.startsWith("/login")) {
                    break;
                }
                answer = person.get(to, null, "Accept", "text/html");
            }
            String where = login + " " + language + ": " + path + " (linked from " + next[1] + ")";
            if (answer.statusCode() != 200) {
                problems.add(where + " answered " + answer.statusCode()
                        + answer.headers().firstValue("Location").map(l -> " to " + l).orElse(""));
                continue;
            }
            if (!answer.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                continue;
            }
            String page = answer.body();
            Matcher missing = MISSING_MESSAGE.matcher(page);
            while (missing.find()) {
                problems.add(where + " shows the missing message " + missing.group());
            }
            Matcher lang = HTML_LANG.matcher(page);
            if (lang.find() && !lang.group(1).startsWith(language.substring(0, 2))) {
                problems.add(where + " is in " + lang.group(1));
            }
            Matcher href = HREF.matcher(page);
            while (href.find()) {
                String link = HtmlUtils.htmlUnescape(href.group(1));
                if (link.startsWith("/") && !link.startsWith("//") && !NOT_FOLLOWED.matcher(link).find()
                        && !seen.contains(link)) {
                    queue.add(new String[] {link, path});
                }
            }
        }
        return read;
    }

    /** A page's kind: its path with ids and numbers taken out (every person's page is one kind). */
    static String kind(String path) {
        String bare = path.replaceFirst("[?].*", "");
        return NUMBERED.matcher(ID.matcher(bare).replaceAll("{id}")).replaceAll("/{n}");
    }
}
