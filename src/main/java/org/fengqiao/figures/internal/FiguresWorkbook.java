package org.fengqiao.figures.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The work figures as an xlsx workbook in the reader's language, one sheet: what was counted, where and over which
 * days, then each module's heading and its figures with the period's number, the year before's and the change. Counts
 * are numbers in their cells, so they add up in a spreadsheet; rates and changes are written as the page shows them.
 * Under a module's figures its breakdowns (the cases by offence, the most first), each part's marks (可防性) in a fifth
 * column; a figure's line about it (from when a rate's results are kept) in that fifth column of its row.
 */
@Component
public class FiguresWorkbook {

    private final MessageSource messages;
    private final FigureTexts texts;

    FiguresWorkbook(MessageSource messages, FigureTexts texts) {
        this.messages = messages;
        this.texts = texts;
    }

    public byte[] write(WorkFigures.Report report, String unitName, Locale locale) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet(text("figures.title", locale));
            int r = 0;
            Row title = sheet.createRow(r++);
            title.createCell(0).setCellValue(text("figures.title", locale) + " · " + unitName);
            Row head = sheet.createRow(r++);
            head.createCell(0).setCellValue(text("figures.col.figure", locale));
            head.createCell(1).setCellValue(text("figures.col.period", locale) + " " + report.period().first() + " — "
                    + report.period().last());
            head.createCell(2).setCellValue(text("figures.col.yearBefore", locale) + " " + report.yearBefore().first()
                    + " — " + report.yearBefore().last());
            head.createCell(3).setCellValue(text("figures.col.change", locale));
            for (WorkFigures.Section section : report.sections()) {
                sheet.createRow(r++).createCell(0).setCellValue(text(section.heading(), locale));
                for (WorkFigures.Row f : section.rows()) {
                    Row row = sheet.createRow(r++);
                    row.createCell(0).setCellValue(texts.label(f, locale));
                    if (f.isRate()) {
                        row.createCell(1).setCellValue(texts.value(f, false));
                        row.createCell(2).setCellValue(texts.value(f, true));
                    } else {
                        row.createCell(1).setCellValue(f.count());
                        row.createCell(2).setCellValue(f.countBefore());
                    }
                    row.createCell(3).setCellValue(texts.change(f, locale));
                    if (f.note() != null) {
                        row.createCell(4).setCellValue(texts.note(f, locale));
                    }
                }
                for (WorkFigures.Breakdown b : section.breakdowns()) {
                    r = write(sheet, r, b, locale);
                }
            }
            sheet.setColumnWidth(0, 40 * 256);
            for (int c = 1; c <= 4; c++) {
                sheet.setColumnWidth(c, 26 * 256);
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A breakdown under its heading: each part's name, both counts, the change, and its marks in a fifth column. */
    private int write(Sheet sheet, int r, WorkFigures.Breakdown breakdown, Locale locale) {
        Row heading = sheet.createRow(r++);
        heading.createCell(0).setCellValue(text(breakdown.heading(), locale));
        heading.createCell(4).setCellValue(text("figures.col.marks", locale));
        if (breakdown.shares().isEmpty()) {
            sheet.createRow(r++).createCell(0).setCellValue(text(breakdown.heading() + ".none", locale));
        }
        for (WorkFigures.Share share : breakdown.shares()) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(texts.label(share, locale));
            row.createCell(1).setCellValue(share.count());
            row.createCell(2).setCellValue(share.countBefore());
            row.createCell(3).setCellValue(texts.change(share, locale));
            row.createCell(4).setCellValue(texts.marks(share, locale));
        }
        return r;
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
