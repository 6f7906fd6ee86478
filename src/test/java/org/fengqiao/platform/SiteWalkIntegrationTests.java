package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.Workbooks;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Every page every demo role can reach by following the site's own links opens: each role signs in through the login
 * form and walks breadth-first from {@code /} along every same-origin {@code <a href>} in Chinese, with ids and
 * numbers in a path collapsed to a pattern (query values dropped) of which at most {@link #PER_PATTERN} pages are
 * opened; then reads in English ({@code ?lang=en} once, kept in the language cookie) a page of every kind the role
 * reached (its path's pattern, whatever the query) and of every pattern no role read in English before. Every page
 * answers 200 (after same-origin redirects, never the sign-in page): a link the page shows that the role may not open
 * (403, 404) is a fault of the page, and so is a page that fails for one role, or in one language, only. No page shows
 * an unresolved message key ({@code ??key_locale??}), each says its language in {@code <html lang>}, and every form
 * posts to an address the application maps for its method and encoding. In English the page's chrome (navigation,
 * headings, table heads, labels, buttons, choices) carries no run of three or more Chinese characters of a message
 * whose English differs, unless the run is a name in the data. Files (xlsx, pdf, png, csv) are fetched once per
 * pattern for their status alone, but for the persons export: an xlsx of every person a role sees, seconds long for a
 * station or the county, which every role that reads population records is offered. It is the same file but for its
 * rows whichever of them asks, the rows being {@code ExportIntegrationTests}' concern; what differs is the masking rule
 * the role reads under, so it is fetched by the first role of each rule (in either language) and opened, each identity
 * number and phone in it masked. Sign-out and the language switch are not followed.
 */
class SiteWalkIntegrationTests extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    /** Pages opened per path pattern (ids and numbers collapsed, query values dropped). */
    static final int PER_PATTERN = 2;
    /** A bound on one walk, so that a page listing ever more distinct links cannot make the test run away. */
    static final int MOST_PAGES = 400;
    static final Pattern UNRESOLVED = Pattern.compile("\\?\\?[\\w.-]+_[\\w-]*\\?\\?");
    static final Pattern UUID = Pattern.compile("\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}");
    static final Pattern CJK_RUN = Pattern.compile("\\p{IsHan}{3,}");
    static final Pattern FILE = Pattern.compile(".*\\.(xlsx|pdf|png|jpg|csv|zip|json|geojson|svg)$");
    /**
     * What the page's chrome is: navigation, headings, table heads, labels, buttons, a list of terms' terms, the
     * choices of a select, the title.
     */
    static final String CHROME = "nav, h1, h2, h3, th, label, button, legend, dt, summary, caption, option, title";
    static final String PERSONS_EXPORT = "/persons/export.xlsx";
    static final Pattern MASKED_ID = Pattern.compile("\\d{6}\\*{8}[\\dXx]{4}");
    static final Pattern MASKED_PHONE = Pattern.compile(".{3}\\*{4}.{4}|\\*{4}");

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    JdbcClient jdbc;
    /**
     * The runs of three or more Chinese characters of names in the data, which are Chinese in an English page too:
     * people and the titles they were given (社区民警（网格长）, 平安志愿者, as the roles are called), units,
     * communities and villages, grids.
     */
    Set<String> names;
    /** The masking rules whose persons export a role has fetched: one export each. */
    final Set<String> personsExports = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void namesInTheData() {
        Set<String> runs = new HashSet<>();
        jdbc.sql("SELECT name FROM staff UNION SELECT title FROM staff WHERE title IS NOT NULL"
                + " UNION SELECT name FROM unit UNION SELECT name FROM community UNION SELECT name FROM grid")
                .query(String.class).list().forEach(name -> CJK_RUN.matcher(name).results()
                        .forEach(run -> runs.add(run.group())));
        names = Set.copyOf(runs);
    }

    /**
     * The roles walk side by side, so that the walk keeps both of the machine's cores busy (one request at a time
     * leaves the server one); each role has its own session.
     */
    static final int ROLES_AT_ONCE = 3;

    @Test
    void everyPageEveryRoleIsShownOpensInChineseAndInEnglish() throws Exception {
        long started = System.nanoTime();
        Set<String> readInEnglish = ConcurrentHashMap.newKeySet();
        ExecutorService walkers = Executors.newFixedThreadPool(ROLES_AT_ONCE);
        try {
            List<Future<List<String>>> walks = new ArrayList<>();
            for (String login : DEMO_LOGINS) {
                walks.add(walkers.submit(() -> walk(login, readInEnglish)));
            }
            List<String> faults = new ArrayList<>();
            for (Future<List<String>> w : walks) {
                faults.addAll(w.get());
            }
            System.out.printf("SiteWalk: every role in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertThat(faults).as("faults found walking the site").isEmpty();
        } finally {
            walkers.shutdownNow();
        }
    }

    /**
     * One role's walk: in Chinese from {@code /} along every link, then in English the first page of each kind of page
     * the Chinese walk reached (the pattern's path: a page that fails in English for this role only, a message whose
     * English does not fit its arguments, shows), and of each pattern, files too, the Chinese walk reached that no role
     * read in English before ({@code readInEnglish}): a template's chrome is the same for every role that opens it,
     * while each role's Chinese walk answers for the links it is shown.
     */
    List<String> walk(String login, Set<String> readInEnglish) {
        long started = System.nanoTime();
        List<String> faults = new ArrayList<>();
        String rule = maskingRule(login);
        Walk chinese = new Walk(login, new ApiClient(port).signedIn(login, DEMO_PASSWORD, null), false, faults, rule);
        chinese.from("/");
        Walk english = new Walk(login, new ApiClient(port).signedIn(login, DEMO_PASSWORD, "en"), true, faults, rule);
        Set<String> kinds = new HashSet<>();
        chinese.firstOfEachPattern.forEach((pattern, page) -> {
            // a file (an xlsx of every person in a station took seconds) is read in English once, by the first role
            boolean newKind = !FILE.matcher(path(page[0])).matches() && kinds.add(pattern.replaceFirst("\\?.*", ""));
            if (readInEnglish.add(pattern) || newKind) {
                english.open(page[0], page[1]);
            }
        });
        System.out.printf("SiteWalk %s: %d pages in Chinese, %d in English, %d ms; slowest %s%n", login,
                chinese.opened, english.opened, (System.nanoTime() - started) / 1_000_000, slowest(chinese, english));
        if (chinese.opened < 4) {
            faults.add(login + " reached only " + chinese.opened + " pages in Chinese");
        }
        return faults;
    }

    /**
     * The rule a role reads personal data under: masked always, or masked with a full number shown on asking, with a
     * reason, to a role holding POPULATION_REVEAL (which the export must not take for leave to write numbers whole).
     */
    String maskingRule(String login) {
        ApiClient api = new ApiClient(port);
        HttpResponse<String> me = api.get("/api/v1/me", api.token(login, DEMO_PASSWORD));
        assertThat(me.statusCode()).as(login + " /api/v1/me").isEqualTo(200);
        boolean reveals = false;
        for (var permission : ApiClient.json(me).get("permissions")) {
            reveals |= permission.asText().equals("POPULATION_REVEAL");
        }
        return reveals ? "masked, revealed on asking" : "masked";
    }

    /** One role's walk in one language. */
    final class Walk {

        final String login;
        final ApiClient client;
        final boolean english;
        final List<String> faults;
        final String maskingRule;
        final Map<String, Integer> perPattern = new HashMap<>();
        final Set<String> seen = new HashSet<>();
        final Deque<String[]> queue = new ArrayDeque<>();
        /** The first page of each pattern the walk queued, with the page that linked to it. */
        final Map<String, String[]> firstOfEachPattern = new LinkedHashMap<>();
        /** How long each page took to read (its redirects followed), in ms: the walk prints its slowest. */
        final Map<String, Long> took = new HashMap<>();
        int opened;

        Walk(String login, ApiClient client, boolean english, List<String> faults, String maskingRule) {
            this.login = login;
            this.client = client;
            this.english = english;
            this.faults = faults;
            this.maskingRule = maskingRule;
        }

        void fault(String url, String from, String what) {
            faults.add(login + (english ? " en " : " zh ") + url + " (linked from " + from + "): " + what);
        }

        void from(String start) {
            seen.add(start);
            queue.add(new String[] {start, "(start)"});
            firstOfEachPattern.put(pattern(URI.create(start)), queue.peek());
            while (!queue.isEmpty() && opened < MOST_PAGES) {
                String[] next = queue.poll();
                open(next[0], next[1]);
            }
        }

        void open(String url, String from) {
            opened++;
            long asked = System.nanoTime();
            try {
                read(url, from);
            } finally {
                took.put(url + (english ? " (en)" : ""), (System.nanoTime() - asked) / 1_000_000);
            }
        }

        void read(String url, String from) {
            if (path(url).equals(PERSONS_EXPORT)) {
                if (personsExports.add(maskingRule)) {
                    readPersonsExport(url, from);
                }
                return;
            }
            HttpResponse<String> r = client.get(url, null, "Accept", BROWSER);
            String at = url;
            for (int hops = 0; hops < 5 && r.statusCode() / 100 == 3; hops++) {
                String location = r.headers().firstValue("Location").orElse("");
                URI target = URI.create("http://localhost:" + port + at).resolve(location);
                if (!sameOrigin(target)) {
                    return;
                }
                at = pathAndQuery(target);
                if (at.startsWith("/login")) {
                    fault(url, from, "redirected to the sign-in page");
                    return;
                }
                r = client.get(at, null, "Accept", BROWSER);
            }
            if (r.statusCode() != 200) {
                fault(url, from, "status " + r.statusCode() + (at.equals(url) ? "" : " at " + at));
                return;
            }
            if (FILE.matcher(path(url)).matches()) {
                return;
            }
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("text/html")) {
                return;
            }
            check(url, from, at, r.body());
        }

        /** The persons export opens as a workbook, lists persons, and shows every identity number and phone masked. */
        void readPersonsExport(String url, String from) {
            HttpResponse<byte[]> r = client.download(url, null, "Accept", BROWSER);
            if (r.statusCode() != 200) {
                fault(url, from, "status " + r.statusCode());
                return;
            }
            // read as it streams: the county's file, opened whole, took longer than fetching it
            List<String> header = new ArrayList<>();
            int[] columns = {-1, -1};
            long[] ids = {0};
            List<String> unmasked = new ArrayList<>();
            try {
                Workbooks.eachRow(r.body(), row -> {
                    if (header.isEmpty()) {
                        header.addAll(row);
                        columns[0] = Math.max(header.indexOf("身份证号"), header.indexOf("idNumber"));
                        columns[1] = Math.max(header.indexOf("电话"), header.indexOf("phone"));
                        return;
                    }
                    String id = columns[0] < 0 || columns[0] >= row.size() ? "" : row.get(columns[0]);
                    String phone = columns[1] < 0 || columns[1] >= row.size() ? "" : row.get(columns[1]);
                    if (!id.isEmpty()) {
                        ids[0]++;
                    }
                    if (unmasked.isEmpty() && !id.isEmpty() && !MASKED_ID.matcher(id).matches()) {
                        unmasked.add("an identity number not masked (" + maskingRule + "): " + row.get(0) + " " + id);
                    }
                    if (unmasked.isEmpty() && !phone.isEmpty() && !MASKED_PHONE.matcher(phone).matches()) {
                        unmasked.add("a phone not masked (" + maskingRule + "): " + row.get(0) + " " + phone);
                    }
                });
            } catch (RuntimeException e) {
                fault(url, from, "does not open as a workbook: " + e);
                return;
            }
            if (columns[0] < 0 || columns[1] < 0) {
                fault(url, from, "no identity number or phone column in " + header);
                return;
            }
            if (ids[0] == 0) {
                fault(url, from, "lists no person with an identity number: its masking goes unchecked");
            }
            unmasked.forEach(what -> fault(url, from, what));
        }

        void check(String url, String from, String at, String body) {
            Matcher unresolved = UNRESOLVED.matcher(body);
            Set<String> keys = new TreeSet<>();
            while (unresolved.find()) {
                keys.add(unresolved.group());
            }
            if (!keys.isEmpty()) {
                fault(url, from, "unresolved message keys " + keys);
            }
            Document page = Jsoup.parse(body, "http://localhost:" + port + at);
            String lang = page.selectFirst("html") == null ? "" : page.selectFirst("html").attr("lang");
            if (!lang.startsWith(english ? "en" : "zh")) {
                fault(url, from, "html lang is '" + lang + "'");
            }
            if (english) {
                Set<String> chinese = chineseChrome(page, names);
                if (!chinese.isEmpty()) {
                    fault(url, from, "Chinese chrome " + chinese);
                }
            }
            for (Element form : page.select("form")) {
                checkForm(url, from, form);
            }
            for (Element a : page.select("a[href]")) {
                follow(url, a);
            }
        }

        void checkForm(String url, String from, Element form) {
            String method = form.attr("method").isBlank() ? "GET" : form.attr("method").toUpperCase();
            if ("DIALOG".equals(method)) {
                return; // closes its dialog, sends nothing
            }
            URI action = URI.create(form.absUrl("action").isBlank() ? form.baseUri() : form.absUrl("action"));
            if (!sameOrigin(action)) {
                return;
            }
            String path = action.getRawPath();
            // sign-in and sign-out are answered by Spring Security's filters, not by a controller
            if ("POST".equals(method) && (path.equals("/logout") || path.equals("/login"))) {
                return;
            }
            MockHttpServletRequest request = new MockHttpServletRequest(method, path);
            request.setContentType(form.attr("enctype").isBlank() ? "application/x-www-form-urlencoded"
                    : form.attr("enctype"));
            ServletRequestPathUtils.parseAndCache(request);
            try {
                if (mappings.getHandler(request) == null) {
                    fault(url, from, "form " + method + " " + path + " goes nowhere");
                }
            } catch (HttpRequestMethodNotSupportedException e) {
                fault(url, from, "form " + method + " " + path + " is not answered for " + method);
            } catch (HttpMediaTypeNotSupportedException e) {
                fault(url, from, "form " + method + " " + path + " does not take " + request.getContentType());
            } catch (Exception e) {
                fault(url, from, "form " + method + " " + path + ": " + e);
            }
        }

        void follow(String from, Element a) {
            if (a.hasAttr("download")) {
                return;
            }
            String href = a.attr("href").strip();
            if (href.startsWith("#") || href.startsWith("javascript:") || href.startsWith("mailto:")
                    || href.startsWith("tel:")) {
                return;
            }
            URI target;
            try {
                target = URI.create(a.absUrl("href"));
            } catch (IllegalArgumentException e) {
                fault(href, from, "not an address");
                return;
            }
            if (!sameOrigin(target)) {
                return;
            }
            String url = pathAndQuery(target);
            // the language switch and sign-out are not pages of the walk: the walk chooses its language once
            if (url.contains("lang=") || target.getRawPath().equals("/logout")) {
                return;
            }
            if (!seen.add(url)) {
                return;
            }
            String pattern = pattern(target);
            int limit = FILE.matcher(target.getRawPath()).matches() ? 1 : PER_PATTERN;
            if (perPattern.merge(pattern, 1, Integer::sum) > limit) {
                return;
            }
            String[] page = {url, from};
            queue.add(page);
            firstOfEachPattern.putIfAbsent(pattern, page);
        }

        boolean sameOrigin(URI target) {
            return target.getScheme() != null && target.getScheme().startsWith("http")
                    && "localhost".equals(target.getHost()) && target.getPort() == port;
        }
    }

    /** The three pages of a role's walks that took longest, with their times: where the walk's time goes. */
    static String slowest(Walk... walks) {
        return Arrays.stream(walks).flatMap(w -> w.took.entrySet().stream())
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                .map(e -> e.getKey() + " " + e.getValue() + " ms").collect(Collectors.joining(", "));
    }

    static String path(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    static String pathAndQuery(URI target) {
        return target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    }

    /** The path with every segment holding an id or a number collapsed, and the query's names without values. */
    static String pattern(URI target) {
        String path = Arrays.stream(target.getRawPath().split("/"))
                .map(s -> UUID.matcher(s).matches() ? "{id}" : s.matches(".*\\d.*") ? "{n}" : s)
                .collect(Collectors.joining("/"));
        String query = target.getRawQuery() == null ? "" : Arrays.stream(target.getRawQuery().split("&"))
                .map(p -> p.split("=", 2)[0]).sorted().distinct().collect(Collectors.joining("&", "?", ""));
        return path + query;
    }

    /**
     * The runs of three or more Chinese characters in the page's chrome that are the text of a translated message and
     * not a name in the data (the demo calls its administrators 系统管理员, 安全审计员, as their roles are called; a
     * heading may carry a village's name that a message's example also uses).
     */
    static Set<String> chineseChrome(Document page, Set<String> names) {
        Set<String> found = new TreeSet<>();
        for (Element e : page.select(CHROME)) {
            if (e.closest("[lang^=zh]") != null) {
                continue;
            }
            Matcher runs = CJK_RUN.matcher(e.text());
            while (runs.find()) {
                if (TRANSLATED.contains(runs.group()) && !names.contains(runs.group())) {
                    found.add(runs.group());
                }
            }
        }
        return found;
    }

    /**
     * The runs of three or more Chinese characters in the Chinese bundles' messages whose English message differs
     * (or is missing): such a run in an English page's chrome is a message that was not translated.
     */
    static final Set<String> TRANSLATED = translatedRuns();

    static Set<String> translatedRuns() {
        try {
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
            Set<String> runs = new HashSet<>();
            for (Resource zh : resolver.getResources("classpath:i18n/*.properties")) {
                String name = zh.getFilename();
                if (name == null || name.contains("_")) {
                    continue;
                }
                Properties chinese = load(zh);
                Resource en = resolver.getResource("classpath:i18n/" + name.replace(".properties", "_en.properties"));
                Properties english = en.exists() ? load(en) : new Properties();
                for (String key : chinese.stringPropertyNames()) {
                    String value = chinese.getProperty(key);
                    if (value.equals(english.getProperty(key))) {
                        continue;
                    }
                    Matcher m = CJK_RUN.matcher(value);
                    while (m.find()) {
                        runs.add(m.group());
                    }
                }
            }
            return Set.copyOf(runs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties load(Resource resource) throws IOException {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
