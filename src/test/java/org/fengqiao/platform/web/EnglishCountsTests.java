package org.fengqiao.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A count the English pages show reads "1 entry", "2 entries", never "1 entries": each message that puts a counted
 * number before its noun chooses the singular for one. The Chinese ones have no plural and read as they did.
 */
class EnglishCountsTests {

    static Properties en;
    static Properties zh;

    @BeforeAll
    static void load() throws IOException {
        en = ChoiceNamesTests.bundles(true);
        zh = ChoiceNamesTests.bundles(false);
    }

    static String english(String key, Object... args) {
        return new MessageFormat(en.getProperty(key), Locale.ENGLISH).format(args);
    }

    static String chinese(String key, Object... args) {
        return new MessageFormat(zh.getProperty(key), Locale.SIMPLIFIED_CHINESE).format(args);
    }

    @Test
    void theSuppliesCountOneInTheSingularAndChineseCountsStayAsTheyWere() {
        assertThat(english("supplies.count.PIECE", 1L)).isEqualTo("1 piece");
        assertThat(english("supplies.count.SET", 1)).isEqualTo("1 set");
        assertThat(english("supplies.count.COPY", 0)).isEqualTo("0 copies");
        assertThat(english("supplies.count.BOOK", 12000)).isEqualTo("12000 books");
        assertThat(english("supplies.count.VOLUME", 2)).isEqualTo("2 volumes");
        assertThat(chinese("supplies.count.SET", 12000)).isEqualTo("12000 套");
        assertThat(english("supplies.issues.total", "房山", "2026-01-01", "2026-12-31", 1L, "10.00"))
                .isEqualTo("房山, 2026-01-01 to 2026-12-31: 1 line, 10.00 yuan in all");
        assertThat(english("supplies.issues.total", "房山", "2026-01-01", "2026-12-31", 2L, "10.00"))
                .contains(": 2 lines,");
        assertThat(chinese("supplies.issues.total", "房山", "2026-01-01", "2026-12-31", 1L, "10.00"))
                .isEqualTo("房山，2026-01-01 至 2026-12-31：共 1 笔，合计 10.00 元");
    }

    @Test
    void theOtherModulesCountsReadInTheSingularForOne() {
        assertThat(english("audit.verify.valid", 1L)).endsWith("1 entry verified");
        assertThat(english("audit.verify.valid", 2L)).endsWith("2 entries verified");
        assertThat(english("audit.verify.broken", 7L, "x", 1L)).endsWith("1 entry checked");
        assertThat(english("audit.paging.summary", 1L, 1, 1)).startsWith("1 entry,");
        assertThat(english("audit.paging.summary", 3L, 1, 1)).startsWith("3 entries,");
        assertThat(english("claims.field.ageDays", 1L)).isEqualTo("1 day");
        assertThat(english("claims.field.ageDays", 0L)).isEqualTo("0 days");
        // a week's screening recorded, with the cases it opened for the disputes found
        assertThat(english("mediation.screening.saved", "吴场村第1网格", 1)).endsWith(", 1 case opened");
        assertThat(english("mediation.screening.saved", "吴场村第1网格", 2)).endsWith(", 2 cases opened");
        assertThat(english("mediation.screening.saved", "吴场村第1网格", 0)).endsWith(", no case opened");
        assertThat(chinese("mediation.screening.saved", "吴场村第1网格", 1)).isEqualTo("已登记吴场村第1网格的排查，立案1起");
        assertThat(english("forces.me.done", new java.math.BigDecimal("1"))).isEqualTo("Done, 1 hour on patrol");
        assertThat(english("forces.me.done", new java.math.BigDecimal("1.5"))).isEqualTo("Done, 1.5 hours on patrol");
        // an automatic tick's note, read in English (DutyDesk.inLanguage)
        assertThat(english("duty.shift.note", new java.math.BigDecimal("1")))
                .isEqualTo("Checked out of a patrol shift, 1 hour on patrol");
        assertThat(english("duty.shift.note", new java.math.BigDecimal("2.5")))
                .isEqualTo("Checked out of a patrol shift, 2.5 hours on patrol");
        assertThat(english("jurisdiction.units.communities", 1L)).isEqualTo("1 community/village");
        assertThat(english("jurisdiction.units.grids", 1L)).isEqualTo("1 grid");
        assertThat(english("jurisdiction.units.grids", 5L)).isEqualTo("5 grids");
        assertThat(english("jurisdiction.gridImport.checked", "a.geojson", 1L, 0L)).contains("create 1 grid and");
        assertThat(english("jurisdiction.gridImport.saved", "a.geojson", 1L, 2L)).contains("1 grid created");
        assertThat(english("notification.inbox.kind.KEY_PERSONS_IMPORTED", "IT", "", "2026-01-01", 1))
                .contains("of 1 person;");
        assertThat(english("notification.inbox.kind.KEY_PERSONS_IMPORTED.noVisit", "IT", "", "", 1))
                .contains("of 1 person;");
        assertThat(english("places.misplaced.moved", 1, 1L)).isEqualTo(
                "Moved 1 address (1 person) into the grids holding their locations.");
        assertThat(english("places.misplaced.moved", 2, 3L)).startsWith("Moved 2 addresses (3 persons)");
        assertThat(english("points.my.price", 1)).isEqualTo("1 point");
        assertThat(english("points.my.price", 100)).isEqualTo("100 points");
        assertThat(english("points.error.insufficient", 0, 1))
                .isEqualTo("Not enough points: the balance is 0, 1 point is needed");
        assertThat(english("points.error.insufficient", 9, 20)).endsWith("the balance is 9, 20 points are needed");
        assertThat(chinese("points.error.insufficient", 9, 20)).isEqualTo("积分不足：当前 9 分，需要 20 分");
        assertThat(english("supervision.accountabilities", 1)).isEqualTo("Held to account once");
        assertThat(english("supervision.accountabilities", 3)).isEqualTo("Held to account 3 times");
    }

