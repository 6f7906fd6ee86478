package org.fengqiao.supervision.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.supervision.internal.NoticePdf;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.fengqiao.supervision.internal.Notices;

/** What the API and the pages share: the caller's bureau and a unit he may issue notices to. */
final class SupervisionViews {

    private SupervisionViews() {
    }

    /** The path of the caller's bureau: the first unit of his own (a 通报 goes to all the bureau's police). */
    static String bureauPath(Caller caller) {
        String path = caller.unitPaths().get(0);
        return path.substring(0, path.indexOf('/', 1) + 1);
    }

    static ResponseEntity<byte[]> pdf(NoticePdf.Document d) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(d.fileName(), java.nio.charset.StandardCharsets.UTF_8).build()
                        .toString())
                .body(d.bytes());
    }

    /**
     * The list's filters as a link or a form sends them, on the page and in the API alike (the work figures link to
     * both): a unit outside the caller's scope is not found (404), as on every page; a first day after the last is
     * refused with the reason, and so are days after today or before 1900 and a year out of range.
     *
     * @throws NotFound for a unit the caller may not see
     * @throws Invalid  for days reversed, to come or too early, or a year out of range
     */
    static Notices.Filter filter(Notices notices, Notices.Status status, UUID unitId, Integer year,
            Notices.Dated dated, LocalDate from, LocalDate to, LocalDate today, Caller caller) {
        year(year);
        // days to come hold nothing issued, rectified or gone overdue yet: a list to them reads as complete when it
        // is not, as the work figures and the lists they link to refuse them; days before 1900 are a mistyped year
        for (String field : new String[] {"from", "to"}) {
            LocalDate day = field.equals("from") ? from : to;
            if (day != null && day.isAfter(today)) {
                throw Invalid.of(field, "figures.period.future", day.toString(), today.toString());
            }
            if (day != null && day.isBefore(PeriodFigures.Period.EARLIEST)) {
                throw Invalid.of(field, "figures.period.tooEarly", day.toString(),
                        PeriodFigures.Period.EARLIEST.toString());
            }
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw Invalid.of("from", "supervision.list.daysReversed", from.toString(), to.toString());
        }
        if (unitId != null && notices.unitIn(unitId, caller.scopePatterns()).isEmpty()) {
            throw new NotFound("unit", unitId);
        }
        return new Notices.Filter(status, unitId, year, dated, from, to);
    }

    /** The years a notice's number may carry, as a filter takes them. */
    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 2099;

    /**
     * A year as the address sends it, null when left blank; one out of range, or no whole number at all, is refused
     * naming the range (what a year may be is what the reader needs to know), so that the page says so above its form.
     *
     * @throws Invalid for text that is no year of the range
     */
    static Integer year(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return year(Integer.valueOf(text.strip()));
        } catch (NumberFormatException e) {
            return year(Integer.MAX_VALUE);
        }
    }

    /** The year, or the refusal of one out of range. */
    static Integer year(Integer year) {
        if (year != null && (year < FIRST_YEAR || year > LAST_YEAR)) {
            throw Invalid.of("year", "supervision.list.yearOutOfRange", String.valueOf(FIRST_YEAR),
                    String.valueOf(LAST_YEAR));
        }
        return year;
    }

    static Optional<Notices.Target> target(Notices notices, UUID unitId, Caller caller) {
        return notices.targets(caller).stream().filter(t -> t.id().equals(unitId)).findFirst();
    }

    /**
     * The persons held to account over days on the notices to a unit and those under it (the caller's whole scope
     * when none is named), as the work figures' accountability counts them.
     */
    record Held(Notices.Target unit, LocalDate from, LocalDate to, List<Notices.HeldToAccount> items, long total) {
    }

    /**
     * @throws NotFound for a unit the caller may not see
     */
    static Held held(Notices notices, UUID unitId, LocalDate from, LocalDate to, LocalDate today, Caller caller,
            int limit, int offset) {
        Notices.Target unit = unitId == null ? null : notices.unitIn(unitId, caller.scopePatterns())
                .orElseThrow(() -> new NotFound("unit", unitId));
        PeriodFigures.Period days = PeriodFigures.Period.asked(from, to, today);
        String[] under = unit == null ? caller.scopePatterns() : new String[] {unit.path() + "%"};
        Notices.Accountabilities found = notices.heldToAccount(under, days, limit, offset);
        return new Held(unit, days.first(), days.last(), found.items(), found.total());
    }
}
