package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A key person's file (一人一档) lists each change of his risk level from one level to the other, readable on paper in
 * both languages: the arrow between them, which the PDF's fonts do not have, printed as "->" and not as "?".
 */
class KeyPersonFileRiskHistoryIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    static String text(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(response.body())) {
            // a cell may wrap: read as one line, spaces dropped
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theFileShowsEachRiskChangeFromOneLevelToTheOther() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-2-01");
        UUID household = fx.household(grid, null, false, false);
        UUID person = fx.person(grid, household, "险变", "HEAD", "KEY_PERSON", "DRUG");
        assertThat(fx.call("officer", "PUT", "/api/v1/key-persons/" + person + "/risk",
                Map.of("risk", "MEDIUM", "reason", "近期表现稳定")).status()).isEqualTo(200);

        ApiClient api = new ApiClient(port);
        String token = api.token("officer", DEMO_PASSWORD);
        String zh = text(api.download("/api/v1/persons/" + person + "/file.pdf", token));
        assertThat(zh).contains("高风险->中风险", "近期表现稳定")
                .doesNotContain("高风险?中风险");
        String en = text(api.download("/api/v1/persons/" + person + "/file.pdf", token, "Accept-Language", "en"));
        assertThat(en).contains("Highrisk->Mediumrisk").doesNotContain("Highrisk?Mediumrisk");
    }
}