    @Test
    void theSupervisionWorkLogAndDutyCountsReadInTheSingularForOne() {
        assertThat(english("supervision.list.total", 1L)).isEqualTo("1 notice in all");
        assertThat(english("supervision.list.total", 12L)).isEqualTo("12 notices in all");
        assertThat(english("worklog.share.shared", 1L, 1L)).isEqualTo("1 like · 1 comment");
        assertThat(english("worklog.share.shared", 0L, 2L)).isEqualTo("0 likes · 2 comments");
        assertThat(english("worklog.remarks.count", 1L)).isEqualTo("1 review remark");
        assertThat(english("worklog.remarks.count", 3L)).isEqualTo("3 review remarks");
        assertThat(english("duty.done.total", "房山", "2026-12-01", "2026-12-06", 1L))
                .isEqualTo("房山, 2026-12-01 to 2026-12-06: 1 record");
        assertThat(english("duty.done.total", "房山", "2026-12-01", "2026-12-06", 21L)).endsWith(": 21 records");
        assertThat(chinese("supervision.list.total", 1L)).isEqualTo("共 1 份通报");
        assertThat(chinese("worklog.share.shared", 1L, 1L)).isEqualTo("赞 1 · 评论 1");
    }

    /**
     * A count a page's script fills in: th:data-text-…="#{key('{count}')}", or with other words of the text around
     * it, "#{key('{processed}', '{count}')}" (Fq.counted puts the number and the words in).
     */
    static final Pattern SCRIPT_COUNT = Pattern.compile(
            "th:data-(text[\\w-]*)=\"#\\{([\\w.]+)\\(((?:'\\{\\w+}', *)*'\\{count}'(?:, *'\\{\\w+}')*)\\)}\"");

