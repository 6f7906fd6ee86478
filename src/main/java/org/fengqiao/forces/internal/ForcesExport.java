package org.fengqiao.forces.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The rosters as one xlsx workbook: teams, members (phones masked, informants only for those who may know
 * them), security companies, posts and the shifts of the last and next 30 days, each scoped to the caller.
 * The export is audited.
 */
@Component
public class ForcesExport {

    static final int MAX_MEMBERS = 20_000;
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ForcesDesk desk;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;

    ForcesExport(ForcesDesk desk, MessageSource messages, ApplicationEventPublisher events) {
        this.desk = desk;
        this.messages = messages;
        this.events = events;
    }

    public byte[] export(Caller caller, Locale locale) {
        // lists in a cell are joined in the reader's language: 、 in Chinese, ", " in English
        String separator = text("text.listSeparator", locale);
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            List<Teams.Team> teams = desk.teams(caller, null, null, null);
            Sheet sheet = sheet(book, "forces.tab.teams", locale, "forces.field.name", "forces.field.kind",
                    "forces.field.unit", "forces.field.grid", "forces.field.members", "forces.field.note");
            for (Teams.Team t : teams) {
                row(sheet, t.name(), text("forces.team.kind." + t.kind(), locale), t.unitName(), t.gridName(), t.members(),
                        t.note());
            }
            Members.Page members = desk.members(caller, new Members.Filter(null, null, null, null, null, null),
                    MAX_MEMBERS, 0);
            sheet = sheet(book, "forces.tab.members", locale, "forces.field.person", "forces.field.role",
                    "forces.field.unit", "forces.field.grid", "forces.field.zone", "forces.field.phone",
                    "forces.field.teams", "forces.field.skills", "forces.field.availability", "forces.field.status",
                    "forces.field.company", "forces.field.certNumber");
            for (Members.Member m : members.items()) {
                row(sheet, m.name(), role(m.role(), locale), m.unitName(), m.gridName(), m.zoneName(), m.phoneMasked(),
                        String.join(separator, m.teams()), String.join(separator, m.skills()), m.availability(),
                        text("forces.status." + m.status(), locale), m.companyName(), m.licenceNumber());
            }
            List<Companies.Company> companies = desk.companies(caller, null, false, null);
            sheet = sheet(book, "forces.tab.companies", locale, "forces.field.name", "forces.field.licenceNumber",
                    "forces.field.licenceValidUntil", "forces.field.licenceState", "forces.field.contactName", "forces.field.phone",
                    "forces.field.zoneIds", "forces.field.guards", "forces.field.unit");
            for (Companies.Company c : companies) {
                row(sheet, c.name(), c.licenceNumber(), c.licenceValidUntil().toString(),
                        text("forces.licence." + c.licenceState(), locale), c.contactName(), c.contactPhoneMasked(),
                        String.join(separator, c.zones()), c.guards(), c.unitName());
            }
            List<Posts.Post> posts = desk.posts(caller, null, null);
            sheet = sheet(book, "forces.tab.posts", locale, "forces.field.post", "forces.field.place",
                    "forces.field.grid", "forces.field.location");
            for (Posts.Post p : posts) {
                row(sheet, p.name(), p.place(), p.gridName(), p.lon() == null ? null : p.lon() + "," + p.lat());
            }
            List<Posts.Shift> shifts = desk.shifts(caller, new Posts.ShiftFilter(null, null,
                    desk.now().minusDays(30), desk.now().plusDays(30)), 20_000);
            sheet = sheet(book, "forces.field.shifts", locale, "forces.field.post", "forces.field.person",
                    "forces.field.start", "forces.field.end", "forces.field.checkedIn", "forces.field.checkedOut",
                    "forces.field.patrolHours");
            for (Posts.Shift s : shifts) {
                row(sheet, s.postName(), s.staffName(), china(s.startsAt()), china(s.endsAt()), china(s.checkedInAt()),
                        s.closedUnchecked() ? text("forces.shift.closedUnchecked", locale) : china(s.checkedOutAt()),
                        s.hours() == null ? null : s.hours().doubleValue());
            }
            book.write(out);
            events.publishEvent(new Audited("EXPORT", "force_roster", null, null, null,
                    Map.of("teams", teams.size(), "members", members.items().size(), "companies", companies.size(),
                            "posts", posts.size(), "shifts", shifts.size()), null));
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's name in the reader's language, without its extension. */
    public String fileName(Locale locale) {
        return text("forces.export.file", locale);
    }

    public String role(String role, Locale locale) {
        return messages.getMessage("forces.role." + role, null, text("forces.role.other", locale), locale);
    }

    private Sheet sheet(XSSFWorkbook book, String titleKey, Locale locale, String... headerKeys) {
        Sheet sheet = book.createSheet(text(titleKey, locale));
        Row header = sheet.createRow(0);
        for (int i = 0; i < headerKeys.length; i++) {
            header.createCell(i).setCellValue(text(headerKeys[i], locale));
        }
        return sheet;
    }

    /** A point in time as an officer's watch reads it: China time, to the minute. */
    private static String china(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(ForcesDesk.CHINA).format(MINUTES);
    }

    private static void row(Sheet sheet, Object... values) {
        Row row = sheet.createRow(sheet.getLastRowNum() + 1);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Number n) {
                row.createCell(i).setCellValue(n.doubleValue());
            } else if (v != null) {
                row.createCell(i).setCellValue(v.toString());
            }
        }
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
