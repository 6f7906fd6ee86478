package org.fengqiao.duty.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.duty.DutyPeriod;
import org.fengqiao.duty.internal.DutyDesk;
import org.fengqiao.duty.internal.DutyRecords;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/duties")
@Tag(name = "Duty checklist", description = "十五个一: the officer's duties per day, week, month, quarter; overview")
class DutyController {

    static final int MAX_PAGE = 100;

    private final DutyDesk desk;
    private final DutyLedger ledger;

    DutyController(DutyDesk desk, DutyLedger ledger) {
        this.desk = desk;
        this.ledger = ledger;
    }

    record Withdrawal(String reason) {
    }

    @GetMapping("/rhythm")
    @PreAuthorize("hasAnyAuthority('DUTY_OWN','DUTY_OVERVIEW')")
    @Operation(summary = "The rhythm: each duty with its period (fengqiao.duty.items), in the caller's language")
    List<DutyDesk.RhythmItem> rhythm(Locale locale) {
        return desk.rhythm(locale);
    }

    @GetMapping("/mine")
    @PreAuthorize("hasAuthority('DUTY_OWN')")
    @Operation(summary = "The caller's checklist on a day (default today, China time)",
            description = "Each period holding the day (week from Monday) with each item DONE or DUE and the records "
                    + "in the period (withdrawn ones marked); missed: the items the last closed periods missed.")
    DutyDesk.Checklist mine(@RequestParam(required = false) LocalDate day, Locale locale) {
        return desk.mine(Callers.require(), day, locale);
    }

    @PostMapping("/records")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('DUTY_OWN')")
    @Operation(summary = "Record a duty done",
            description = "item: a code of the rhythm; doneOn: not after today, at most backdate-days back; note: "
                    + "required, at most 500 characters, trimmed; gridId or unitId: where, in the caller's "
                    + "jurisdiction (404 outside); participants: optional, 1..9999. Twice in a period is kept twice.")
    DutyRecords.Record record(@RequestBody(required = false) DutyDesk.RecordForm form) {
        return desk.record(form, Callers.require());
    }

    @GetMapping("/records/{id}")
    @PreAuthorize("hasAnyAuthority('DUTY_OWN','DUTY_OVERVIEW')")
    @Operation(summary = "One record: the author's own, or one of an officer of the caller's scope",
            description = "note and withdrawnReason null (noteWithheld true) but for the author and the chiefs above "
                    + "him. An automatic tick's note in the caller's language.")
    DutyRecords.Record get(@PathVariable UUID id, Locale locale) {
        return desk.record(id, Callers.require(), locale);
    }

    @PostMapping("/records/{id}/withdraw")
    @PreAuthorize("hasAuthority('DUTY_OWN')")
    @Operation(summary = "The author withdraws his record the day he made it, with a reason (kept, audited)")
    DutyRecords.Record withdraw(@PathVariable UUID id, @RequestBody(required = false) Withdrawal body) {
        return desk.withdraw(id, body == null ? null : body.reason(), Callers.require());
    }

    @GetMapping("/overview")
    @PreAuthorize("hasAuthority('DUTY_OVERVIEW')")
    @Operation(summary = "The duty overview (有督导): per community officer of the unit, the period's items done / due",
            description = "unitId: a unit of the caller's scope (404 outside; default all of it); period: DAY, WEEK "
                    + "(default), MONTH, QUARTER; day: default today. missed: what the last closed period missed. "
                    + "month: done and due of his results whose period ended in monthFirst–monthLast (the last month "
                    + "whose results are all written), kept in the caller's scope (as /duties/results lists them); "
                    + "null when none is kept.")
    DutyDesk.Overview overview(@RequestParam(required = false) UUID unitId,
            @RequestParam(required = false) DutyPeriod period, @RequestParam(required = false) LocalDate day,
            Locale locale) {
        return desk.overview(unitId, period, day, Callers.require(), locale);
    }

    @GetMapping("/done")
    @PreAuthorize("hasAnyAuthority('DUTY_OWN','DUTY_OVERVIEW')")
    @Operation(summary = "The duties done in a period where the work figures count them (完成十五个一职责)",
            description = "unitId: where they were done, a unit and those under it (404 outside the caller's scope; "
                    + "default all of it); from/to: the days done, both included (default this month to today; 400 "
                    + "reversed); item: one duty of the rhythm (convenience-service: 便民服务活动). Withdrawn ones "
                    + "are left out. total: all of them, as the work figures count. note (and withdrawnReason) only "
                    + "for the record's officer and the chiefs above him (DUTY_OVERVIEW over his unit); for anyone "
                    + "else null, with noteWithheld true.")
    DutyDesk.Done done(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to, @RequestParam(required = false) String item,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size, Locale locale) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        return desk.done(unitId, from, to, item, Callers.require(), locale, limit,
                Paging.offset(Math.max(1, page), limit));
    }

    @GetMapping("/results")
    @PreAuthorize("hasAnyAuthority('DUTY_OVERVIEW','WORK_FIGURES')")
    @Operation(summary = "The officers' results of the duties whose period closed (职责完成率 rates them)",
            description = "Each officer who owed a duty, per period that ended in from–to (both included; default "
                    + "this month to today; 400 naming the field for a last day after today, a first day after the "
                    + "last or before 1900): DONE or MISSED and how many records, written when the "
                    + "period could no longer change and kept as they were (his name and unit then, the item's text "
                    + "then). unitId: the unit he was in then, and those under it (404 outside the caller's scope; "
                    + "default all of it); officerId: one officer; state: DONE or MISSED (400 otherwise). done and due "
                    + "count all of them: the work figures' share of due duties done is done / due. keptFrom: the "
                    + "first day whose closing periods were written.")
    DutyDesk.Results results(@RequestParam(required = false) UUID unitId,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) UUID officerId, @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size, Locale locale) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        return desk.results(unitId, from, to, officerId, state, Callers.require(), locale, limit,
                Paging.offset(Math.max(1, page), limit));
    }

    @GetMapping("/overview/export")
    @PreAuthorize("hasAuthority('DUTY_OVERVIEW')")
    @Operation(summary = "The duty overview as an xlsx ledger (职责督导台账), for the same filters, scoped",
            description = "A row per officer: done, due, each duty of the period, last closed period's misses. "
                    + "Audited (EXPORT, duty-record) with the filters and the count.")
    void export(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) DutyPeriod period,
            @RequestParam(required = false) LocalDate day, Locale locale, HttpServletResponse response)
            throws IOException {
        ledger.write(desk.overview(unitId, period, day, Callers.require(), locale), locale, response);
    }

    @GetMapping("/officers/{id}")
    @PreAuthorize("hasAuthority('DUTY_OVERVIEW')")
    @Operation(summary = "One officer's checklist on a day, as the chief above him reads it (404 outside the scope)")
    DutyDesk.Checklist officer(@PathVariable UUID id, @RequestParam(required = false) LocalDate day, Locale locale) {
        return desk.officer(id, Callers.require(), day, locale);
    }
}
