package org.fengqiao.population.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.population.internal.UtilityAnomalyPolicy;
import org.fengqiao.population.internal.UtilityReadings;
import org.fengqiao.population.internal.VerificationTasks;
import org.fengqiao.population.internal.VerificationTasks.Finding;
import org.fengqiao.population.internal.VerificationTasks.Status;
import org.fengqiao.population.internal.Verifications;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/verification-tasks")
@Tag(name = "Verification tasks", description = "核查任务: door-to-door checks opened by utility anomalies")
class VerificationTaskController {

    static final int MAX_PAGE = 100;

    private final Verifications verifications;
    private final UtilityTexts texts;

    VerificationTaskController(Verifications verifications, UtilityTexts texts) {
        this.verifications = verifications;
        this.texts = texts;
    }

    record TaskView(UUID id, UUID gridId, String gridCode, String gridName, UUID roomId, UUID addressId, UUID buildingId,
            String buildingName, Integer unitNo, Integer floor, String roomNumber, String address,
            UtilityAnomalyPolicy.Kind kind, YearMonth periodFrom, YearMonth periodTo, String reason, String reasonKey,
            List<String> reasonArgs, Status status, UUID assigneeId, String assigneeName, Finding finding,
            String findingNote, UUID visitId, String resolvedBy, OffsetDateTime resolvedAt, OffsetDateTime createdAt,
            long version, boolean held, YearMonth holdUntil,
            java.util.Map<org.fengqiao.population.internal.Utility, java.math.BigDecimal> holdAbove) {

        static TaskView of(VerificationTasks.Task t, String reason) {
            return new TaskView(t.id(), t.gridId(), t.gridCode(), t.gridName(), t.roomId(), t.addressId(), t.buildingId(),
                    t.buildingName(), t.unitNo(), t.floor(), t.roomNumber(), t.address(), t.kind(), t.periodFrom(),
                    t.periodTo(), reason, t.reasonKey(), t.reasonArgs(), t.status(), t.assigneeId(), t.assigneeName(),
                    t.finding(), t.findingNote(), t.visitId(), t.resolvedByName(), t.resolvedAt(), t.createdAt(),
                    t.version(), t.held(), t.holdUntil(), t.holdAbove());
        }
    }

    record TaskPage(List<TaskView> items, long total, int page, int size) {
    }

    record Detail(TaskView task, List<UtilityReadings.Reading> readings, List<VerificationTasks.Resident> residents,
            List<VerificationTasks.Event> history, boolean mayResolve) {
    }

    record Assignment(UUID assigneeId) {
    }

    /**
     * holdMonths and holdWater/holdPower/holdGas: for NO_ISSUE on a UNREGISTERED_USE task, how many months after its
     * period the finding holds (null: no month limit) and the monthly use above which the place is checked again (null:
     * twice the highest use of the task's period, at least the occupied threshold).
     */
    record ResolutionForm(Finding finding, String note, UUID visitId, Integer holdMonths,
            java.math.BigDecimal holdWater, java.math.BigDecimal holdPower, java.math.BigDecimal holdGas) {
    }

    @GetMapping
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The caller's verification tasks",
            description = "With POPULATION_READ the tasks of the caller's jurisdiction; otherwise those assigned to the "
                    + "caller. Filters: status (OPEN, ASSIGNED, RESOLVED), gridId, kind (UNREGISTERED_USE, "
                    + "REGISTERED_NO_USE), mine=true for the caller's own, open=true for all not yet resolved.")
    TaskPage list(@RequestParam(required = false) Status status, @RequestParam(required = false) UUID gridId,
            @RequestParam(required = false) UtilityAnomalyPolicy.Kind kind,
            @RequestParam(defaultValue = "false") boolean mine, @RequestParam(defaultValue = "false") boolean open,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size, Locale locale) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        int current = Math.max(1, page);
        VerificationTasks.Page found = verifications.list(new VerificationTasks.Filter(status, gridId, kind, mine, open),
                Callers.require(), limit, Paging.offset(current, limit));
        return new TaskPage(found.tasks().stream().map(t -> TaskView.of(t, texts.reason(t, locale))).toList(),
                found.total(), current, limit);
    }

    @GetMapping("/{id}")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "One task with the place's readings, its residents (masked by role) and the history; the read is audited",
            description = "404 for a task outside the caller's jurisdiction (or, without POPULATION_READ, not assigned to "
                    + "the caller), exactly as for one that does not exist.")
    Detail one(@PathVariable UUID id, Locale locale) {
        Verifications.Detail d = verifications.read(id, Callers.require());
        return new Detail(TaskView.of(d.task(), texts.reason(d.task(), locale)), d.readings(), d.residents(), d.history(),
                d.mayChange());
    }

    @PostMapping("/{id}/assign")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Assign the task to someone serving its grid now (grid chief, coordinator, manager or member)",
            description = "Needs POPULATION_WRITE; audited with before and after.")
    TaskView assign(@PathVariable UUID id, @RequestBody Assignment body, Locale locale) {
        VerificationTasks.Task t = verifications.assign(id, body == null ? null : body.assigneeId(), Callers.require());
        return TaskView.of(t, texts.reason(t, locale));
    }

    @PostMapping("/{id}/resolve")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Resolve the task with a finding",
            description = "TENANTS_REGISTERED (someone is registered there now), VACANT (marks the room vacant), "
                    + "RESIDENTS_LEFT (marks every registered resident as left today and the room vacant), NO_ISSUE. "
                    + "visitId links the resolution and its changes to a visit in the task's grid, the caller's own "
                    + "of today (else 400, nothing changed). Needs POPULATION_WRITE, "
                    + "or the assignment for TENANTS_REGISTERED and NO_ISSUE. NO_ISSUE on a UNREGISTERED_USE task holds "
                    + "for the place: no new task of that kind while nobody leaves it, use stays at or below holdWater, "
                    + "holdPower, holdGas (default twice the period's highest, at least the occupied threshold) and "
                    + "for holdMonths after the period (1-60; none: no month limit).")
    TaskView resolve(@PathVariable UUID id, @RequestBody ResolutionForm body, Locale locale) {
        ResolutionForm form = body == null ? new ResolutionForm(null, null, null, null, null, null, null) : body;
        java.util.Map<org.fengqiao.population.internal.Utility, java.math.BigDecimal> above =
                new java.util.EnumMap<>(org.fengqiao.population.internal.Utility.class);
        if (form.holdWater() != null) {
            above.put(org.fengqiao.population.internal.Utility.WATER, form.holdWater());
        }
        if (form.holdPower() != null) {
            above.put(org.fengqiao.population.internal.Utility.POWER, form.holdPower());
        }
        if (form.holdGas() != null) {
            above.put(org.fengqiao.population.internal.Utility.GAS, form.holdGas());
        }
        VerificationTasks.Task t = verifications.resolve(id, new Verifications.Resolution(form.finding(), form.note(),
                form.visitId(), form.holdMonths(), above), Callers.require());
        return TaskView.of(t, texts.reason(t, locale));
    }
}
