package org.fengqiao.review.internal;

import java.nio.charset.StandardCharsets;
import java.awt.Color;
import java.util.Locale;
import org.fengqiao.platform.QrCode;
import org.fengqiao.platform.pdf.PdfLayout;
import org.fengqiao.review.internal.Cards.Card;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Service;

/**
 * An officer's review card printed: the QR code alone as a PNG (for the sign maker's 工作标牌 and 站牌), or the card as
 * an A4 PDF to cut out: what is public of the officer (his name, police number, unit and the community he answers
 * for; never his phone), the QR code of the card's public link and the link written out, and the lines that ask
 * residents to judge his work. The code is drawn as the PDF's own squares, so it prints sharp at any size.
 */
@Service
public class CardPrints {

    private static final float QR_SIDE = 170;
    private static final float CARD_HEIGHT = 250;

    private final MessageSource messages;

    CardPrints(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * The names the card's print and its QR code are saved under, in the reader's language as the print is written
     * (a Chinese reader saved review-card-….pdf): an attachment header with the name in UTF-8 (RFC 5987).
     */
    public String pdfDisposition(Card card, Locale locale) {
        return ContentDisposition.attachment().filename(t("review.card.file", locale) + "-" + card.code() + ".pdf",
                StandardCharsets.UTF_8).build().toString();
    }

    /** The QR code's name, as {@link #pdfDisposition}; shown in the browser (inline). */
    public String pngDisposition(Card card, Locale locale) {
        return ContentDisposition.inline().filename(t("review.card.qrFile", locale) + "-" + card.code() + ".png",
                StandardCharsets.UTF_8).build().toString();
    }

    public byte[] png(String link) {
        return QrCode.encode(link).png(10);
    }

    public byte[] pdf(Card card, String policeNumber, String link, String printedBy, Locale locale) {
        String title = t("review.card.pdfTitle", locale);
        try (PdfLayout pdf = new PdfLayout(title + " " + card.officerName(), printedBy)) {
            float left = pdf.left();
            float width = pdf.bodyWidth();
            float top = pdf.cursor();
            pdf.box(left, top, width, CARD_HEIGHT, null, Color.DARK_GRAY, 1.2f);
            float x = left + 18;
            float y = top - 34;
            pdf.text(title, x, y, 15, Color.DARK_GRAY);
            y -= 40;
            pdf.text(card.officerName(), x, y, 24, Color.BLACK);
            y -= 26;
            if (policeNumber != null) {
                pdf.text(t("review.card.policeNumber", locale) + " " + policeNumber, x, y, 12, Color.BLACK);
                y -= 20;
            }
            pdf.text(card.unitName(), x, y, 12, Color.BLACK);
            y -= 20;
            pdf.text(m("review.card.answersFor", locale, card.communityName()), x, y, 12, Color.BLACK);
            y -= 34;
            pdf.text(t("review.card.scan", locale), x, y, 13, Color.BLACK);
            y -= 18;
            pdf.text(t("review.card.scanWhy", locale), x, y, 10, Color.DARK_GRAY);
            drawCode(pdf, QrCode.encode(link), left + width - QR_SIDE - 22, top - (CARD_HEIGHT - QR_SIDE) / 2);
            pdf.down(CARD_HEIGHT + 18);
            pdf.paragraph(m("review.card.link", locale, link));
            pdf.paragraph(t("review.card.noPhone", locale));
            return pdf.finish(title + " · " + card.officerName() + " · " + card.communityName());
        }
    }

    /** The symbol with its quiet zone as black squares, its top-left corner at ({@code x}, {@code top}). */
    private static void drawCode(PdfLayout pdf, QrCode qr, float x, float top) {
        int quiet = 4;
        float module = QR_SIDE / (qr.size() + 2 * quiet);
        for (int row = 0; row < qr.size(); row++) {
            for (int col = 0; col < qr.size(); col++) {
                if (qr.dark(col, row)) {
                    pdf.box(x + (col + quiet) * module, top - (row + quiet) * module, module, module, Color.BLACK,
                            null, 0);
                }
            }
        }
    }

    private String t(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private String m(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
