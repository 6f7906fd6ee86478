package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A file the import cannot read at all ends its job with a line the officer can act on, in his language: not the
 * reading library's exception text (class names, internals), which says nothing to him and is kept for the log.
 */
class ImportFailureMessageIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void aFileThatIsNoSpreadsheetSaysSoInTheOfficersWords() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        byte[] notXlsx = "这不是一个表格文件，只是改了扩展名".repeat(50).getBytes(StandardCharsets.UTF_8);

        JsonNode job = ImportIntegrationTests.importAndWait(api, port, officer, "renamed.xlsx", notXlsx, false,
                Duration.ofSeconds(20));

        String message = job.path("message").asText();
        assertThat(message).as(job.toString()).contains("文件无法读取");
        assertThat(message).doesNotContainIgnoringCase("exception").doesNotContain("org.apache").doesNotContain("poi");
        assertThat(job.path("createdRows").asLong()).isZero();
    }

    @Test
    void anEmptyFileIsCalledEmptyNotAFileOfTheWrongKind() throws Exception {
        String officer = new ApiClient(port).token("officer", DEMO_PASSWORD);
        java.net.http.HttpResponse<byte[]> empty = ImportIntegrationTests.upload(port, officer, "persons.csv", new byte[0],
                false);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(new String(empty.body(), StandardCharsets.UTF_8)).contains("文件是空的").doesNotContain(".xlsx");
    }
}
