package org.fengqiao.platform.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/** The PDF writer: Chinese and Latin text read back as text, cells wrap, long tables run onto more pages. */
class PdfLayoutTests {

    static PDDocument written(java.util.function.Consumer<PdfLayout> content) throws IOException {
        return written(content, "一户一册 · 测试民警 导出于 2026-03-01 10:00");
    }

    static PDDocument written(java.util.function.Consumer<PdfLayout> content, String footer) throws IOException {
        byte[] pdf;
        try (PdfLayout layout = new PdfLayout("测试", "测试民警")) {
            content.accept(layout);
            pdf = layout.finish(footer);
        }
        return Loader.loadPDF(pdf);
    }

    @Test
    void chineseDigitsAndLatinReadBackAsTextWithTheChineseFontEmbedded() throws IOException {
        try (PDDocument doc = written(l -> l.title("一户一册", "户号 FS1010001 · 网格 FS-1-01").heading("家庭成员")
                .table(new String[] {"姓名", "身份证号"}, new float[] {1, 2},
                        List.of(new String[] {"欧阳振华", "320722********123X"}, new String[] {"Li Lei", "—"})))) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("一户一册", "户号 FS1010001", "家庭成员", "欧阳振华", "320722********123X", "Li Lei",
                    "1 / 1", "测试民警 导出于 2026-03-01 10:00");
            List<PDFont> fonts = new ArrayList<>();
            for (var name : doc.getPage(0).getResources().getFontNames()) {
                fonts.add(doc.getPage(0).getResources().getFont(name));
            }
            assertThat(fonts).anySatisfy(f -> {
                assertThat(f).isInstanceOf(PDType0Font.class);
                assertThat(f.isEmbedded()).isTrue();
            });
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("测试");
        }
    }

    @Test
    void aCharacterNoFontHasPrintsAsAQuestionMarkInsteadOfFailing() throws IOException {
        try (PDDocument doc = written(l -> l.paragraph("表情😀符号"))) {
            assertThat(new PDFTextStripper().getText(doc)).contains("表情?符号");
        }
    }

    @Test
    void longCellsWrapAndLongTablesGoOnNewPagesWithTheHeaderAgain() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            rows.add(new String[] {"2026-03-01 10:00", "李建国", "入户走访第" + i + "次，" + "了解家庭成员近况并宣传禁毒知识。".repeat(3)});
        }
        try (PDDocument doc = written(l -> l.table(new String[] {"走访时间", "走访人", "走访情况"}, new float[] {16, 12, 72}, rows))) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(3);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(3);
            stripper.setEndPage(3);
            String third = stripper.getText(doc);
            assertThat(third).contains("走访时间", "走访情况", "3 / " + doc.getNumberOfPages());
            assertThat(new PDFTextStripper().getText(doc)).contains("入户走访第119次");
        }
    }

    static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]+");

    static Set<String> words(String text) {
        Set<String> words = new java.util.HashSet<>();
        Matcher m = LATIN_WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    /** The Latin words of the printed text that are none of the source's words: the halves of words split across lines. */
    static Set<String> brokenWords(PDDocument doc, String... sources) throws IOException {
        Set<String> known = words(String.join(" ", sources));
        return words(new PDFTextStripper().getText(doc)).stream().filter(w -> !known.contains(w)).collect(Collectors.toSet());
    }

    static final String RELATION = "Relation to head of household";
    static final String NOTE = "Elderly man living alone since his wife passed away; his daughter works in Shanghai and "
            + "calls every Sunday evening. Remind him about the winter heating subsidy application before December.";
    static final String ADDRESS = "江苏省连云港市东海县房山镇吴场村1组40号 rented by Alexander Williamson-Smith";

    @Test
    void englishTextBreaksAtSpacesInCellsAndParagraphsSoNoWordIsSplitAcrossLines() throws IOException {
        List<String[]> rows = List.of(new String[] {"Male", RELATION, NOTE}, new String[] {"Female", "Grandchild", NOTE});
        try (PDDocument doc = written(l -> l.heading("Members of the household and their relation to its head")
                .facts(List.<String[]>of(new String[] {RELATION, "Head"}, new String[] {"Note", NOTE}))
                .table(new String[] {"Sex", RELATION, "Findings"}, new float[] {3, 6, 60}, rows)
                .paragraph(NOTE.repeat(2)))) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text.lines().count()).as("the narrow cells wrap onto several lines").isGreaterThan(12);
            assertThat(brokenWords(doc, RELATION, NOTE, "Male Female Head Grandchild Sex Findings Note",
                    "Members of the household and their relation to its head")).isEmpty();
        }
    }

    @Test
    void wrapBreaksLatinAtTheLastSpaceThatFitsAndDropsThatSpace() {
        try (PdfLayout layout = new PdfLayout("t", "a")) {
            List<String> lines = layout.wrap(RELATION, 9, 60);
            assertThat(lines).hasSizeGreaterThan(1);
            assertThat(String.join(" ", lines)).isEqualTo(RELATION);
            assertThat(lines).allSatisfy(line -> assertThat(line).doesNotStartWith(" ").doesNotEndWith(" "));
        }
    }

    @Test
    void chineseStillBreaksBetweenAnyTwoCharactersAndLosesNone() throws IOException {
        String chinese = "入户走访了解家庭成员近况，宣传禁毒知识和防范电信网络诈骗，核对常住人口和暂住人口信息。".repeat(3);
        try (PdfLayout layout = new PdfLayout("t", "a")) {
            List<String> lines = layout.wrap(chinese, 9, 100);
            assertThat(lines).hasSizeGreaterThan(5);
            assertThat(String.join("", lines)).isEqualTo(chinese);
            // a line of Chinese is filled up to the width, not ended early at punctuation
            assertThat(lines.get(0).length()).isGreaterThanOrEqualTo(10);
        }
        try (PDDocument doc = written(l -> l.table(new String[] {"走访情况"}, new float[] {1}, List.<String[]>of(new String[] {chinese}))
                .paragraph(chinese))) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text.lines().count()).isGreaterThan(4);
            assertThat(text.replaceAll("\\s*\\R\\s*", "")).contains(chinese + chinese);
        }
    }

    @Test
    void aChineseAddressWithALatinNameBreaksBetweenChineseCharactersAndBetweenTheLatinWords() throws IOException {
        try (PdfLayout layout = new PdfLayout("t", "a")) {
            List<String> lines = layout.wrap(ADDRESS, 9, 70);
            assertThat(lines).hasSizeGreaterThan(2);
            assertThat(String.join("", lines).replace(" ", "")).isEqualTo(ADDRESS.replace(" ", ""));
            Set<String> known = words(ADDRESS);
            assertThat(lines).allSatisfy(line -> assertThat(known).containsAll(words(line)));
        }
        try (PDDocument doc = written(l -> l.facts(List.<String[]>of(new String[] {"Address", ADDRESS})))) {
            assertThat(brokenWords(doc, ADDRESS, "Address")).isEmpty();
            assertThat(new PDFTextStripper().getText(doc).replaceAll("\\s", "")).contains("江苏省连云港市东海县房山镇吴场村1组40号");
        }
    }

    @Test
    void aNumberStaysOnTheLineOfTheCharacterThatCountsItAtAnyWidth() {
        String visit = "江苏省连云港市东海县房山镇吴场村1组5号楼2单元301室，2026年12月5日走访，补助12,000元";
        try (PdfLayout layout = new PdfLayout("t", "a")) {
            // from the narrowest width that holds "301室，" whole (a piece wider than the line breaks anywhere)
            for (float width = 40; width <= 200; width += 1) {
                List<String> lines = layout.wrap(visit, 9, width);
                assertThat(String.join("", lines)).isEqualTo(visit);
                for (int i = 1; i < lines.size(); i++) {
                    String before = lines.get(i - 1);
                    assertThat(Character.isDigit(before.charAt(before.length() - 1))
                            && Character.UnicodeScript.of(lines.get(i).codePointAt(0)) == Character.UnicodeScript.HAN)
                            .as("%s | %s at %s pt", before, lines.get(i), width).isFalse();
                }
            }
        }
    }

    @Test
    void theHouseholdRegistersShortChineseHeadersStayOnOneLine() throws IOException {
        String[] header = {"姓名", "与户主关系", "性别", "出生日期", "身份证号", "联系电话", "居住类型", "人员类别"};
        List<String[]> rows = List.<String[]>of(new String[] {"欧阳娜娜", "孙子女", "女", "2012-03-04",
            "320722********1234", "138****5678", "已离开", "留守儿童、困难家庭"});
        try (PDDocument doc = written(l -> l.table(header, new float[] {11, 9, 5, 12, 20, 13, 8, 22}, rows))) {
            List<String> lines = new PDFTextStripper().getText(doc).lines().toList();
            for (String label : header) {
                assertThat(lines).as(label).anySatisfy(line -> assertThat(line).contains(label));
            }
        }
    }

    @Test
    void aWordLongerThanTheLineStillBreaksBetweenItsLettersAndLosesNone() {
        String word = "Pneumonoultramicroscopicsilicovolcanoconiosis";
        try (PdfLayout layout = new PdfLayout("t", "a")) {
            List<String> lines = layout.wrap("Diagnosis: " + word + " confirmed", 9, 60);
            assertThat(lines.size()).isGreaterThan(3);
            assertThat(lines.get(0)).isEqualTo("Diagnosis:");
            assertThat(String.join("", lines).replace(" ", "")).isEqualTo("Diagnosis:" + word + "confirmed");
            assertThat(lines.get(lines.size() - 1)).endsWith("confirmed");
            assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("confirme ").doesNotEndWith("confirme"));
        }
    }

    /** Chinese as officers write it: quotes, brackets, book titles, enumeration commas, ellipses, full-width forms. */
    static final String PUNCTUATED = "居民王秀英反映：“楼道里的灯坏了（已经三天），晚上看不清台阶！”民警答复：“明天就修。”"
            + "宣传了《中华人民共和国治安管理处罚法》、《反电信网络诈骗法》【重点条款】，发放联系卡、宣传册……"
            + "她问：『真的吗？』我们说：「是的。」〔注〕登记车辆苏G·12345，电话１３９（手机）！";

    static final String CLOSING = "，。、；：？！）」』”’》〉】〕…·～％！），．：；？］｝";
    static final String OPENING = "（「『“‘《〈【〔（［｛";

    static void assertNoForbiddenBreaks(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (i > 0) {
                assertThat(CLOSING.indexOf(line.codePointAt(0))).as("line %d starts with closing punctuation: %s", i, line)
                        .isNegative();
            }
            if (i < lines.size() - 1) {
                assertThat(OPENING.indexOf(line.codePointBefore(line.length())))
                        .as("line %d ends with an opening bracket: %s", i, line).isNegative();
            }
        }
    }

    @Test
    void noLineStartsWithClosingPunctuationOrEndsWithAnOpeningBracketAtAnyWidth() {
        try (PdfLayout layout = new PdfLayout("t", "a")) {
            for (float width = 30; width <= 400; width += 1.5f) {
                List<String> lines = layout.wrap(PUNCTUATED, 9, width);
                assertThat(String.join("", lines)).as("width %s loses nothing", width).isEqualTo(PUNCTUATED);
                assertNoForbiddenBreaks(lines);
                // the character before the punctuation moved down with it: lines are still nearly full
                float w = width;
                assertThat(lines.subList(0, lines.size() - 1)).allSatisfy(line ->
                        assertThat(line.codePointCount(0, line.length())).isGreaterThanOrEqualTo((int) (w / 9) - 4));
            }
            // across a space too: the separator dot stays with the word before it
            List<String> footer = layout.wrap("一户一册 · 测试民警 · 导出于 2026-03-01 10:00", 9, 45);
            assertNoForbiddenBreaks(footer);
        }
    }

    @Test
    void printedParagraphsAndTableCellsKeepPunctuationOffTheStartOfLinesAndBracketsOffTheirEnds() throws IOException {
        try (PDDocument doc = written(l -> {
            l.paragraph(PUNCTUATED);
            for (int share = 8; share <= 100; share += 4) {
                l.table(new String[] {"走访情况", ""}, new float[] {share, 100 - share},
                        List.<String[]>of(new String[] {PUNCTUATED, ""}));
            }
        })) {
            List<String> lines = new PDFTextStripper().getText(doc).lines().toList();
            assertThat(lines.size()).isGreaterThan(200);
            assertNoForbiddenBreaks(lines);
        }
    }

    /** Every glyph the PDF shows with its position: the footer's are those below the body's lowest baseline. */
    static List<TextPosition> glyphs(PDDocument doc) throws IOException {
        List<TextPosition> all = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void processTextPosition(TextPosition text) {
                all.add(text);
            }
        };
        stripper.getText(doc);
        return all;
    }

    static final String LONG_FOOTER_EN = "Household register FS1010001 of the Wuchang village group 1 · exported by "
            + "community officer Alexander Williamson-Smith of the Fangshan central community police office at "
            + "2026-03-01 10:00 · personal data, confidential: do not copy, forward or leave unattended";
    static final String LONG_FOOTER_ZH = "一户一册 FS1010001（东海县公安局房山派出所房山中心警务室吴场村第一网格） · 欧阳振华 导出于 "
            + "2026-03-01 10:00 · 涉及个人信息，注意保密，不得复制、转发或随意放置，用毕请交回社区警务室统一销毁";

    @Test
    void aLongFooterWrapsInsideTheBottomMarginBelowTheBodyInBothLanguages() throws IOException {
        for (String footer : List.of(LONG_FOOTER_EN, LONG_FOOTER_ZH)) {
            try (PDDocument doc = written(l -> l.paragraph(NOTE.repeat(40)), footer)) {
                assertThat(doc.getNumberOfPages()).isGreaterThan(1);
                float width = doc.getPage(0).getMediaBox().getWidth();
                float height = doc.getPage(0).getMediaBox().getHeight();
                List<TextPosition> glyphs = glyphs(doc);
                // the body's lowest line on a full page
                float bodyBottom = (float) glyphs.stream().filter(g -> height - g.getYDirAdj() > 74)
                        .mapToDouble(g -> height - g.getYDirAdj()).min().orElseThrow();
                List<TextPosition> foot = glyphs.stream().filter(g -> height - g.getYDirAdj() <= 74).toList();
                String printed = foot.stream().map(TextPosition::getUnicode).collect(Collectors.joining()).replaceAll("\\s", "");
                String once = footer.replaceAll("\\s", "");
                assertThat(printed).as("the whole footer on each page").contains(once + "1/" + doc.getNumberOfPages())
                        .contains(once + "2/" + doc.getNumberOfPages());
                assertThat(foot).allSatisfy(g -> {
                    assertThat(g.getXDirAdj()).isGreaterThanOrEqualTo(0);
                    assertThat(g.getXDirAdj() + g.getWidthDirAdj()).as("inside the page's width: " + g.getUnicode())
                            .isLessThanOrEqualTo(width - 40);
                    float baseline = height - g.getYDirAdj();
                    assertThat(baseline).as("descenders on the page").isGreaterThanOrEqualTo(8);
                    assertThat(baseline + g.getFontSizeInPt()).as("clear of the body's last line")
                            .isLessThan(bodyBottom);
                });
                assertThat(foot.stream().map(g -> Math.round(g.getYDirAdj())).distinct().count())
                        .as("the footer wrapped onto more lines").isGreaterThan(1);
            }
        }
    }

    @Test
    void aPageTurnsToLandscapeOnlyWhileNothingIsDrawnAndBoxesAndTextGoWhereTheyAreAsked() throws IOException {
        byte[] pdf;
        try (PdfLayout layout = new PdfLayout("平面图", "测试民警", 28)) {
            float portrait = layout.bodyWidth();
            layout.landscape(true);
            assertThat(layout.bodyWidth()).isGreaterThan(portrait);
            assertThat(layout.bodyHeight()).isLessThan(portrait);
            layout.box(layout.left(), layout.cursor(), 60, 20, java.awt.Color.LIGHT_GRAY, java.awt.Color.RED, 1);
            layout.text("1201 欧阳振华", layout.left() + 2, layout.cursor() - 12, 7, java.awt.Color.BLACK);
            layout.down(20);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> layout.landscape(false))
                    .isInstanceOf(IllegalStateException.class);
            pdf = layout.finish("平面图 · 测试民警");
        }
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isGreaterThan(doc.getPage(0).getMediaBox().getHeight());
            assertThat(new PDFTextStripper().getText(doc)).contains("1201 欧阳振华", "1 / 1");
        }
    }
}
