package org.fengqiao.platform.pdf;

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
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A small A4 writer for the documents the platform prints (the household register, the personal file, the
 * mediation agreement): a title, headings, label/value blocks and
 * tables whose cells wrap, new pages as the text runs down, and a footer on every page. A document that lays
 * itself out (the building's floor plan) measures text, turns the page and draws boxes and text where it chose. Chinese text
 * is set in Droid Sans Fallback (Apache License 2.0, shipped in resources/fonts), embedded as a subset,
 * so every reader shows the same glyphs without a CJK font of its own. That font has no Latin letters
 * or digits (Android paired it with Droid Sans), so those are set in the standard Helvetica every PDF
 * reader has; each line is written as runs of one font. A character neither font has prints as its plain stand-in
 * (an arrow as "->") or else as "?", instead of failing the export.
 */
public final class PdfLayout implements AutoCloseable {

    static final String FONT = "fonts/DroidSansFallbackFull.ttf";
    private static final float MARGIN = 48;
    private static final float FOOTER = 28;
    private static final float BODY = 10;
    /** Table cells are a point smaller than running text, so a row of eight columns fits A4. */
    private static final float CELL = 9;
    private static final float LEADING = 1.45f;
    private static final char MISSING = '?';
    private static volatile byte[] fontBytes;

    private final PDDocument doc = new PDDocument();
    private final PDType0Font font;
    private final PDType1Font latin = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final TrueTypeFont ttf;
    private final java.util.Map<Integer, PDFont> fonts = new java.util.HashMap<>();
    private PDRectangle size = PDRectangle.A4;
    private final float margin;
    private PDPage page;
    private PDPageContentStream out;
    private float y;

    public PdfLayout(String title, String author) {
        this(title, author, MARGIN);
    }

    /**
     * A4 with a margin of its own (in points), for a document laid out by its own rules on a page it may turn
     * ({@link #landscape}), such as the floor plan that must fit one sheet.
     */
    public PdfLayout(String title, String author, float margin) {
        this.margin = margin;
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

    public static byte[] fontBytes() throws IOException {
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
        return size.getWidth() - 2 * margin;
    }

    private void newPage() throws IOException {
        if (out != null) {
            out.close();
        }
        page = new PDPage(size);
        doc.addPage(page);
        out = new PDPageContentStream(doc, page);
        y = size.getHeight() - margin;
    }

    private void room(float needed) throws IOException {
        if (y - needed < margin + FOOTER) {
            newPage();
        }
    }

    /** The font that has the character: the CJK font, else Helvetica, else none. */
    private PDFont fontFor(int cp) {
        return fonts.computeIfAbsent(cp, c -> {
            try {
                if (ttf.getUnicodeCmapLookup().getGlyphId(c) > 0) {
                    return font;
                }
            } catch (IOException e) {
                // fall through to Helvetica
            }
            try {
                latin.encode(new String(Character.toChars(c)));
                return latin;
            } catch (IOException | IllegalArgumentException e) {
                return null;
            }
        });
    }

    /**
     * Characters neither font has, written as the plain letters a reader knows them by: the arrow of a change (a key
     * person's 高风险 → 中风险 in his file, a note typed with one) reads "->", where it printed as "?".
     */
    private static final java.util.Map<Integer, String> STAND_INS = java.util.Map.of(
            0x2192, "->", 0x2190, "<-", 0x2194, "<->", 0x21D2, "=>", 0x21D0, "<=");

    /** The text with every character no font can show replaced, and no control characters. */
    public String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\t' || cp == '\r' || cp == '\n') {
                b.append(' ');
            } else if (!Character.isISOControl(cp)) {
                if (fontFor(cp) != null) {
                    b.appendCodePoint(cp);
                } else {
                    b.append(STAND_INS.getOrDefault(cp, String.valueOf(MISSING)));
                }
            }
        });
        return b.toString();
    }

    /** The width of printable text, each character in its own font. */
    private float textWidth(String s, float fontSize) {
        float width = 0;
        try {
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                String ch = new String(Character.toChars(cp));
                width += fontFor(cp).getStringWidth(ch) / 1000f * fontSize;
                i += ch.length();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return width;
    }

    /**
     * Lines of at most maxWidth, keeping newlines. Latin words (and numbers, masked identity numbers) break only at
     * spaces, so "Relation to head" never reads "Relation t|o head"; Chinese, Japanese and Korean text has no spaces and
     * breaks between any two of its characters, and so on either side of a Latin word inside it (a Chinese address with
     * a Latin name). No line starts with closing punctuation or ends with an opening bracket (禁则, see
     * {@link #unitEnd}): the character before such punctuation moves to the next line with it, even across a space
     * ("户主 · 张三" breaks before "户主", not before "·"). A word wider than the whole line still breaks between its
     * characters, the only way it fits.
     */
    public List<String> wrap(String text, float fontSize, float maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : (text == null ? "" : text).split("\\R", -1)) {
            String p = printable(paragraph);
            StringBuilder line = new StringBuilder();
            float used = 0;
            // where the last unbreakable piece on the line starts, the one that moves down with closing punctuation
            int lastUnit = 0;
            boolean broken = false;
            int i = 0;
            while (i < p.length()) {
                int cp = p.codePointAt(i);
                if (cp == ' ') {
                    // a space stays inside a line; where the line breaks it is dropped, and none starts a broken line
                    if (line.length() > 0 || !broken) {
                        line.append(' ');
                        used += textWidth(" ", fontSize);
                    }
                    i++;
                    continue;
                }
                int end = unitEnd(p, i);
                String unit = p.substring(i, end);
                float w = textWidth(unit, fontSize);
                if (line.length() > 0 && used + w > maxWidth) {
                    String carried = "";
                    if (closing(unit.codePointAt(0)) && lastUnit > 0) {
                        carried = line.substring(lastUnit);
                        if (textWidth(carried, fontSize) + w > maxWidth) {
                            carried = "";
                        }
                    }
                    line.setLength(line.length() - carried.length());
                    lines.add(stripTrailingSpaces(line));
                    line.setLength(0);
                    line.append(carried);
                    used = textWidth(carried, fontSize);
                    lastUnit = 0;
                    broken = true;
                }
                if (line.length() == 0 || !closing(unit.codePointAt(0))) {
                    lastUnit = line.length();
                }
                if (w <= maxWidth) {
                    line.append(unit);
                    used += w;
                } else {
                    // longer than a line: between its characters, where the punctuation rules allow
                    lastUnit = line.length();
                    for (int k = 0; k < unit.length(); ) {
                        int c = unit.codePointAt(k);
                        float cw = textWidth(new String(Character.toChars(c)), fontSize);
                        if (line.length() > 0 && used + cw > maxWidth) {
                            int split = kinsokuSplit(line, c);
                            String carried = line.substring(split);
                            float carriedWidth = textWidth(carried, fontSize);
                            if (carried.isEmpty() || carriedWidth + cw > maxWidth) {
                                split = line.length();
                                carried = "";
                                carriedWidth = 0;
                            }
                            lines.add(stripTrailingSpaces(new StringBuilder(line.substring(0, split))));
                            line.setLength(0);
                            line.append(carried);
                            used = carriedWidth;
                            lastUnit = 0;
                            broken = true;
                        }
                        line.appendCodePoint(c);
                        used += cw;
                        k += Character.charCount(c);
                    }
                }
                i = end;
            }
            lines.add(stripTrailingSpaces(line));
        }
        return lines;
    }

    /**
     * Where the unbreakable piece starting at {@code from} ends: one CJK character, or a run of other non-space ones,
     * together with what the Chinese line-breaking rules (禁则) keep it with: closing punctuation that follows it (a line
     * never starts with ，。、）》”…), and what follows an opening bracket it ends with (a line never ends with （《“), so
     * "说：“好。”" stays whole and the character before a comma moves to the next line with it.
     */
    static int unitEnd(String p, int from) {
        int end = pieceEnd(p, from);
        while (end < p.length()) {
            int last = p.codePointBefore(end);
            int next = p.codePointAt(end);
            if (next == ' ' || !(opening(last) || closing(next) || last == '\u2014' && next == '\u2014'
                    || counted(last, next))) {
                break;
            }
            end = pieceEnd(p, end);
        }
        return end;
    }

    /**
     * A number and the Chinese character that counts it (1组, 40号, 3单元, 2026年, 12,000元): an address or a date read
     * across two lines as "…1组40" and "号" is misread, so the two stay together.
     */
    private static boolean counted(int last, int next) {
        return last >= '0' && last <= '9' && Character.UnicodeScript.of(next) == Character.UnicodeScript.HAN;
    }

    /** Closing punctuation, which must not start a line: Chinese, full-width and the Latin ones written after Chinese. */
    private static final String CLOSING = "，。、；：？！）」』”’》〉】〕〗〙〛…‥·・～％"
            + "\uff01\uff09\uff0c\uff0e\uff1a\uff1b\uff1f\uff3d\uff5d\uff5e\uff60\uff61\uff63\uff64\uff05"
            + ",.;:?!)]}%";
    /** Opening brackets and quotes, which must not end a line. */
    private static final String OPENING = "（「『“‘《〈【〔〖〘〚\uff08\uff3b\uff5b\uff5f\uff62([{";

    static boolean closing(int cp) {
        return cp < 0x10000 && CLOSING.indexOf(cp) >= 0;
    }

    static boolean opening(int cp) {
        return cp < 0x10000 && OPENING.indexOf(cp) >= 0;
    }

    /**
     * Where to end a line that is full before {@code next} inside a piece too long for any line: the break moves back
     * over the characters that would leave closing punctuation at the start of the next line or an opening bracket at
     * the end of this one, but never to the start of the line.
     */
    private static int kinsokuSplit(CharSequence line, int next) {
        int split = line.length();
        while (split > 0) {
            int before = Character.codePointBefore(line, split);
            int after = split == line.length() ? next : Character.codePointAt(line, split);
            int back = Character.charCount(before);
            if ((closing(after) || opening(before)) && split - back > 0) {
                split -= back;
            } else {
                break;
            }
        }
        return split;
    }

    /** One CJK character, or a run of other non-space ones. */
    private static int pieceEnd(String p, int from) {
        int cp = p.codePointAt(from);
        int end = from + Character.charCount(cp);
        if (breaksAround(cp)) {
            return end;
        }
        while (end < p.length()) {
            int next = p.codePointAt(end);
            if (next == ' ' || breaksAround(next)) {
                break;
            }
            end += Character.charCount(next);
        }
        return end;
    }

    /** Scripts written without spaces, and their punctuation: a line may break before and after each character. */
    static boolean breaksAround(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || script == Character.UnicodeScript.BOPOMOFO) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                || block == Character.UnicodeBlock.CJK_COMPATIBILITY_FORMS
                || block == Character.UnicodeBlock.VERTICAL_FORMS
                || cp == '\u2014' || cp == '\u2026' || cp == '\u00b7';
    }

    private static String stripTrailingSpaces(StringBuilder line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        return line.substring(0, end);
    }

    private void show(String text, float x, float baseline, float fontSize) throws IOException {
        show(out, text, x, baseline, fontSize);
    }

    /** Writes printable text as runs of one font each. */
    private void show(PDPageContentStream stream, String text, float x, float baseline, float fontSize) throws IOException {
        int i = 0;
        float at = x;
        while (i < text.length()) {
            PDFont runFont = fontFor(text.codePointAt(i));
            int end = i;
            while (end < text.length() && fontFor(text.codePointAt(end)) == runFont) {
                end += Character.charCount(text.codePointAt(end));
            }
            String run = text.substring(i, end);
            stream.beginText();
            stream.setFont(runFont, fontSize);
            stream.newLineAtOffset(at, baseline);
            stream.showText(run);
            stream.endText();
            at += textWidth(run, fontSize);
            i = end;
        }
    }

    public PdfLayout title(String text, String subtitle) {
        try {
            float s = 18;
            room(s * 2.5f);
            List<String> lines = wrap(text, s, width());
            for (int i = 0; i < lines.size(); i++) {
                y -= i == 0 ? s : s * 1.25f;
                show(lines.get(i), margin + (width() - textWidth(lines.get(i), s)) / 2, y, s);
            }
            y -= s * 0.6f;
            if (subtitle != null) {
                for (String sub : wrap(subtitle, 9, width())) {
                    y -= BODY * LEADING;
                    show(sub, margin + (width() - textWidth(sub, 9)) / 2, y, 9);
                }
            }
            y -= BODY;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How far {@link #title} moves down the page, on the page as it is turned now. */
    public float titleHeight(String text, String subtitle) {
        float s = 18;
        int lines = wrap(text, s, width()).size();
        int subLines = subtitle == null ? 0 : wrap(subtitle, 9, width()).size();
        return s + (lines - 1) * s * 1.25f + s * 0.6f + subLines * BODY * LEADING + BODY;
    }

    /*
     * Drawing at given places, for a document that lays itself out (the floor plan): it measures with these, decides
     * where everything goes, and draws boxes and text at those places between the margins and above the footer.
     */

    /**
     * Turns the page to landscape (or back), before anything is drawn on it: a document that lays itself out first
     * measures what fits either way.
     */
    public PdfLayout landscape(boolean on) {
        if (doc.getNumberOfPages() != 1 || y != size.getHeight() - margin) {
            throw new IllegalStateException("the page turns only while nothing is drawn on it");
        }
        size = on ? new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()) : PDRectangle.A4;
        try {
            out.close();
            out = null;
            doc.removePage(0);
            newPage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The left edge of the body. */
    public float left() {
        return margin;
    }

    /** The width between the margins. */
    public float bodyWidth() {
        return width();
    }

    /** The height of a whole page's body, from the top margin down to the footer's band. */
    public float bodyHeight() {
        return size.getHeight() - 2 * margin - FOOTER;
    }

    /** Where the next thing goes: the distance from the bottom of the page. */
    public float cursor() {
        return y;
    }

    /** Room left on this page above the footer's band. */
    public float remaining() {
        return y - margin - FOOTER;
    }

    public PdfLayout down(float by) {
        y -= by;
        return this;
    }

    /** Starts a new page; the cursor goes to its top. */
    public PdfLayout nextPage() {
        try {
            newPage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The width of the text as it prints, a character no font has counted as "?". */
    public float measure(String text, float fontSize) {
        return textWidth(printable(text), fontSize);
    }

    /** Text on one line, its baseline at {@code baseline}, in the colour given. */
    public PdfLayout text(String text, float x, float baseline, float fontSize, java.awt.Color colour) {
        try {
            out.setNonStrokingColor(colour);
            show(printable(text), x, baseline, fontSize);
            out.setNonStrokingColor(java.awt.Color.BLACK);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A rectangle from its top-left corner down, filled and outlined as asked (null for none). */
    public PdfLayout box(float x, float top, float w, float h, java.awt.Color fill, java.awt.Color line,
            float lineWidth) {
        try {
            if (fill != null) {
                out.setNonStrokingColor(fill);
                out.addRect(x, top - h, w, h);
                out.fill();
                out.setNonStrokingColor(java.awt.Color.BLACK);
            }
            if (line != null) {
                out.setStrokingColor(line);
                out.setLineWidth(lineWidth);
                out.addRect(x, top - h, w, h);
                out.stroke();
                out.setStrokingColor(java.awt.Color.BLACK);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PdfLayout heading(String text) {
        try {
            float s = 13;
            List<String> lines = wrap(text, s, width());
            room(s * 1.2f * lines.size() + s * 0.8f + BODY * LEADING * 2);
            for (String line : lines) {
                y -= s * 1.2f;
                show(line, margin, y, s);
            }
            y -= 4;
            out.setLineWidth(0.6f);
            out.moveTo(margin, y);
            out.lineTo(margin + width(), y);
            out.stroke();
            y -= BODY * 0.6f;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PdfLayout paragraph(String text) {
        try {
            for (String line : wrap(text, BODY, width())) {
                room(BODY * LEADING);
                y -= BODY * LEADING;
                show(line, margin, y, BODY);
            }
            y -= BODY * 0.4f;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Label and value pairs in two columns of pairs, each value wrapping in its cell. */
    public PdfLayout facts(List<String[]> pairs) {
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
    public PdfLayout table(String[] header, float[] widths, List<String[]> rows) {
        return grid(header, widths, rows, false);
    }

    private PdfLayout grid(String[] header, float[] widths, List<String[]> rows, boolean labels) {
        try {
            float[] cols = columns(widths, header, rows);
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

    private static final float PAD = 3;

    /**
     * Column widths in points: the fractions asked for, except that a column too narrow for its longest word (an
     * English header such as "household" or a value such as "Female") gets that word's width, taken from the columns
     * with room to spare. When the words cannot all fit, the fractions stand and a long word breaks between letters.
     */
    private float[] columns(float[] widths, String[] header, List<String[]> rows) {
        int n = widths.length;
        float[] least = new float[n];
        for (int i = 0; i < n; i++) {
            float longest = header != null && i < header.length ? longestWord(header[i], CELL) : 0;
            for (String[] r : rows) {
                if (i < r.length) {
                    longest = Math.max(longest, longestWord(r[i], CELL));
                }
            }
            if (header != null && i < header.length && shortLabel(header[i])) {
                // a header of a few Chinese characters reads as one word: "与户主关系" broken into "与户主关" and "系"
                // is misread, so its column is made as wide as the whole label when the table has room
                longest = Math.max(longest, textWidth(printable(header[i]), CELL));
            }
            least[i] = longest + 2 * PAD + 0.5f;
        }
        float[] cols = new float[n];
        boolean[] fixed = new boolean[n];
        float sumLeast = 0;
        for (float l : least) {
            sumLeast += l;
        }
        boolean fits = sumLeast <= width();
        boolean changed = true;
        while (changed) {
            changed = false;
            float free = width();
            float weights = 0;
            for (int i = 0; i < n; i++) {
                if (fixed[i]) {
                    free -= least[i];
                } else {
                    weights += widths[i];
                }
            }
            for (int i = 0; i < n; i++) {
                cols[i] = fixed[i] ? least[i] : weights == 0 ? 0 : widths[i] / weights * free;
                if (fits && !fixed[i] && cols[i] < least[i]) {
                    fixed[i] = true;
                    changed = true;
                }
            }
        }
        return cols;
    }

    /** A column header of at most six characters and no space (居住类型, 与户主关系), kept on one line if it can be. */
    private static boolean shortLabel(String header) {
        return header != null && !header.isBlank() && header.codePointCount(0, header.length()) <= 6
                && header.chars().noneMatch(Character::isWhitespace);
    }

    /** The width of the widest piece of the text a line cannot break inside (a Latin word, a number). */
    private float longestWord(String text, float fontSize) {
        float longest = 0;
        String p = printable(text);
        for (int i = 0; i < p.length(); ) {
            if (p.charAt(i) == ' ') {
                i++;
                continue;
            }
            int end = unitEnd(p, i);
            longest = Math.max(longest, textWidth(p.substring(i, end), fontSize));
            i = end;
        }
        return longest;
    }

    /** Draws one row; answers true (drawing nothing) when it had to start a new page first and a header should repeat. */
    private boolean row(String[] cells, float[] cols, boolean header, boolean labels) throws IOException {
        float pad = PAD;
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < cols.length; i++) {
            List<String> l = wrap(i < cells.length ? cells[i] : "", CELL, cols[i] - 2 * pad);
            wrapped.add(l);
            lines = Math.max(lines, l.size());
        }
        float height = lines * CELL * LEADING + 2 * pad;
        if (y - height < margin + FOOTER) {
            newPage();
            if (!header) {
                return true;
            }
        }
        float x = margin;
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
            float baseline = y - pad - CELL * 1.1f;
            for (String line : wrapped.get(i)) {
                show(line, x + pad, baseline, CELL);
                baseline -= CELL * LEADING;
            }
            x += cols[i];
        }
        y -= height;
        return false;
    }

    /** The footer's type size, and the smallest it shrinks to when a long footer needs more lines than the band holds. */
    private static final float FOOTER_SIZE = 8;
    private static final float FOOTER_MIN_SIZE = 5;
    /** The lowest a footer line's baseline goes: its descenders stay on the page. */
    private static final float FOOTER_FLOOR = 10;

    /** A footer's lines, their type size and the baseline of the first one. */
    private record Footer(List<String> lines, float size, float top) {
        float leading() {
            return size * 1.25f;
        }
    }

    /**
     * The footer wrapped like body text beside the page number, in the band under the body: one line sits where it
     * always did, more lines grow upwards into the band and then downwards into the margin, and a footer too long
     * even for that is set smaller, so no word runs off the page or over the last line of the body.
     */
    private Footer footerLines(String footer, int pages) {
        String widest = pages + " / " + pages;
        // the body's lowest line has its baseline at margin + FOOTER: the footer's tallest letters stay clear of it
        float ceiling = margin + FOOTER - 6;
        Footer fitted = null;
        for (float s = FOOTER_SIZE; s >= FOOTER_MIN_SIZE; s -= 0.5f) {
            List<String> lines = wrap(footer, s, width() - textWidth(widest, s) - 12);
            float leading = s * 1.25f;
            float top = Math.min(margin / 2 + (lines.size() - 1) * leading, ceiling - s);
            fitted = new Footer(lines, s, top);
            if (top - (lines.size() - 1) * leading >= FOOTER_FLOOR) {
                break;
            }
        }
        return fitted;
    }

    /** The document with a footer on every page: its title, who exported it and when, page n of m. */
    public byte[] finish(String footer) {
        try {
            out.close();
            out = null;
            int pages = doc.getNumberOfPages();
            Footer lines = footerLines(footer, pages);
            for (int i = 0; i < pages; i++) {
                PDPage p = doc.getPage(i);
                try (PDPageContentStream f = new PDPageContentStream(doc, p, PDPageContentStream.AppendMode.APPEND, true, true)) {
                    float baseline = lines.top();
                    for (String line : lines.lines()) {
                        show(f, line, margin, baseline, lines.size());
                        baseline -= lines.leading();
                    }
                    String right = (i + 1) + " / " + pages;
                    float last = lines.top() - (lines.lines().size() - 1) * lines.leading();
                    show(f, right, size.getWidth() - margin - textWidth(right, lines.size()), last, lines.size());
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
