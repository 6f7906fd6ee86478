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
import org.junit.jupiter.api.Test;

/** The PDF writer: Chinese and Latin text read back as text, cells wrap, long tables run onto more pages. */
class PdfLayoutTests {

    static PDDocument written(java.util.function.Consumer<PdfLayout> content) throws IOException {
        byte[] pdf;
        try (PdfLayout layout = new PdfLayout("测试", "测试民警")) {
            content.accept(layout);
            pdf = layout.finish("一户一册 · 测试民警 导出于 2026-03-01 10:00");
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
}
