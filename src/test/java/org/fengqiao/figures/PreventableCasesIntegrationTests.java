package org.fengqiao.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.figures.WorkFiguresIntegrationTests.BROWSER;
import static org.fengqiao.figures.WorkFiguresIntegrationTests.figure;
import static org.fengqiao.figures.WorkFiguresIntegrationTests.page;
import static org.fengqiao.figures.WorkFiguresIntegrationTests.rowLabelled;
import static org.fengqiao.figures.WorkFiguresIntegrationTests.rows;
import static org.fengqiao.figures.WorkFiguresIntegrationTests.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
 * The preventable cases (可防性案件) of seed 000, year over year: a workstation received five in May 2026 (入室盗窃,
 * 盗窃电动自行车, 电信网络诈骗, 扒窃, 抢劫) against six in May 2025, −16.7% as the seed reports it; a 赌博 case is not
 * preventable, a second report of the burglary merged into the first is the same case, and two cases not yet given an
 * offence are counted apart, so the chief sees what is left to classify. The page, the API and the xlsx agree in both
 * languages; the office's community officer counts his own office's cases, not the neighbouring office's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreventableCasesIntegrationTests extends IntegrationTest {

    static final LocalDate MAY = LocalDate.of(2026, 5, 1);
    static final LocalDate MAY_BEFORE = LocalDate.of(2025, 5, 1);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;

    String n;
    Unit office;
    Unit neighbour;
    Grid grid;
    Grid neighbourGrid;
    Staff officer;

    @BeforeAll
    void casesOfTheMonthAndOfTheYearBefore() {
        n = String.valueOf(100000 + new Random().nextInt(899999));
        Unit station = jurisdictions.unitByCode("320722010000").orElseThrow();
        office = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "PRV-" + n, "可防工作站" + n, null);
        neighbour = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "PRVN-" + n, "可防邻站" + n, null);
        grid = SatisfactionPageIntegrationTests.testGrid(jurisdictions, office, "IT-PRV-" + n, "可防", 114);
        neighbourGrid = SatisfactionPageIntegrationTests.testGrid(jurisdictions, neighbour, "IT-PRVN-" + n, "可防邻", 116);
        officer = staff.register(office.id(), StaffRole.COMMUNITY_OFFICER, "可防民警" + n, null, null, "社区民警",
                "prvofficer" + n, DEMO_PASSWORD);

        UUID burglary = incident(grid, "CASE", "BURGLARY", MAY.plusDays(1), null);
        for (String offence : List.of("NON_MOTOR_VEHICLE_THEFT", "TELECOM_FRAUD", "PICKPOCKETING", "ROBBERY")) {
            incident(grid, "CASE", offence, MAY.plusDays(3), null);
        }
        incident(grid, "CASE", "GAMBLING", MAY.plusDays(4), null);
        incident(grid, "CASE", "BURGLARY", MAY.plusDays(1), burglary); // the same burglary reported again, merged
        incident(grid, "CASE", null, MAY.plusDays(5), null);
        incident(grid, "CASE", null, MAY.plusDays(6), null);
        incident(grid, "HELP", null, MAY.plusDays(6), null);
        for (String offence : List.of("BURGLARY", "BURGLARY", "NON_MOTOR_VEHICLE_THEFT", "NON_MOTOR_VEHICLE_THEFT",
                "THEFT_FROM_VEHICLE", "TELECOM_FRAUD")) {
            incident(grid, "CASE", offence, MAY_BEFORE.plusDays(2), null);
        }
        incident(grid, "CASE", "INTENTIONAL_INJURY", MAY_BEFORE.plusDays(2), null);
        for (int i = 0; i < 3; i++) {
            incident(neighbourGrid, "CASE", "SNATCHING", MAY.plusDays(2), null);
        }
    }

    @Test
    void theChiefReadsThePreventableCasesBesideTheYearBeforeAndTheCasesLeftToClassify() {
        Map<String, Map<String, String>> rows = rows(page(signedIn("chief", null),
                "/figures?month=2026-05&unit=" + office.id().value()));
        assertThat(rows.get("preventableCases")).containsEntry("labelText", "可防性案件").containsEntry("value", "5")
                .containsEntry("before", "6").containsEntry("change", "-16.7").containsEntry("changeText", "−16.7%");
        assertThat(rows.get("casesUnclassified")).containsEntry("labelText", "未认定案由的案事件")
                .containsEntry("value", "2").containsEntry("before", "0").containsEntry("changeText", "—");
        assertThat(rows.get("category.CASE")).as("every case report received, the merged one too")
                .containsEntry("value", "9").containsEntry("before", "7");

        Map<String, Map<String, String>> en = rows(page(signedIn("chief", "en"),
                "/figures?month=2026-05&unit=" + office.id().value()));
        assertThat(en.get("preventableCases")).containsEntry("labelText", "Preventable cases")
                .containsEntry("changeText", "−16.7%");
        assertThat(en.get("casesUnclassified")).containsEntry("labelText", "Cases without an offence yet");
    }

    @Test
    void theOfficeOfficerCountsHisOwnCasesAndNotTheNeighbours() {
        Map<String, Map<String, String>> mine = rows(page(signedIn("prvofficer" + n, null), "/figures?month=2026-05"));
        assertThat(mine.get("preventableCases")).as("his 5, not the neighbouring office's 3 snatchings")
                .containsEntry("value", "5").containsEntry("before", "6");
        Map<String, Map<String, String>> station = rows(page(signedIn("chief", null),
                "/figures?month=2026-05&unit=" + neighbour.id().value()));
        assertThat(station.get("preventableCases")).containsEntry("value", "3").containsEntry("before", "0");
        assertThat(signedIn("prvofficer" + n, null).get("/figures?month=2026-05&unit=" + neighbour.id().value(), null,
                "Accept", BROWSER).statusCode()).isEqualTo(404);
    }

    @Test
    void theApiAndTheXlsxAnswerTheSameNumbers() throws IOException {
        ApiClient api = new ApiClient(port);
        String token = api.token("chief", DEMO_PASSWORD);
        HttpResponse<String> r = api.get("/api/v1/figures?month=2026-05&unitId=" + office.id().value(), token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = ApiClient.json(r);
        JsonNode preventable = figure(body, "incidents", "preventableCases");
        assertThat(preventable.get("value").asLong()).isEqualTo(5);
        assertThat(preventable.get("yearBefore").asLong()).isEqualTo(6);
        assertThat(preventable.get("changePercent").asDouble()).isEqualTo(-16.7);
        assertThat(figure(body, "incidents", "casesUnclassified").get("value").asLong()).isEqualTo(2);

        for (String language : new String[] {"zh-CN", "en"}) {
            HttpResponse<byte[]> x = signedIn("chief", language)
                    .download("/figures/export.xlsx?month=2026-05&unit=" + office.id().value(), null);
            assertThat(x.statusCode()).isEqualTo(200);
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(x.body()))) {
                Sheet sheet = book.getSheetAt(0);
                Row row = rowLabelled(sheet, language.equals("en") ? "Preventable cases" : "可防性案件");
                assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(5);
                assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(6);
                assertThat(text(row.getCell(3))).isEqualTo("−16.7%");
            }
        }
    }

    // ------------------------------------------------------------------ fixtures

    OffsetDateTime at(LocalDate day) {
        return day.atTime(10, 0).atZone(PeriodFigures.ZONE).toOffsetDateTime();
    }

    UUID incident(Grid where, String category, String offence, LocalDate day, UUID mergedInto) {
        UUID id = UUID.randomUUID();
        UUID unit = where == grid ? office.id().value() : neighbour.id().value();
        jdbc.sql("""
                INSERT INTO incident (id, tracking_code, source, category, subtype, offence, description, occurred_at,
                    grid_id, status, owner_unit_id, owner_staff_id, owner_since, routing_rule, routing_reason, received_at,
                    submitter, merged_into, merged_at)
                VALUES (:id, :code, 'CALL_110', :category, :subtype, :offence, '可防测试', :at, :grid, :status, :unit,
                    :staff, :at, 'test', 'test', :at, 'test', :merged, :mergedAt)""")
                .param("id", id).param("code", "PRV" + id.toString().substring(0, 13)).param("category", category)
                .param("subtype", category.equals("CASE") ? "CRIMINAL" : null).param("offence", offence)
                .param("at", at(day)).param("grid", where.id().value())
                .param("status", mergedInto == null ? "RECEIVED" : "MERGED").param("unit", unit)
                .param("staff", officer.id().value()).param("merged", mergedInto)
                .param("mergedAt", mergedInto == null ? null : at(day))
                .update();
        return id;
    }

    ApiClient signedIn(String username, String language) {
        return new ApiClient(port).signedIn(username, DEMO_PASSWORD, language);
    }
}
