package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A 110 dispute merged into another report as its duplicate ends its mediation case in the same step: the case reads
 * "已并入重复报告" with a note naming the primary report (in the reader's language: the system wrote it), is audited and leaves the open list, takes no more work, and
 * is counted neither settled nor failed on the ladder; the primary's case goes on. A case already ended keeps its end.
 * Each incident page links to its case.
 */
class MergedDisputeIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;

    ApiClient api;
    String chief;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        chief = api.token("chief", DEMO_PASSWORD);
    }

    /** A central office of its own under 房山派出所 with one grid, so the ladder's row for it is this test's alone. */
    record Office(Unit unit, Grid grid) {
    }

    Office office() {
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Unit station = jurisdictions.unitByCode("320722010000").orElseThrow();
        Unit office = jurisdictions.createUnit(station.id(), UnitKind.CENTRAL_OFFICE, "IT-MD-CO-" + n, "并案警务室" + n,
                "320722");
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, "IT-MD-V-" + n, "并案村" + n,
                null, null, null);
        double lon = 100 + new Random().nextInt(800) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,30],[%s,30],[%s,30.004],[%s,30.004],[%s,30]]]}"
                .formatted(lon, lon + 0.004, lon + 0.004, lon, lon);
        Grid grid = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-MD-G-" + n, "并案网格" + n, square, null,
                null, null);
        return new Office(office, grid);
    }

    /** A dispute pushed by 110; answers the incident as filed. */
    JsonNode push(Grid grid, String description) {
        Map<String, Object> push = new HashMap<>();
        push.put("caseNumber", "110-MERGE-" + UUID.randomUUID());
        push.put("category", "DISPUTE");
        push.put("description", description);
        push.put("gridId", grid.id().value());
        push.put("address", "并案村三组");
        HttpResponse<String> r = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiClient.json(r).get("incident");
    }

    Map<String, Object> caseOf(String incidentId) {
        return jdbc.sql("""
                SELECT id, code, status, ended_at, ended_by, outcome_note, duplicate_of FROM dispute_case
                WHERE incident_id = ?""")
                .param(UUID.fromString(incidentId)).query().singleRow();
    }

    HttpResponse<String> merge(String duplicate, String primary) {
        return api.send("POST", "/api/v1/incidents/" + duplicate + "/merge", chief,
                Map.of("primaryId", primary, "reason", "同一起纠纷"));
    }

    @Test
    void theMergedDisputesCaseEndsAsADuplicateNamingThePrimaryAndThePrimarysCaseGoesOn() {
        Office o = office();
        JsonNode primary = push(o.grid(), "110推送：两户因排水沟争吵");
        JsonNode duplicate = push(o.grid(), "110推送：排水沟纠纷，邻居再次报警");
        String primaryCode = primary.get("trackingCode").asText();
        Map<String, Object> before = caseOf(duplicate.get("id").asText());
        assertThat(before.get("status")).isEqualTo("OPEN");
        UUID caseId = (UUID) before.get("id");

        HttpResponse<String> merged = merge(duplicate.get("id").asText(), primary.get("id").asText());
        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);

        Map<String, Object> after = caseOf(duplicate.get("id").asText());
        assertThat(after.get("status")).isEqualTo("DUPLICATE");
        assertThat(after.get("ended_at")).isNotNull();
        assertThat(after.get("ended_by")).isEqualTo(
                jdbc.sql("SELECT id FROM staff WHERE username = 'chief'").query(UUID.class).single());
        assertThat(after.get("duplicate_of")).isEqualTo(primaryCode);
        assertThat(after.get("outcome_note")).as("nobody wrote a note: the system's is said at reading").isNull();
        assertThat(caseOf(primary.get("id").asText()).get("status")).as("the primary's case goes on").isEqualTo("OPEN");

        Map<String, Object> audit = jdbc.sql("""
                SELECT actor, before->>'status' AS before, after->>'status' AS after FROM audit_entry
                WHERE record_type = 'dispute' AND record_id = ? AND action = 'UPDATE' ORDER BY seq DESC LIMIT 1""")
                .param(caseId.toString()).query().singleRow();
        assertThat(audit).containsEntry("before", "OPEN").containsEntry("after", "DUPLICATE").containsEntry("actor", "chief");

        // mediators see it ended, in their language, and can do no more on it
        String base = "/api/v1/mediation/cases/" + caseId;
        JsonNode shown = ApiClient.json(api.get(base, chief)).get("dispute");
        assertThat(shown.get("status").asText()).isEqualTo("DUPLICATE");
        assertThat(shown.get("duplicateOf").asText()).isEqualTo(primaryCode);
        assertThat(api.send("PUT", base + "/kind", chief, Map.of("kind", "NEIGHBOURS")).statusCode()).isEqualTo(409);
        List<String> open = ApiClient.json(api.get("/api/v1/mediation/cases?status=OPEN&size=100", chief)).get("items")
                .findValuesAsText("id");
        assertThat(open).doesNotContain(caseId.toString());

        ApiClient page = new ApiClient(port);
        page.formLogin("chief", DEMO_PASSWORD);
        assertThat(page.get("/mediation/" + caseId, null).body()).contains("已并入重复报告", "已作为重复报告并入 " + primaryCode);
        assertThat(page.get("/mediation/" + caseId + "?lang=en", null).body())
                .contains("Closed: report merged as a duplicate", "Merged as a duplicate report into " + primaryCode)
                .doesNotContain("已作为重复报告并入");

        // the ladder counts what was mediated to an end; a duplicate was not
        JsonNode ladder = ApiClient.json(api.get("/api/v1/mediation/ladder?by=CENTRAL_OFFICE", chief));
        assertThat(ladder.get("rows").findValuesAsText("unitCode")).doesNotContain(o.unit().code());
    }

    /** Cases ended as duplicates before the note was said at reading carry it in Chinese; they read the same. */
    @Test
    void aCaseEndedAsADuplicateBeforeReadsInTheReadersLanguageToo() {
        Office o = office();
        JsonNode primary = push(o.grid(), "110推送：旧案并入-主");
        JsonNode duplicate = push(o.grid(), "110推送：旧案并入-重复");
        merge(duplicate.get("id").asText(), primary.get("id").asText());
        String primaryCode = primary.get("trackingCode").asText();
        UUID caseId = (UUID) caseOf(duplicate.get("id").asText()).get("id");
        jdbc.sql("UPDATE dispute_case SET outcome_note = ?, duplicate_of = NULL WHERE id = ?")
                .params("已作为重复报告并入 " + primaryCode, caseId).update();

        ApiClient page = new ApiClient(port);
        page.formLogin("chief", DEMO_PASSWORD);
        assertThat(page.get("/mediation/" + caseId + "?lang=en", null).body())
                .contains("Merged as a duplicate report into " + primaryCode).doesNotContain("已作为重复报告并入");
        assertThat(page.get("/mediation/" + caseId + "?lang=zh-CN", null).body())
                .contains("已作为重复报告并入 " + primaryCode);
        JsonNode shown = ApiClient.json(api.get("/api/v1/mediation/cases/" + caseId, chief)).get("dispute");
        assertThat(shown.get("duplicateOf").asText()).isEqualTo(primaryCode);
        assertThat(shown.hasNonNull("outcomeNote")).as("nobody wrote a note").isFalse();
    }

    @Test
    void aCaseAlreadyEndedKeepsItsEndWhenItsReportIsMerged() {
        Office o = office();
        JsonNode primary = push(o.grid(), "110推送：宅基地界址争执");
        JsonNode duplicate = push(o.grid(), "110推送：宅基地纠纷再次报警");
        UUID caseId = (UUID) caseOf(duplicate.get("id").asText()).get("id");
        HttpResponse<String> ended = api.send("POST", "/api/v1/mediation/cases/" + caseId + "/end", chief,
                Map.of("outcome", "FAILURE", "note", "双方拒绝调解"));
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);

        assertThat(merge(duplicate.get("id").asText(), primary.get("id").asText()).statusCode()).isEqualTo(200);
        Map<String, Object> after = caseOf(duplicate.get("id").asText());
        assertThat(after.get("status")).isEqualTo("FAILED");
        assertThat(after.get("outcome_note")).isEqualTo("双方拒绝调解");
    }

    @Test
    void theIncidentPageLinksToItsCaseForThoseWhoReadCases() {
        Office o = office();
        JsonNode primary = push(o.grid(), "110推送：噪音扰民争执");
        JsonNode duplicate = push(o.grid(), "110推送：噪音纠纷");
        merge(duplicate.get("id").asText(), primary.get("id").asText());
        Map<String, Object> primaryCase = caseOf(primary.get("id").asText());
        Map<String, Object> duplicateCase = caseOf(duplicate.get("id").asText());

        ApiClient page = new ApiClient(port);
        page.formLogin("chief", DEMO_PASSWORD);
        String primaryPage = page.get("/incidents/" + primary.get("id").asText(), null).body();
        assertThat(primaryPage).contains("调解案件", "href=\"/mediation/" + primaryCase.get("id") + "\"",
                (String) primaryCase.get("code"), "调解中");
        String duplicatePage = page.get("/incidents/" + duplicate.get("id").asText(), null).body();
        assertThat(duplicatePage).contains("href=\"/mediation/" + duplicateCase.get("id") + "\"", "已并入重复报告");

        // an informant files and reads incidents but never reads mediation cases: no link for him
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        staff.register(o.unit().id(), StaffRole.INFORMANT, "并案信息员" + n, null, null, "信息员", "mdinf" + n,
                DEMO_PASSWORD);
        ApiClient informant = new ApiClient(port);
        informant.formLogin("mdinf" + n, DEMO_PASSWORD);
        HttpResponse<String> seen = informant.get("/incidents/" + primary.get("id").asText(), null);
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(seen.body()).doesNotContain("/mediation/" + primaryCase.get("id"));

        // an incident without a case shows no link
        Map<String, Object> help = new HashMap<>();
        help.put("caseNumber", "110-HELP-" + UUID.randomUUID());
        help.put("category", "HELP");
        help.put("description", "110推送：老人走失");
        help.put("gridId", o.grid().id().value());
        JsonNode helpIncident = ApiClient.json(api.send("POST", "/api/v1/incidents/110", null, help, "X-Api-Key",
                "demo-110-key")).get("incident");
        assertThat(page.get("/incidents/" + helpIncident.get("id").asText(), null).body()).doesNotContain("调解案件");
    }
}
