package org.fengqiao.forces.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.web.Ledger;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The rosters as one xlsx workbook: teams, members (phones masked, informants only for those who may know
 * them), security companies, posts and the shifts of the last and next 30 days, each scoped to the caller.
 *
 * <p>Every list is written whole, as it is read: a page at a time after the last row written (keyset), all pages in
 * one snapshot ({@link Ledger#snapshot}), so a member added or moved meanwhile is neither written twice nor left out;
 * only the last {@link #WINDOW} rows stay in memory (SXSSF keeps the rest in a compressed temporary file, removed once
 * written). Members used to be read as one list cut at 20,000 and the other lists at 500 or 20,000, and the file did
 * not say so. A sheet holds 1,048,576 rows: a list longer than that ends in a row saying the sheet is cut, and the
 * audit entry names the sheets cut.
 */
@Component
public class ForcesExport {

    /** The rows the workbook being written keeps in memory: those before are on disk. */
    static final int WINDOW = 200;
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** How many rows of a list are read at a time. Not final: a test lowers it rather than writing thousands. */
    int page = Ledger.PAGE;
    /**
     * The most rows of a list one sheet holds: the header, these and the row saying the sheet is cut fill it. Not
     * final: a test lowers it rather than writing a million rows.
     */
    int most = SpreadsheetVersion.EXCEL2007.getMaxRows() - 2;

    private final ForcesDesk desk;
    private final Teams teams;
    private final Members members;
    private final Companies companies;
    private final Posts posts;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final PlatformTransactionManager transactions;

    ForcesExport(ForcesDesk desk, Teams teams, Members members, Companies companies, Posts posts,
            MessageSource messages, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.desk = desk;
        this.teams = teams;
        this.members = members;
        this.companies = companies;
        this.posts = posts;
        this.messages = messages;
        this.events = events;
        this.transactions = transactions;
    }

    /** Where the workbook goes, opened once every list is read into it. */
    @FunctionalInterface
    public interface Target {
        OutputStream open() throws IOException;
    }

    /** Writes the workbook to {@code out} and audits the export with how many rows each sheet holds. */
    public void write(Caller caller, Locale locale, Target out) throws IOException {
        Visibility v = Visibility.of(caller);
        // lists in a cell are joined in the reader's language: 、 in Chinese, ", " in English
        String separator = text("text.listSeparator", locale);
        OffsetDateTime now = desk.now();
        OffsetDateTime from = now.minusDays(30);
        OffsetDateTime to = now.plusDays(30);
        java.time.LocalDate today = desk.today();
        SXSSFWorkbook book = new SXSSFWorkbook(WINDOW);
        // a county's rows flushed to disk are XML of many lines: compressed, a tenth of the temporary disk
        book.setCompressTempFiles(true);
        Map<String, Object> written = new LinkedHashMap<>();
        try {
            Tab teamTab = tab(book, "forces.tab.teams", locale, "forces.field.name", "forces.field.kind",
                    "forces.field.unit", "forces.field.grid", "forces.field.members", "forces.field.note");
            Tab memberTab = tab(book, "forces.tab.members", locale, "forces.field.person", "forces.field.role",
                    "forces.field.unit", "forces.field.grid", "forces.field.zone", "forces.field.phone",
                    "forces.field.teams", "forces.field.skills", "forces.field.availability", "forces.field.status",
                    "forces.field.company", "forces.field.certNumber");
            Tab companyTab = tab(book, "forces.tab.companies", locale, "forces.field.name",
                    "forces.field.licenceNumber", "forces.field.licenceValidUntil", "forces.field.licenceState",
                    "forces.field.contactName", "forces.field.phone", "forces.field.zoneIds", "forces.field.guards",
                    "forces.field.unit");
            Tab postTab = tab(book, "forces.tab.posts", locale, "forces.field.post", "forces.field.place",
                    "forces.field.grid", "forces.field.location");
            Tab shiftTab = tab(book, "forces.field.shifts", locale, "forces.field.post", "forces.field.person",
                    "forces.field.start", "forces.field.end", "forces.field.checkedIn", "forces.field.checkedOut",
                    "forces.field.patrolHours");
            Ledger.snapshot(transactions, () -> {
                each(teamTab, (Teams.Team after) -> teams.after(v, after, page),
                        t -> teamTab.row(t.name(), text("forces.team.kind." + t.kind(), locale), t.unitName(),
                                t.gridName(), t.members(), t.note()));
                each(memberTab, (Members.Member after) -> members.after(v, after, page),
                        m -> memberTab.row(m.name(), role(m.role(), locale), m.unitName(), m.gridName(),
                                m.zoneRetired() ? retired(m.zoneName(), locale) : m.zoneName(),
                                m.phoneMasked(), String.join(separator, m.teams()), String.join(separator, m.skills()),
                                m.availability(), text("forces.status." + m.status(), locale), m.companyName(),
                                m.licenceNumber()));
                each(companyTab, (Companies.Company after) -> companies.after(v, today, after, page),
                        c -> companyTab.row(c.name(), c.licenceNumber(), c.licenceValidUntil().toString(),
                                text("forces.licence." + c.licenceState(), locale), c.contactName(),
                                c.contactPhoneMasked(), String.join(separator, c.servedZones().stream()
                                        .map(z -> z.retired() ? retired(z.name(), locale) : z.name()).toList()),
                                c.guards(), c.unitName()));
                each(postTab, (Posts.Post after) -> posts.after(v, after, page),
                        p -> postTab.row(p.name(), p.place(), p.gridName(),
                                p.lon() == null ? null : p.lon() + "," + p.lat()));
                each(shiftTab, (Posts.Shift after) -> posts.shiftsAfter(v, from, to, after, page),
                        s -> shiftTab.row(s.postName(), s.staffName(), china(s.startsAt()), china(s.endsAt()),
                                china(s.checkedInAt()), s.closedUnchecked()
                                        ? text("forces.shift.closedUnchecked", locale) : china(s.checkedOutAt()),
                                s.hours() == null ? null : s.hours().doubleValue()));
            });
            book.write(out.open());
            written.put("teams", teamTab.rows);
            written.put("members", memberTab.rows);
            written.put("companies", companyTab.rows);
            written.put("posts", postTab.rows);
            written.put("shifts", shiftTab.rows);
            // the sheets that end in the row saying so: read alone, the file would pass for the whole roster
            written.put("cut", List.of(teamTab, memberTab, companyTab, postTab, shiftTab).stream()
                    .filter(t -> t.cut).map(t -> t.name).toList());
        } finally {
            book.dispose();
            book.close();
        }
        events.publishEvent(new Audited("EXPORT", "force_roster", null, null, null, written, null));
    }

    /**
     * Writes a list page after page, each read after the last row written, until a page comes back short or the sheet
     * is full (then it ends in the row saying so).
     */
    private <T> void each(Tab tab, Function<T, List<T>> pageAfter, Consumer<T> row) {
        T last = null;
        while (true) {
            List<T> got = pageAfter.apply(last);
            for (T item : got) {
                if (tab.rows == most) {
                    tab.cut();
                    return;
                }
                row.accept(item);
            }
            if (got.size() < page) {
                return;
            }
            last = got.get(got.size() - 1);
        }
    }

    /** The file's name in the reader's language, without its extension. */
    public String fileName(Locale locale) {
        return text("forces.export.file", locale);
    }

    public String role(String role, Locale locale) {
        return messages.getMessage("forces.role." + role, null, text("forces.role.other", locale), locale);
    }

    private Tab tab(SXSSFWorkbook book, String titleKey, Locale locale, String... headerKeys) {
        Tab tab = new Tab(book.createSheet(text(titleKey, locale)), text(titleKey, locale), locale);
        Row header = tab.sheet.createRow(0);
        for (int i = 0; i < headerKeys.length; i++) {
            header.createCell(i).setCellValue(text(headerKeys[i], locale));
        }
        return tab;
    }

    /** One sheet being written: how many rows it holds, and whether it was cut. */
    private final class Tab {

        final Sheet sheet;
        final String name;
        final Locale locale;
        int rows;
        boolean cut;

        Tab(Sheet sheet, String name, Locale locale) {
            this.sheet = sheet;
            this.name = name;
            this.locale = locale;
        }

        void row(Object... values) {
            Row row = sheet.createRow(++rows);
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v instanceof Number n) {
                    row.createCell(i).setCellValue(n.doubleValue());
                } else if (v != null) {
                    row.createCell(i).setCellValue(v.toString());
                }
            }
        }

        /** The last row of a sheet cut at {@link #most}, saying so in the reader's language. */
        void cut() {
            cut = true;
            sheet.createRow(rows + 1).createCell(0).setCellValue(messages.getMessage("forces.export.cut",
                    new Object[] {most}, locale));
        }
    }

    /** A point in time as an officer's watch reads it: China time, to the minute. */
    private static String china(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(ForcesDesk.CHINA).format(MINUTES);
    }

    /** A zone retired since, named as the pages name it (已撤销): the roster is read as a list of what is in use. */
    private String retired(String zone, Locale locale) {
        return messages.getMessage("forces.zone.retiredName", new Object[] {zone}, zone, locale);
    }

        private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
