package org.fengqiao.population.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A small A4 writer for the register and file exports: a title, headings, label/value blocks and
 * tables whose cells wrap, new pages as the text runs down, and a footer on every page. Chinese text
 * is set in Droid Sans Fallback (Apache License 2.0, shipped in resources/fonts), embedded as a subset,
 * so every reader shows the same glyphs without a CJK font of its own. Characters the font lacks
 * print as a white square instead of failing the export.
 */
final class PdfLayout implements AutoCloseable {

    static final String FONT = "fonts/DroidSansFallbackFull.ttf";
    private static final float MARGIN = 48;
    private static final float FOOTER = 28;
    private static final float BODY = 10;
    private static final float LEADING = 1.45f;
    private static final char MISSING = '\u25A1';
    private static volatile byte[] fontBytes;

    private final PDDocument doc = new PDDocument();
    private final PDType0Font font;
    private final TrueTypeFont ttf;
    private final PDRectangle size = PDRectangle.A4;
    private PDPage page;
    private PDPageContentStream out;
    private float y;

    PdfLayout(String title, String author) {
        try {
            ttf = new TTFParser().parse(new RandomAccessReadBuffer(fontBytes()));
            font = PDType0Font.load(doc, ttf, true);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(title);
            info.setAuthor(author);
            info.setCreator("Fengqiao 枫桥社区警务平台");
            newPage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] fontBytes() throws IOException {
        byte[] bytes = fontBytes;
        if (bytes == null) {
            try (InputStream in = PdfLayout.class.getClassLoader().getResourceAsStream(FONT)) {
                if (in == null) {
                    throw new IOException("font missing from the classpath: " + FONT);
                }
                bytes = in.readAllBytes();
            }
            fontBytes = bytes;
        }
        return bytes;
    }

    private float width() {
        return size.getWidth() - 2 * MARGIN;
    }

    private void newPage() throws IOException {
        if (out != null) {
            out.close();
        }
        page = new PDPage(size);
        doc.addPage(page);
        out = new PDPageContentStream(doc, page);
        y = size.getHeight() - MARGIN;
    }

    private void room(float needed) throws IOException {
        if (y - needed < MARGIN + FOOTER) {
            newPage();
        }
    }

    /** The text with every character the font cannot show replaced, and no control characters. */
    String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\t' || cp == '\r' || cp == '\n') {
                b.append(' ');
            } else if (Character.isISOControl(cp)) {
                return;
            } else {
                try {
                    b.appendCodePoint(ttf.getUnicodeCmapLookup().getGlyphId(cp) > 0 ? cp : MISSING);
                } catch (IOException e) {
                    b.append(MISSING);
                }
            }
        });
        return b.toString();
    }

    private float textWidth(String s, float fontSize) {
        try {
            return font.getStringWidth(s) / 1000f * fontSize;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of at most maxWidth, broken between characters (Chinese has no spaces to break at), keeping newlines. */
    List<String> wrap(String text, float fontSize, float maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : (text == null ? "" : text).split("\\R", -1)) {
            String p = printable(paragraph);
            StringBuilder line = new StringBuilder();
            float used = 0;
            int i = 0;
            while (i < p.length()) {
                int cp = p.codePointAt(i);
                float w = textWidth(new String(Character.toChars(cp)), fontSize);
                if (line.length() > 0 && used + w > maxWidth) {
                    lines.add(line.toString());
                    line.setLength(0);
                    used = 0;
                    if (cp == ' ') {
                        i += Character.charCount(cp);
                    }
                    continue;
                }
                line.appendCodePoint(cp);
                used += w;
                i += Character.charCount(cp);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private void show(String text, float x, float baseline, float fontSize) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        out.beginText();
        out.setFont(font, fontSize);
        out.newLineAtOffset(x, baseline);
        out.showText(text);
        out.endText();
    }

    PdfLayout title(String text, String subtitle) {
        try {
            float s = 18;
            room(s * 2.5f);
            y -= s;
            String t = printable(text);
            show(t, MARGIN + (width() - textWidth(t, s)) / 2, y, s);
            y -= s * 0.6f;
            if (subtitle != null) {
                String sub = printable(subtitle);
                y -= BODY * LEADING;
                show(sub, MARGIN + (width() - textWidth(sub, 9)) / 2, y, 9);
            }
            y -= BODY;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PdfLayout heading(String text) {
        try {
            float s = 13;
            room(s * 2 + BODY * LEADING * 2);
            y -= s * 1.2f;
            show(printable(text), MARGIN, y, s);
            y -= 4;
            out.setLineWidth(0.6f);
            out.moveTo(MARGIN, y);
            out.lineTo(MARGIN + width(), y);
            out.stroke();
            y -= BODY * 0.6f;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PdfLayout paragraph(String text) {
        try {
            for (String line : wrap(text, BODY, width())) {
                room(BODY * LEADING);
                y -= BODY * LEADING;
                show(line, MARGIN, y, BODY);
            }
            y -= BODY * 0.4f;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Label and value pairs in two columns of pairs, each value wrapping in its cell. */
    PdfLayout facts(List<String[]> pairs) {
        float[] widths = {0.16f, 0.34f, 0.16f, 0.34f};
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            String[] a = pairs.get(i);
            String[] b = i + 1 < pairs.size() ? pairs.get(i + 1) : new String[] {"", ""};
            rows.add(new String[] {a[0], a[1], b[0], b[1]});
        }
        return grid(null, widths, rows, true);
    }

    /** A table with a header row (repeated on each new page) and wrapping cells; widths are fractions. */
    PdfLayout table(String[] header, float[] widths, List<String[]> rows) {
        return grid(header, widths, rows, false);
    }

    private PdfLayout grid(String[] header, float[] widths, List<String[]> rows, boolean labels) {
        try {
            float total = 0;
            for (float w : widths) {
                total += w;
            }
            float[] cols = new float[widths.length];
            for (int i = 0; i < widths.length; i++) {
                cols[i] = widths[i] / total * width();
            }
            if (header != null) {
                row(header, cols, true, false);
            }
            for (String[] r : rows) {
                if (row(r, cols, false, labels) && header != null) {
                    // the row did not fit: it went to a new page, under the header again
                    row(header, cols, true, false);
                    row(r, cols, false, labels);
                }
            }
            y -= BODY * 0.6f;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Draws one row; answers true (drawing nothing) when it had to start a new page first and a header should repeat. */
    private boolean row(String[] cells, float[] cols, boolean header, boolean labels) throws IOException {
        float pad = 3;
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < cols.length; i++) {
            List<String> l = wrap(i < cells.length ? cells[i] : "", BODY, cols[i] - 2 * pad);
            wrapped.add(l);
            lines = Math.max(lines, l.size());
        }
        float height = lines * BODY * LEADING + 2 * pad;
        if (y - height < MARGIN + FOOTER) {
            newPage();
            if (!header) {
                return true;
            }
        }
        float x = MARGIN;
        out.setLineWidth(0.4f);
        for (int i = 0; i < cols.length; i++) {
            boolean shaded = header || labels && i % 2 == 0;
            if (shaded) {
                out.setNonStrokingColor(0.92f, 0.93f, 0.95f);
                out.addRect(x, y - height, cols[i], height);
                out.fill();
                out.setNonStrokingColor(0f, 0f, 0f);
            }
            out.addRect(x, y - height, cols[i], height);
            out.stroke();
            float baseline = y - pad - BODY * 1.1f;
            for (String line : wrapped.get(i)) {
                show(line, x + pad, baseline, BODY);
                baseline -= BODY * LEADING;
            }
            x += cols[i];
        }
        y -= height;
        return false;
    }

    /** The document with a footer on every page: its title, who exported it and when, page n of m. */
    byte[] finish(String footer) {
        try {
            out.close();
            out = null;
            int pages = doc.getNumberOfPages();
            for (int i = 0; i < pages; i++) {
                PDPage p = doc.getPage(i);
                try (PDPageContentStream f = new PDPageContentStream(doc, p, PDPageContentStream.AppendMode.APPEND, true, true)) {
                    String left = printable(footer);
                    String right = (i + 1) + " / " + pages;
                    f.beginText();
                    f.setFont(font, 8);
                    f.newLineAtOffset(MARGIN, MARGIN / 2);
                    f.showText(left);
                    f.endText();
                    f.beginText();
                    f.setFont(font, 8);
                    f.newLineAtOffset(size.getWidth() - MARGIN - textWidth(right, 8), MARGIN / 2);
                    f.showText(right);
                    f.endText();
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
            }
            doc.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
