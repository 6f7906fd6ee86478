package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A visit sent twice under one idempotency key (a double tap, a retry) is one visit, answered again; what changed
 * during a visit reads in the reader's language in the API and in the household register, old rows included.
 */
class VisitOnceIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    HousingFixtures fx;
    UUID grid;

    @BeforeEach
    void setUp() {
        fx = new HousingFixtures(port, jdbc);
        grid = fx.gridId("FS-1-01");
    }

    long visits(UUID household) {
        return jdbc.sql("SELECT count(*) FROM visit WHERE household_id = ?").param(household).query(Long.class).single();
    }

    @Test
    void theSameVisitPostedTwiceWithTheSameKeyRecordsOneVisitAndAnswersItAgain() {
        UUID household = fx.household(grid, null, false, false);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("householdId", household, "findings", "入户走访，家中无异常", "contactCard", true);

        HousingFixtures.Answer first = fx.call("officer", "POST", "/api/v1/visits", body, "Idempotency-Key", key);
        HousingFixtures.Answer second = fx.call("officer", "POST", "/api/v1/visits", body, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).as("a repeat answers the visit recorded the first time").isEqualTo(200);
        assertThat(second.body().get("id").asText()).isEqualTo(first.body().get("id").asText());
        assertThat(visits(household)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM visit_change WHERE visit_id = ?")
                .param(UUID.fromString(first.body().get("id").asText())).query(Long.class).single())
                .as("the contact card is linked once").isEqualTo(1);

        // the key as the page sends it, in the body
        Map<String, Object> page = Map.of("householdId", household, "findings", "再次走访", "contactCard", false,
                "idempotencyKey", "page-" + key);
        UUID fromPage = UUID.fromString(fx.call("officer", "POST", "/api/v1/visits", page).body().get("id").asText());
        assertThat(fx.call("officer", "POST", "/api/v1/visits", page).body().get("id").asText())
                .isEqualTo(fromPage.toString());
        assertThat(visits(household)).isEqualTo(2);

        // the same key with another visit: refused in the caller's language, nothing recorded
        HousingFixtures.Answer other = fx.call("officer", "POST", "/api/v1/visits",
                Map.of("householdId", household, "findings", "另一次走访", "contactCard", false), "Idempotency-Key", key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(HousingFixtures.errors(other.body())).containsEntry("idempotencyKey", "此幂等键已用于另一次不同的走访，本次未记录");
        assertThat(visits(household)).isEqualTo(2);

        // without a key, every call records a visit, as before
        Map<String, Object> plain = Map.of("householdId", household, "findings", "无键走访", "contactCard", false);
        assertThat(fx.call("officer", "POST", "/api/v1/visits", plain).status()).isEqualTo(201);
        assertThat(fx.call("officer", "POST", "/api/v1/visits", plain).status()).isEqualTo(201);
        assertThat(visits(household)).isEqualTo(4);
    }

    @Test
    void aKeyPersonVisitPostedTwiceWithTheSameKeyIsOneVisit() {
        UUID household = fx.household(fx.gridId("FS-1-03"), null, false, false);
        UUID person = fx.person(fx.gridId("FS-1-03"), household, "重访", "HEAD", "KEY_PERSON", "DRUG");
        Map<String, Object> body = Map.of("findings", "情绪稳定", "state", "STABLE", "idempotencyKey", UUID.randomUUID().toString());

        HousingFixtures.Answer first = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/visits", body);
        HousingFixtures.Answer second = fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/visits", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("id").asText()).isEqualTo(first.body().get("id").asText());
        assertThat(visits(household)).isEqualTo(1);
    }

    @Test
    void changesMadeDuringAVisitReadInTheReadersLanguageInTheApiAndTheRegister() {
        UUID building = fx.building("officer", "FS-1-01", 3, 1, 1);
        UUID room = fx.room(building, 1, "301");
        UUID household = fx.household(grid, room, false, false);
        fx.person(grid, household, "汪洋", "HEAD", null, null);
        HousingFixtures.Answer visit = fx.call("officer", "POST", "/api/v1/visits", Map.of("householdId", household,
                "findings", "户主在家", "contactCard", true,
                "household", Map.of("trusted", true, "inDifficulty", false, "note", "")));
        assertThat(visit.status()).isEqualTo(201);
        UUID visitId = UUID.fromString(visit.body().get("id").asText());
        assertThat(fx.call("officer", "PUT", "/api/v1/rooms/" + room,
                Map.of("vacant", false, "rental", true, "visitId", visitId)).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT trusted FROM household WHERE id = ?").param(household).query(Boolean.class).single())
                .as("the mark set with the visit is written").isTrue();
        // a change linked before V120, stored as English text only, and free text from the facade
        jdbc.sql("INSERT INTO visit_change (visit_id, record_type, record_id, summary) VALUES (?, 'household', ?, ?), "
                        + "(?, 'person', ?, 'phone changed')")
                .params(visitId, household, "trusted=true, inDifficulty=false", visitId, household).update();
        String day = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

        List<String> zh = changes(fx.get("officer", "/api/v1/households/" + household + "/visits").body());
        assertThat(zh).contains("发放警民联系卡（" + day + "）", "设为放心户", "301室：空置 否，出租 是",
                "核对户信息：放心户 是，困难户 否", "phone changed");
        assertThat(String.join("|", zh)).doesNotContain("trusted=", "contact card", "vacant=");

        List<String> en = changes(fx.get("officer", "/api/v1/households/" + household + "/visits",
                "Accept-Language", "en").body());
        assertThat(en).contains("contact card handed over on " + day, "marked as a trusted household",
                "room 301: vacant no, rented out yes", "household checked: trusted yes, in difficulty no", "phone changed");
        assertThat(changes(fx.get("officer", "/api/v1/households/" + household + "/visits?lang=en").body()))
                .contains("marked as a trusted household");

        String register = pdfText(household, null);
        assertThat(register).contains("设为放心户", "发放警民联系卡（" + day + "）", "301室：空置否，出租是")
                .doesNotContain("vacant=", "trusted=");
        assertThat(pdfText(household, "en")).contains("markedasatrustedhousehold", "room301:vacantno,rentedoutyes",
                "householdchecked:trustedyes,indifficultyno");
    }

    static List<String> changes(JsonNode visits) {
        List<String> out = new ArrayList<>();
        visits.forEach(v -> v.get("changes").forEach(c -> out.add(c.get("summary").asText())));
        return out;
    }

    /** The register's text with all white space removed (the PDF wraps and spaces cells as it likes). */
    String pdfText(UUID household, String language) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/api/v1/households/" + household + "/register.pdf"))
                    .header("Authorization", "Bearer " + new org.fengqiao.account.ApiClient(port).token("officer", DEMO_PASSWORD));
            if (language != null) {
                request.header("Accept-Language", language);
            }
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request.GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            try (PDDocument doc = Loader.loadPDF(response.body())) {
                return new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