    @Test
    void everyCountAPageScriptFillsInCarriesItsSingularWhichReadsInTheSingularForOne() throws IOException {
        List<String> missing = new ArrayList<>();
        int counts = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                String html = Files.readString(f, StandardCharsets.UTF_8);
                Matcher m = SCRIPT_COUNT.matcher(html);
                while (m.find()) {
                    if (m.group(1).endsWith("-one")) {
                        continue;
                    }
                    counts++;
                    String one = "th:data-" + m.group(1) + "-one=\"#{" + m.group(2) + ".one(" + m.group(3) + ")}\"";
                    if (!html.contains(one) || en.getProperty(m.group(2) + ".one") == null
                            || zh.getProperty(m.group(2) + ".one") == null) {
                        missing.add(f.getFileName() + ": " + one);
                    }
                }
            }
        }
        assertThat(counts).as("counts filled in by the pages' scripts").isGreaterThanOrEqualTo(3);
        assertThat(missing).as("script-filled counts without their singular in both bundles").isEmpty();
    }

    /**
     * Each page's script puts its counts in through Fq.counted (app.js), which takes the singular from the bundles for
     * one: a script choosing the form itself (its own Intl.PluralRules, a hand-made "s") reads "1 rows" or "2 row" as
     * soon as its text or its language changes, and in a language whose one is not 1.
     */
    @Test
    void noPageScriptMakesItsOwnPluralsEveryCountGoesThroughFqCounted() throws IOException {
        List<String> own = new ArrayList<>();
        Pattern plural = Pattern.compile("PluralRules|\\+ *'s'|\\+ *\"s\"|'s' *:|\\? *'s'");
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/static/js"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                if (f.getFileName().toString().equals("app.js")) {
                    continue;
                }
                String js = Files.readString(f, StandardCharsets.UTF_8);
                Matcher m = plural.matcher(js);
                while (m.find()) {
                    own.add(f.getFileName() + ": " + m.group());
                }
            }
        }
        assertThat(own).as("plurals a page script makes itself").isEmpty();
        assertThat(english("imports.job.progress.one", "1", "1")).isEqualTo("1 of 1 row processed");
        assertThat(english("imports.job.progress", "0", "2")).isEqualTo("0 of 2 rows processed");
    }

    /**
     * Brackets and other punctuation around a value are the language's: a page writing 站牌（个） with full-width
     * brackets in its expression shows "Leaflet（copies）" in English; the bundles say how each language writes it.
     */
    @Test
    void noPageExpressionWritesFullWidthPunctuationThatEnglishPagesWouldShow() throws IOException {
        List<String> found = new ArrayList<>();
        Pattern literal = Pattern.compile("th:[\\w-]+=\"[^\"]*?'[^'\"]*[（）：；，][^'\"]*'[^\"]*\"");
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = literal.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    found.add(f.getFileName() + ": " + m.group());
                }
            }
        }
        assertThat(found).as("full-width punctuation written by a page's expression").isEmpty();
    }

    /** Counted nouns the English bundles put after a number. */
    static final Pattern BARE_COUNT = Pattern.compile("\\{(\\d+)(?:,number[^}]*)?} (?:registered )?(days|minutes|hours"
            + "|characters|entries|records|rows|persons|people|residents|households|members|notices|rooms|floors|units"
            + "|grids|communities|helpers|photos|addresses|organisations|rentals|tasks|ratings|comments|likes|times"
            + "|months|weeks|points|lines|items|pieces|sets|copies|books|volumes)\\b");

    /**
     * Messages whose number is never one, or whose English text no reader sees, each with why. Limits ("at most 500
     * characters") are left out by the words before them.
     */
    static final java.util.Map<String, String> NEVER_ONE = java.util.Map.of(
            "incident.address.severalGrids", "a place in several grids: two at least",
            "open311.error.address.severalGrids", "a place in several grids: two at least",
            "housing.plan.unplaced.UNIT_NOT_WRITTEN", "a building of several units: two at least",
            "forces.coverage.hours", "hours with one decimal (1.0 hours)",
            "incident.times.period", "the periods offered are 7, 30 and 90 days",
            "ledger.tooManyRows", "more than an export holds",
            "care.agreement.helperCount", "a range of helpers, two at least at its top");

    /**
     * Any English message putting a number before a counted noun reads in the singular for one ("locked for 1
     * minute", "within 1 day", "1 person"), whether the number is a count of rows or a configured period: a bureau
     * configuring a one-day window read "within 1 days". The Chinese texts have no plural.
     */
    @Test
    void everyEnglishMessageCountingANounReadsInTheSingularForOne() {
        List<String> bare = new ArrayList<>();
        for (String key : en.stringPropertyNames()) {
            if (NEVER_ONE.containsKey(key) || en.getProperty(key + ".one") != null || key.endsWith(".one")) {
                continue;
            }
            String text = en.getProperty(key).replaceAll("\\{\\d+,choice,[^{}]*(\\{[^{}]*}[^{}]*)*}", "");
            Matcher m = BARE_COUNT.matcher(text);
            while (m.find()) {
                String before = text.substring(0, m.start()).toLowerCase(Locale.ROOT);
                if (!before.matches("(?s).*\\b(at most|at least|exceed|longer than|more than) $")) {
                    bare.add(key + ": " + m.group());
                }
            }
        }
        assertThat(bare).as("English counts without their singular").isEmpty();
        assertThat(english("login.locked", 1L)).contains("locked for 1 minute.");
        assertThat(english("login.hint", 15L)).contains("for 15 minutes.");
        assertThat(english("staff.count", 1L)).isEqualTo("1 person");
        assertThat(english("housing.visit.tooLateEntered", "2026-12-05", 1)).endsWith("within 1 day");
        assertThat(english("care.visit.tooLateEntered", "2026-12-05", 3)).endsWith("within 3 days");
        assertThat(english("incident.reopen.tooLate", 1L)).startsWith("More than 1 day has passed");
        assertThat(english("incident.reopen.tooLate", 7L)).startsWith("More than 7 days have passed");
        assertThat(english("forces.defenders.total", "2026-12-01", "2026-12-05", 1L)).endsWith(": 1 person");
        assertThat(english("population.helped.total", "2026-12-01", "2026-12-05", 2L)).endsWith(": 2 persons");
        assertThat(english("audit.verify.truncated", 1L, "x", 0L)).contains("saw 1 entry in the chain");
        assertThat(english("utilities.reason.noUse", 1L, 3L, "2026-08", "2026-10")).startsWith(
                "1 registered resident, almost no water or power for 3 months");
        assertThat(chinese("staff.count", 1L)).isEqualTo(zh.getProperty("staff.count").replace("{0}", "1"));
    }

    @Test
    void theGridMapsAndTheMisplacedAddressesCountsReadInTheSingularForOne() {
        assertThat(english("jurisdiction.map.gridCount.one", 1)).isEqualTo("1 grid");
        assertThat(english("jurisdiction.map.gridCount", 2)).isEqualTo("2 grids");
        assertThat(english("places.misplaced.found.one", 1)).isEqualTo("1 address lies in another grid — check");
        assertThat(english("places.misplaced.found", 3)).isEqualTo("3 addresses lie in another grid — check");
        assertThat(chinese("jurisdiction.map.gridCount.one", 1)).isEqualTo("共 1 个网格");
        assertThat(chinese("places.misplaced.found.one", 1)).isEqualTo("1 条地址位于其他网格 — 核对");
    }
}
