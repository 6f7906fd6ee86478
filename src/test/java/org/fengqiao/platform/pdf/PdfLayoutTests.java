package org.fengqiao.platform.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
}
