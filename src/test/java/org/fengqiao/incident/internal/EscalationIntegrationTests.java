package org.fengqiao.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.NewIncident;
import org.fengqiao.incident.Source;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.Conflict;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seed 004's four levels driven by a clock: a workstation under a central office under a station under
 * the demo bureau, built for the test, and two items that go all the way up, one unanswered and one
 * unresolved. After every step every open item of the grid has one owning unit and a named person.
 */
class EscalationIntegrationTests extends IntegrationTest {

    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    IncidentDesk desk;
    @Autowired
    Incidents incidents;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    ResponseTimes responseTimes;

    Unit station;
    Unit office;
    Unit workstation;
    Grid grid;
    Staff manager;
    Staff officer;
    Staff chief;


    @BeforeEach
    void fourLevels() {
        Unit bureau = jurisdictions.unitByCode("320722000000").orElseThrow();
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        station = jurisdictions.createUnit(bureau.id(), UnitKind.STATION, "T-ST-" + n, "测试派出所" + n, "320722");
        office = jurisdictions.createUnit(station.id(), UnitKind.CENTRAL_OFFICE, "T-CO-" + n, "测试中心警务室" + n, "320722");
        workstation = jurisdictions.createUnit(office.id(), UnitKind.WORKSTATION, "T-WS-" + n, "测试警务工作站" + n, "320722");
        chief = staff.register(station.id(), StaffRole.STATION_CHIEF, "测所长" + n, null, null, "所长", null, null);
        officer = staff.register(office.id(), StaffRole.COMMUNITY_OFFICER, "测民警" + n, null, null, "社区民警", null, null);
        manager = staff.register(workstation.id(), StaffRole.AUXILIARY_POLICE, "测辅警" + n, null, null, "网格管理员", null, null);
        Community village = jurisdictions.createCommunity(workstation.id(), CommunityKind.VILLAGE, "T-V-" + n, "测试村" + n,
                "320722999" + n.substring(0, 3), null, null);
        double lon = 95 + new Random().nextInt(400) / 100.0;
        double lat = 40 + new Random().nextInt(400) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}".formatted(
                lon, lat, lon + 0.005, lat, lon + 0.005, lat + 0.005, lon, lat + 0.005, lon, lat);
        grid = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "T-G-" + n, "测试网格" + n, square, null, null, null);
        staff.assignGridRole(grid.id(), manager.id(), GridRole.MANAGER, LocalDate.of(2024, 1, 1), null);
        staff.assignGridRole(grid.id(), officer.id(), GridRole.GRID_CHIEF, LocalDate.of(2024, 1, 1), null);
    }

    UUID file(String description) {
        return desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, description, null, null, null, "测试地址",
                grid.id().value(), null, null, null, null), Submitter.system("test")).incident().id();
    }

    record Owner(UUID unit, UUID staff) {
    }

    Owner owner(UUID id) {
        Incidents.Incident i = incidents.find(id).orElseThrow();
        return new Owner(i.ownerUnitId(), i.ownerStaffId());
    }

    /** Every open item of the grid has one owning unit and one named, active person. */
    void invariantHolds() {
        long broken = jdbc.sql("""
                SELECT count(*) FROM incident i WHERE i.grid_id = ? AND i.answered_at IS NULL
                  AND (i.owner_unit_id IS NULL OR i.owner_staff_id IS NULL
                       OR NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = i.owner_staff_id AND s.active)
                       OR NOT EXISTS (SELECT 1 FROM unit u WHERE u.id = i.owner_unit_id))""")
                .param(grid.id().value()).query(Long.class).single();
        long open = jdbc.sql("SELECT count(*) FROM incident WHERE grid_id = ? AND answered_at IS NULL")
                .param(grid.id().value()).query(Long.class).single();
        assertThat(open).isEqualTo(2);
        assertThat(broken).isZero();
    }

    @Test
    void unansweredAndUnresolvedItemsClimbTheFourLevelsToTheBureauOnTheirOwn() {
        Instant t0 = Instant.now();
        MovableClock clock = new MovableClock(t0, ZoneOffset.UTC);
        EscalationSweep sweep = new EscalationSweep(incidents, desk, clock);
        UUID unanswered = file("未受理-" + UUID.randomUUID());
        UUID unresolved = file("未办结-" + UUID.randomUUID());
        desk.acknowledge(unresolved, Submitter.system("test"));
        Owner start = new Owner(workstation.id().value(), manager.id().value());
        Unit bureau = jurisdictions.unitByCode("320722000000").orElseThrow();
        UUID bureauChief = jdbc.sql("SELECT id FROM staff WHERE username = 'bureau'").query(UUID.class).single();
        invariantHolds();
        assertThat(owner(unanswered)).isEqualTo(start);

        clock.advance(Duration.ofMinutes(9));
        assertThat(sweep.sweep(grid.id().value())).as("nothing due before the workstation's 10 minutes").isZero();
        invariantHolds();

        clock.advance(Duration.ofMinutes(2));
        assertThat(sweep.sweep(grid.id().value())).isEqualTo(1);
        invariantHolds();
        assertThat(owner(unanswered)).isEqualTo(new Owner(office.id().value(), officer.id().value()));
        assertThat(owner(unresolved)).isEqualTo(start);

        clock.advance(Duration.ofMinutes(31));
        assertThat(sweep.sweep(grid.id().value())).isEqualTo(1);
        invariantHolds();
        assertThat(owner(unanswered)).isEqualTo(new Owner(station.id().value(), chief.id().value()));

        clock.advance(Duration.ofHours(2).plusMinutes(1));
        assertThat(sweep.sweep(grid.id().value())).isEqualTo(1);
        invariantHolds();
        assertThat(owner(unanswered)).isEqualTo(new Owner(bureau.id().value(), bureauChief));
        assertThat(incidents.find(unanswered).orElseThrow().nextEscalationAt()).as("nowhere further up").isNull();
        assertThat(incidents.find(unanswered).orElseThrow().escalations()).isEqualTo(3);

        // the acknowledged one had the workstation's four hours to resolve it
        clock.advance(Duration.ofMinutes(80));
        assertThat(sweep.sweep(grid.id().value())).isEqualTo(1);
        invariantHolds();
        assertThat(owner(unresolved)).isEqualTo(new Owner(office.id().value(), officer.id().value()));

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        assertThat(sweep.sweep(grid.id().value())).isEqualTo(1);
        invariantHolds();
        assertThat(owner(unresolved)).isEqualTo(new Owner(station.id().value(), chief.id().value()));

        clock.advance(Duration.ofHours(72).plusMinutes(1));
        assertThat(sweep.sweep(grid.id().value())).isEqualTo(1);
        invariantHolds();
        assertThat(owner(unresolved)).isEqualTo(new Owner(bureau.id().value(), bureauChief));

        clock.advance(Duration.ofDays(30));
        assertThat(sweep.sweep(grid.id().value())).as("the bureau is the top").isZero();
        invariantHolds();
        assertThat(owner(unanswered)).isEqualTo(new Owner(bureau.id().value(), bureauChief));
        assertThatThrownBy(() -> desk.escalate(unanswered, "再上报", Submitter.system("test"))).isInstanceOf(Conflict.class);

        List<String> reasons = incidents.timeline(unanswered).stream().filter(e -> e.kind().equals("ESCALATED"))
                .map(Incidents.Event::reason).toList();
        assertThat(reasons).containsOnly("incident.escalation.unanswered").hasSize(3);
        List<String> names = incidents.timeline(unresolved).stream().filter(e -> e.kind().equals("ESCALATED"))
                .map(Incidents.Event::ownerUnitName).toList();
        assertThat(names).containsExactly(office.name(), station.name(), bureau.name());
        assertThat(incidents.timeline(unresolved).stream().filter(e -> e.kind().equals("ESCALATED"))
                .map(Incidents.Event::reason)).containsOnly("incident.escalation.unresolved");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'incident' AND record_id = ? AND actor = ?")
                .params(unresolved.toString(), "incident-escalation-sweep").query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void aResolvedItemWhoseReporterIsNotAnsweredMovesUpToo() {
        Instant t0 = Instant.now();
        MovableClock clock = new MovableClock(t0, ZoneOffset.UTC);
        EscalationSweep sweep = new EscalationSweep(incidents, desk, clock);
        UUID a = file("已处置未回复-" + UUID.randomUUID());
        UUID b = file("已回复-" + UUID.randomUUID());
        Submitter test = Submitter.system("test");
        for (UUID id : List.of(a, b)) {
            desk.acknowledge(id, test);
            desk.arrive(id, IncidentDesk.Arrival.MANAGER, test);
            desk.resolve(id, "处置完毕", test);
        }
        desk.answer(b, "已告知", test);
        clock.advance(Duration.ofMinutes(11));
        assertThat(sweep.sweep(grid.id().value())).isEqualTo(1);
        assertThat(owner(a)).isEqualTo(new Owner(office.id().value(), officer.id().value()));
        assertThat(incidents.timeline(a).get(incidents.timeline(a).size() - 1).reason())
                .isEqualTo("incident.escalation.reporterUnanswered");
        assertThat(incidents.find(b).orElseThrow().nextEscalationAt()).isNull();
    }

    /**
     * The grid manager's own report of a help call in his grid is routed back to him: filing it was his receipt and
     * acknowledgement (he is there), so the sweep does not take it from him as unanswered after the workstation's 10
     * minutes, while a report of the same grid filed by someone else and not taken up still climbs. His own report
     * keeps the deadline to resolve it (4 hours) and climbs as unresolved after it. The acknowledgement recorded at the
     * filing is no response to anyone and is not counted in the 1-3-5 figures (a 0-second acknowledgement would
     * flatter them); the item itself counts in its grid.
     */
    @Test
    void aReportRoutedBackToItsFilerIsHisAcknowledgedItemAndIsNotEscalatedAsUnanswered() {
        Instant t0 = Instant.now();
        MovableClock clock = new MovableClock(t0, ZoneOffset.UTC);
        EscalationSweep sweep = new EscalationSweep(incidents, desk, clock);
        Submitter himself = new Submitter("staff:" + manager.id().value(), manager.id().value(), manager.name(),
                List.of(workstation.path()));
        UUID own = desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, "自报求助-" + UUID.randomUUID(),
                null, null, null, "测试地址", grid.id().value(), null, null, null, null), himself).incident().id();
        UUID others = file("他人报告-" + UUID.randomUUID());
        Owner start = new Owner(workstation.id().value(), manager.id().value());
        Incidents.Incident filed = incidents.find(own).orElseThrow();
        assertThat(owner(own)).isEqualTo(start);
        assertThat(filed.status()).isEqualTo(Incidents.Status.ACKNOWLEDGED);
        assertThat(filed.acknowledgedAt()).isEqualTo(filed.receivedAt());
        assertThat(jdbc.sql("SELECT acknowledged_by FROM incident WHERE id = ?").param(own).query(UUID.class).single())
                .isEqualTo(manager.id().value());
        assertThat(incidents.timeline(own)).extracting(Incidents.Event::kind)
                .containsExactly("RECEIVED", "ROUTED", "ACKNOWLEDGED");
        assertThatThrownBy(() -> desk.acknowledge(own, himself)).isInstanceOf(Conflict.class);

        clock.advance(Duration.ofMinutes(11));
        assertThat(sweep.sweep(grid.id().value())).as("only the report of someone else, unanswered").isEqualTo(1);
        assertThat(owner(own)).isEqualTo(start);
        assertThat(owner(others)).isEqualTo(new Owner(office.id().value(), officer.id().value()));
        assertThat(incidents.timeline(others).get(incidents.timeline(others).size() - 1).reason())
                .isEqualTo("incident.escalation.unanswered");

        clock.advance(Duration.ofHours(4));
        sweep.sweep(grid.id().value());
        assertThat(owner(own)).as("unresolved after the workstation's 4 hours").isEqualTo(
                new Owner(office.id().value(), officer.id().value()));
        assertThat(incidents.timeline(own).get(incidents.timeline(own).size() - 1).reason())
                .isEqualTo("incident.escalation.unresolved");

        org.fengqiao.platform.Caller chiefReads = new org.fengqiao.platform.Caller(chief.id().value(), "chief",
                chief.name(), "STATION_CHIEF", List.of(station.path()), java.util.Set.of());
        ResponseTimes.Report figures = responseTimes.of(chiefReads, null,
                t0.minus(Duration.ofMinutes(1)).atOffset(ZoneOffset.UTC),
                t0.plus(Duration.ofMinutes(1)).atOffset(ZoneOffset.UTC), t0.plus(Duration.ofHours(5)));
        ResponseTimes.Row row = figures.grids().stream().filter(r -> r.id().equals(grid.id().value())).findFirst()
                .orElseThrow();
        assertThat(row.incidents()).isEqualTo(2);
        assertThat(row.acknowledge().count()).as("the filing's acknowledgement is no response").isZero();
    }

    @Test
    void theSweepReadsOnlyTheItemsDueThroughItsPartialIndex() {
        String plan = tx.execute(status -> {
            jdbc.sql("SET LOCAL enable_seqscan = off").update();
            return String.join("\n", jdbc.sql("EXPLAIN " + Incidents.DUE).param("now", java.time.OffsetDateTime.now())
                    .param("limit", 200).query(String.class).list());
        });
        assertThat(plan).contains("incident_escalation_due");
    }

    @Test
    void theSweepIsScheduledUnderShedLock() throws NoSuchMethodException {
        var run = EscalationSweep.class.getMethod("run");
        assertThat(run.getAnnotation(Scheduled.class)).isNotNull();
        assertThat(run.getAnnotation(SchedulerLock.class).name()).isEqualTo("incident-escalation-sweep");
    }

    @Test
    void aGridWithoutRosterIsOwnedByTheStationsDutyPerson() {
        Community village = jurisdictions.createCommunity(workstation.id(), CommunityKind.VILLAGE,
                "T-V2-" + grid.code(), "无人网格村", null, null, null);
        double lon = 80 + new Random().nextInt(400) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,30],[%s,30],[%s,30.005],[%s,30.005],[%s,30]]]}"
                .formatted(lon, lon + 0.005, lon + 0.005, lon, lon);
        Grid empty = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "T-E-" + grid.code(), "无人网格", square,
                null, null, null);
        Incidents.Incident i = desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, "无人网格求助", null, null,
                null, null, empty.id().value(), null, null, null, null), Submitter.system("test")).incident();
        assertThat(new Owner(i.ownerUnitId(), i.ownerStaffId())).isEqualTo(new Owner(station.id().value(), chief.id().value()));
        assertThat(i.routingFallback()).isEqualTo("incident.routing.fallback.noManagerNorChief");
    }

    /**
     * With 20,000 open items not yet due beside 7 due, the sweep's index scan hands back the due ones
     * only: its cost follows the items due, not the items open. Run in a transaction rolled back at the end.
     */
    @Test
    void theSweepReadsTheDueItemsOnlyBesideTwentyThousandOpenOnes() throws Exception {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
        // one snapshot for the count and the plan: the application's own sweep (or another test) may escalate or
        // answer a due report between two statements, and the count would then not be what the scan sees
        TransactionTemplate snapshot = new TransactionTemplate(tx.getTransactionManager());
        snapshot.setIsolationLevel(org.springframework.transaction.TransactionDefinition.ISOLATION_REPEATABLE_READ);
        String plan = snapshot.execute(status -> {
            status.setRollbackOnly();
            long dueBefore = jdbc.sql("SELECT count(*) FROM incident WHERE answered_at IS NULL AND next_escalation_at <= ?")
                    .param(now).query(Long.class).single();
            for (String[] batch : new String[][] {{"20000", "1 day"}, {"7", "-1 minute"}}) {
                jdbc.sql("""
                        INSERT INTO incident (id, tracking_code, source, category, description, occurred_at, grid_id, status,
                            owner_unit_id, owner_staff_id, owner_since, routing_rule, routing_reason, received_at, due_at,
                            next_escalation_at, submitter)
                        SELECT gen_random_uuid(), 'LOAD' || md5(random()::text), 'FIELD', 'HELP', 'x', :now, :grid,
                            'RECEIVED', :unit, :staff, :now, 'HELP_OR_DISPUTE', 'r', :now,
                            :now + CAST(:offset AS interval), :now + CAST(:offset AS interval), 'load'
                        FROM generate_series(1, :n)""")
                        .param("now", now).param("grid", grid.id().value()).param("unit", workstation.id().value())
                        .param("staff", manager.id().value()).param("offset", batch[1])
                        .param("n", Integer.parseInt(batch[0])).update();
            }
            jdbc.sql("ANALYZE incident").update();
            String json = String.join("", jdbc.sql("EXPLAIN (ANALYZE, FORMAT JSON) " + Incidents.DUE).param("now", now)
                    .param("limit", 200).query(String.class).list());
            return dueBefore + "|" + json;
        });
        long expected = Long.parseLong(plan.substring(0, plan.indexOf('|'))) + 7;
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(plan.substring(plan.indexOf('|') + 1)).get(0).get("Plan");
        com.fasterxml.jackson.databind.JsonNode scan = root.findParents("Index Name").stream()
                .filter(n -> n.get("Index Name").asText().equals("incident_escalation_due")).findFirst().orElseThrow();
        assertThat(scan.get("Actual Rows").asLong()).isEqualTo(expected);
    }
}
