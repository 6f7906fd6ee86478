package org.fengqiao.incident.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.NewIncident;
import org.fengqiao.incident.Offence;
import org.fengqiao.incident.Source;
import org.fengqiao.incident.Subtype;
import org.fengqiao.incident.internal.IdempotencyKeyReused;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.IsoTimes;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "110 command centre", description = "Incidents pushed by the 110 centre's system with a unit's API key")
class CallCentreController {

    private final IncidentDesk desk;
    private final IncidentViews views;

    CallCentreController(IncidentDesk desk, IncidentViews views) {
        this.desk = desk;
        this.views = views;
    }

    /** The desk's names of the fields this API names otherwise. */
    private static final Map<String, String> FIELDS = Map.of("reporterPhone", "callerPhone", "reporterName", "callerName",
            "idempotencyKey", "caseNumber");

    /**
     * The desk's messages said in this API's terms: a point in no grid (outside the county, or lon and lat swapped)
     * asks the integrator to check lon and lat or send gridId or address, not to "choose the community or grid" as a
     * page does.
     */
    private static final Map<String, String> KEYS = Map.of("incident.grid.notLocated", "incident.push.location.notLocated",
            "incident.location.required", "incident.push.location.required",
            "incident.idempotencyKey.tooLong", "incident.push.caseNumber.tooLong");

    /**
     * The push's keys a problem of the desk's "location" concerns: the body has no "location", it has lon and lat. One
     * of them missing names that one; out of range, each that is; a point in no grid or outside the key's unit, or no
     * place at all, both.
     */
    static List<String> positionKeys(Invalid.Problem problem, Push p) {
        return switch (problem.key()) {
            case "incident.location.incomplete" -> List.of(p.lon() == null ? "lon" : "lat");
            case "incident.location.outOfRange" -> {
                List<String> keys = new java.util.ArrayList<>();
                if (p.lon() != null && (p.lon() < -180 || p.lon() > 180)) {
                    keys.add("lon");
                }
                if (p.lat() != null && (p.lat() < -90 || p.lat() > 90)) {
                    keys.add("lat");
                }
                yield keys.isEmpty() ? List.of("lon", "lat") : keys;
            }
            default -> List.of("lon", "lat");
        };
    }

    /**
     * An incident as the 110 system sends it; its case number (caseNumber, required) is its idempotency key. A case
     * may name its offence (案由, optional), as the centre's operator classified the call.
     */
    record Push(String caseNumber, Category category, Subtype subtype, Offence offence, String department,
            String description, @Schema(format = "date-time", example = "2026-12-06T10:00:00+08:00") String occurredAt, Double lon, Double lat, String address, UUID gridId,
            String callerName, String callerPhone) {
    }

    /**
     * The time a call's matter happened, as ISO 8601. The centre's systems often send China's wall-clock time without its
     * zone (2026-12-06T10:00:00): read as China time, as Open311's dates are, not refused with a bare "wrong format"
     * that does not say which form is meant; any other form is refused saying so.
     */
    static OffsetDateTime occurredAt(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return IsoTimes.parse(raw).orElseThrow(() -> Invalid.of("occurredAt", "incident.push.occurredAt.format"));
    }

    @PostMapping(CallCentreSecurity.PATH)
    @PreAuthorize("hasAuthority('INCIDENT_PUSH')")
    @Operation(summary = "Push an incident from the 110 centre (X-Api-Key)",
            description = "The location (lon/lat) finds the grid, which must lie under the key's unit; an address "
                    + "alone must name one grid (a group or door number): a village or community whose standard "
                    + "addresses lie in several grids is refused (400 on address) rather than placed by chance. A case "
                    + "(category CASE) may name its offence (offence, optional: BURGLARY, TELECOM_FRAUD...; a value that "
                    + "is none of them, or an offence on what is not a case, is refused with 400 on offence); cases "
                    + "without one are set on the incident later. The same "
                    + "caseNumber pushed again with the same report answers the incident filed the first time (200); "
                    + "with a different report it is refused (422) and nothing is filed.")
    ResponseEntity<IncidentViews.Detail> push(@RequestBody Push p, Locale locale) {
        if (p.caseNumber() == null || p.caseNumber().isBlank()) {
            // the only thing that tells a retried push from a new one: without it every retry would file again
            throw Invalid.of("caseNumber", "incident.caseNumber.required");
        }
        NewIncident n = new NewIncident(Source.CALL_110, p.category(), p.subtype(), p.offence(), p.department(),
                p.description(),
                occurredAt(p.occurredAt()), p.lon(), p.lat(), p.address(), p.gridId(), p.callerName(), p.callerPhone(), p.caseNumber(),
                p.caseNumber());
        IncidentDesk.Filed filed;
        try {
            filed = desk.file(n, Submitter.of(Callers.require()));
        } catch (IdempotencyKeyReused e) {
            throw e; // answered 422 naming caseNumber (IdempotencyErrors)
        } catch (Invalid e) {
            throw new Invalid(e.titleKey(), e.problems().stream().map(problem -> KEYS.containsKey(problem.key())
                    ? new Invalid.Problem(problem.field(), KEYS.get(problem.key()), problem.args()) : problem)
                    .flatMap(problem -> "location".equals(problem.field())
                            ? positionKeys(problem, p).stream().map(key -> new Invalid.Problem(key, problem.key(), problem.args()))
                            : java.util.stream.Stream.of(problem))
                    .toList()).renamed(FIELDS);
        }
        return ResponseEntity.status(filed.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(views.detail(filed, locale));
    }
}
