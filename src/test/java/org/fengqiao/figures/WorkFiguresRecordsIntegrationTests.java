package org.fengqiao.figures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.incident.SatisfactionPageIntegrationTests;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The work figures as the records of a workstation of its own hold them in April 2026, read through the API by the
 * station chief: what happened in a month stays counted after the people concerned change; a household in difficulty
 * is one the floor plan marks so, whichever way the officer marked it; a case solved with an informant's clue
 * (依线索破获案件) is one whose clue giver's award (同功同奖) the points ledger still holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkFiguresRecordsIntegrationTests extends IntegrationTest {

    static final LocalDate APRIL = LocalDate.of(2026, 4, 1);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;

    Unit office;
    Grid grid;
    Staff officer;

    @BeforeAll
    void anOfficeOfItsOwn() {
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Unit station = jurisdictions.unitByCode("320722010000").orElseThrow();
        office = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "FIGP-" + n, "人口统计工作站" + n, null);
        grid = SatisfactionPageIntegrationTests.testGrid(jurisdictions, office, "IT-FIGP-" + n, "人口统计", 114);
        officer = staff.register(office.id(), StaffRole.COMMUNITY_OFFICER, "人口统计民警" + n, null, null, "社区民警",
                "figpofficer" + n, DEMO_PASSWORD);
    }

    @Test
    void aFloatingResidentRegisteredInAMonthStaysCountedInItAfterHeHasLeft() {
        person(null, "FLOATING", APRIL.plusDays(2), null);
        person(null, "LEFT", APRIL.plusDays(4), APRIL.plusDays(20)); // registered in April, gone by the 21st
        person(null, "LEFT", null, APRIL.plusDays(9)); // a permanent resident who moved away: never registered
        person(null, "FLOATING", APRIL.minusDays(1), null); // registered in March

        JsonNode april = april();
        assertThat(figure(april, "floatingRegistered").get("value").asLong())
                .as("both floating residents registered in April, the one who has left as well").isEqualTo(2);
    }

    @Test
    void aHouseholdInDifficultyVisitedIsHelpedOnceWhetherTheHouseholdOrAMemberIsMarked() {
        UUID marked = household(true);
        visit(marked, APRIL.plusDays(3));
        visit(marked, APRIL.plusDays(12)); // the same household helped again: still one household
        UUID memberMarked = household(false);
        category(person(memberMarked, "PERMANENT", null, null), "IN_DIFFICULTY");
        visit(memberMarked, APRIL.plusDays(5));
        UUID memberGone = household(false);
        category(person(memberGone, "LEFT", null, APRIL.minusDays(30)), "IN_DIFFICULTY");
        visit(memberGone, APRIL.plusDays(6)); // its member in difficulty has left: the plan no longer marks it
        visit(household(false), APRIL.plusDays(7));

        JsonNode april = april();
        assertThat(figure(april, "visits").get("value").asLong()).isEqualTo(5);
        assertThat(figure(april, "householdsInDifficultyVisited").get("value").asLong())
                .as("the marked household once, and the one whose head is marked in difficulty").isEqualTo(2);
    }

    @Test
    void aClueGiversAwardReversedInTheLedgerNoLongerCountsACaseSolvedByTheClue() {
        award(APRIL.plusDays(3), false);
        award(APRIL.plusDays(8), true); // approved, then reversed as given in error
        award(APRIL.minusDays(2), false); // approved in March

        JsonNode april = april();
        assertThat(WorkFiguresIntegrationTests.figure(april, "clues", "casesSolvedByClues").get("value").asLong())
                .as("the one award the ledger still holds").isEqualTo(1);
    }

    // ------------------------------------------------------------------ fixtures and reading

    JsonNode april() {
        ApiClient api = new ApiClient(port);
        HttpResponse<String> r = api.get("/api/v1/figures?month=2026-04&unitId=" + office.id().value(),
                api.token("chief", DEMO_PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ApiClient.json(r);
    }

    static JsonNode figure(JsonNode body, String key) {
        return WorkFiguresIntegrationTests.figure(body, "population", key);
    }

    OffsetDateTime at(LocalDate day) {
        return day.atTime(10, 0).atZone(PeriodFigures.ZONE).toOffsetDateTime();
    }

    UUID household(boolean inDifficulty) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO household (id, grid_id, in_difficulty, created_at) VALUES (?, ?, ?, ?)")
                .params(id, grid.id().value(), inDifficulty, at(APRIL.minusYears(2))).update();
        return id;
    }

    UUID person(UUID household, String residence, LocalDate registered, LocalDate left) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO person (id, grid_id, household_id, name, name_initials, name_pinyin, residence,
                    registered_on, left_on, content_hash, created_at)
                VALUES (?, ?, ?, '统计人', 'tjr', 'tongjiren', ?, ?, ?, ?, ?)""")
                .params(id, grid.id().value(), household, residence, registered, left, id.toString(),
                        at(APRIL.minusYears(2)))
                .update();
        return id;
    }

    void category(UUID person, String category) {
        jdbc.sql("INSERT INTO person_category (person_id, category, since) VALUES (?, ?, ?)")
                .params(person, category, APRIL.minusYears(1)).update();
    }

    void visit(UUID household, LocalDate day) {
        jdbc.sql("INSERT INTO visit (id, grid_id, household_id, visited_by, visited_at) VALUES (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), grid.id().value(), household, officer.id().value(), at(day)).update();
    }

    /** A clue giver's award approved on the day, with its ledger entry, and reversed the next day or not. */
    void award(LocalDate approved, boolean reversed) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO points_award (id, holder_id, grid_id, rule, points, source_type, source_id, status,
                    proposed_at, decided_at)
                VALUES (?, ?, ?, 'verified-clue', 10, 'clue', ?, 'APPROVED', ?, ?)""")
                .params(id, officer.id().value(), grid.id().value(), UUID.randomUUID().toString(),
                        at(approved.minusDays(1)), at(approved)).update();
        long entry = jdbc.sql("""
                INSERT INTO points_entry (holder_id, kind, points, balance_after, rule, source_type, source_id,
                    grid_id, award_id, at)
                VALUES (?, 'AWARD', 10, 10, 'verified-clue', 'clue', ?, ?, ?, ?) RETURNING id""")
                .params(officer.id().value(), id.toString(), grid.id().value(), id, at(approved))
                .query(Long.class).single();
        if (reversed) {
            jdbc.sql("""
                    INSERT INTO points_entry (holder_id, kind, points, balance_after, rule, source_type, source_id,
                        grid_id, reverses_id, note, at)
                    VALUES (?, 'REVERSAL', -10, 0, 'verified-clue', 'clue', ?, ?, ?, '误发', ?)""")
                    .params(officer.id().value(), id.toString(), grid.id().value(), entry, at(approved.plusDays(1)))
                    .update();
        }
    }
}
