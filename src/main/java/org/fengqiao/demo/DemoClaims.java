package org.fengqiao.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.claims.ClaimsLoader;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.IncidentLoader;
import org.fengqiao.incident.NewIncident;
import org.fengqiao.incident.Source;
import org.fengqiao.mediation.DisputeKind;
import org.fengqiao.mediation.DisputeOrigin;
import org.fengqiao.mediation.MediationLoader;
import org.fengqiao.mediation.TeamRole;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The board of hard cases in the demo district (seed 002: 疑难案事件清单认领): in the volunteer's grid of 吴场村 two
 * hazards he reported weeks ago and a neighbours' dispute still open after a fortnight; a 110 call of 陆圩 still
 * unresolved after ten days. The volunteer has claimed one hazard (due in a week); the other was claimed by him and
 * a fellow grid member, reported done and confirmed on time by the grid chief, so both have a pending
 * hard-case-on-time award, and its incident is resolved with their report (no longer open at the bureau). Loads once, additively, after the other demo loaders, under its own lock.
 */
@Component
class DemoClaims extends DemoPart {

    private static final long LOAD_LOCK = 0x46514445_434c4149L;
    private static final String BY = "demo";

    private final ClaimsLoader claims;
    private final IncidentLoader incidents;
    private final MediationLoader mediation;

    DemoClaims(ClaimsLoader claims, IncidentLoader incidents, MediationLoader mediation, FengqiaoProperties properties,
            TransactionTemplate tx, JdbcClient jdbc) {
        super(LOAD_LOCK, 4, properties, tx, jdbc);
        this.claims = claims;
        this.incidents = incidents;
        this.mediation = mediation;
    }

    @Override
    int loadOnce() {
        if (claims.anyClaims() || !incidents.anyIncidents()) {
            return 0;
        }
        return load();
    }

    @Override
    String loaded(int count) {
        return "Demo hard cases: " + count + " items on the board";
    }

    private String name(UUID staff) {
        return jdbc.sql("SELECT name FROM staff WHERE id = ?").param(staff).query(String.class).single();
    }

    int load() {
        UUID officer = login("officer");
        UUID volunteer = login("volunteer");
        if (officer == null || volunteer == null) {
            return 0;
        }
        // the volunteer's grid (he is a 网格员 of 吴场村) and a fellow member of it
        UUID grid = jdbc.sql("""
                SELECT r.grid_id FROM grid_role r JOIN grid g ON g.id = r.grid_id
                WHERE r.staff_id = ? AND r.role = 'MEMBER' AND r.ended_on IS NULL ORDER BY g.code LIMIT 1""")
                .param(volunteer).query(UUID.class).optional().orElse(null);
        UUID luwei = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'FS-2-01'").query(UUID.class)
                .optional().orElse(grid);
        if (grid == null) {
            return 0;
        }
        UUID fellow = jdbc.sql("""
                SELECT r.staff_id FROM grid_role r JOIN staff s ON s.id = r.staff_id
                WHERE r.grid_id = ? AND r.role IN ('MEMBER', 'MANAGER') AND r.ended_on IS NULL AND r.staff_id <> ?
                  AND s.active ORDER BY r.role, s.name LIMIT 1""").params(grid, volunteer).query(UUID.class)
                .optional().orElse(null);
        String volunteerName = name(volunteer);
        String officerName = name(officer);
        Instant now = Instant.now();
        LocalDate today = LocalDate.now(LocalTimes.ZONE);

        // taken up at the grid when they came, as a station's hazards are (the grid manager at the well within the
        // hour, the coordinator bringing the power supply office in), before their stories are set back: left
        // untaken, each went up the levels unanswered within hours of coming in, past the grid's station in two hours
        // to the bureau, and the timeline of a hazard the station's volunteers then claimed showed nobody at the
        // station ever taking it up. Unresolved, they go up as a station's do: a day at the central office, three at
        // the station, and then the bureau's (weeks old, as the board's age requires)
        UUID well = incidents.fileAs(field(Category.DISASTER, null, "吴场村三组废弃机井无井盖，井口仅用木板遮挡，儿童放学常经过，存在坠落隐患。",
                "吴场村三组东侧田埂", grid), volunteer, volunteerName);
        incidents.handle(well, "ARRIVED", null, BY);
        incidents.backdate(well, now.minus(Duration.ofDays(16)), 600, 3600);
        UUID wires = incidents.fileAs(field(Category.DEPARTMENT, "供电所", "吴场村二组村道旁电线杆倾斜，电线下垂离地不足两米，雨天有触电隐患，需联系供电所处理。",
                "吴场村二组村道", grid), volunteer, volunteerName);
        incidents.handle(wires, "ACKNOWLEDGED", null, BY);
        incidents.backdate(wires, now.minus(Duration.ofDays(12)), 900, 5400);
        UUID call = incidents.file(new NewIncident(Source.CALL_110, Category.COMPLAINT, null, null,
                "群众反映陆圩村养殖场夜间排污，气味刺鼻，多次协调未果。", null, null, null, "陆圩村养殖场", luwei, null, null,
                "110-DEMO-CLAIM-1", null), BY);
        // taken up before its story is set back, so that its acknowledgement moves with it (two minutes after the
        // call): taken up after, it was taken up the moment the demo loaded, ten days late, and the sweep's first run
        // then sent it up from there, leaving its grid chief an "escalated to you" dated the load, of a ten-day-old call
        incidents.handle(call, "ACKNOWLEDGED", null, BY);
        incidents.backdate(call, now.minus(Duration.ofDays(10)), 120, 1500);
        // weeks old, they went up the levels as their deadlines passed, and stand where that left them (the bureau's
        // hard cases), rather than all moving up at the sweep's first run, dated the moment the demo loaded
        for (UUID item : List.of(well, wires, call)) {
            incidents.escalateAsDue(item, now);
        }
        UUID dispute = mediation.open(DisputeOrigin.PATROL, DisputeKind.NEIGHBOURS, grid,
                "两户因宅基地滴水檐问题多次争吵，村调解两次未果。", "吴场村四组",
                List.of(new String[] {"吴志强"}, new String[] {"吴德明"}), Map.of(officer, TeamRole.OFFICER), BY);
        mediation.backdate(dispute, now.minus(Duration.ofDays(15)));

        int up = claims.refresh();
        claims.claim(wires, volunteer, volunteerName, today.plusDays(7), List.of(),
                "先联系供电所，再在电杆周围拉警示带。");
        UUID done = claims.claim(well, volunteer, volunteerName, today.plusDays(5),
                fellow == null ? List.of() : List.of(fellow), "联系村委会加装水泥井盖。");
        claims.report(done, volunteer, volunteerName, "村委会已加装水泥井盖并刷警示漆，现场拍照存档。");
        claims.confirm(done, officer, officerName);
        return up;
    }

    private static NewIncident field(Category category, String department, String description, String address,
            UUID grid) {
        return new NewIncident(Source.FIELD, category, null, department, description, null, null, null, address, grid, null,
                null, null, null);
    }
}
