package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API's JSON answers, read off the socket as a client gets them: sized by {@code Content-Length}, the body the
 * JSON itself, not chunks of it.
 */
class SizedJsonIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;

    /** An HTTP/1.1 answer as it came: its head (lower case) and its body's bytes. */
    record Raw(String head, byte[] body) {

        String header(String name) {
            return Arrays.stream(head.split("\r\n")).filter(l -> l.startsWith(name + ":"))
                    .map(l -> l.substring(name.length() + 1).trim()).findFirst().orElse(null);
        }
    }

    Raw exchange(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            int split = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(split).isPositive();
            return new Raw(new String(all, 0, split, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT),
                    Arrays.copyOfRange(all, split + 4, all.length));
        }
    }

    static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void anAnswerOfTheApiCarriesItsLengthInBytesAndNoChunks() throws IOException {
        String token = new ApiClient(port).token("officer", DEMO_PASSWORD);
        Raw me = exchange("GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nConnection: close\r\n\r\n");

        assertThat(me.head()).startsWith("http/1.1 200");
        assertThat(me.header("transfer-encoding")).isNull();
        // the officer's name is Chinese: three bytes a character, so the length counts bytes, not characters
        assertThat(me.header("content-length")).isEqualTo(Integer.toString(me.body().length));
        JsonNode body = ApiClient.JSON.readTree(me.body());
        assertThat(body.path("staff").path("username").asText()).isEqualTo("officer");
        assertThat(new String(me.body(), StandardCharsets.UTF_8)).matches("(?s).*[\\u4e00-\\u9fff].*");
    }

    @Test
    void aProblemOfTheApiIsSizedTooAndStillSaysWhatIsWrong() throws IOException {
        String token = new ApiClient(port).token("officer", DEMO_PASSWORD);
        String json = "{\"category\":\"HELP\"}";
        Raw refused = exchange("POST /api/v1/incidents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length()
                + "\r\nConnection: close\r\n\r\n" + json);

        assertThat(refused.head()).startsWith("http/1.1 400");
        assertThat(refused.header("content-type")).startsWith("application/problem+json");
        assertThat(refused.header("transfer-encoding")).isNull();
        assertThat(refused.header("content-length")).isEqualTo(Integer.toString(refused.body().length));
        assertThat(ApiClient.JSON.readTree(refused.body()).path("errors").isArray()).isTrue();
    }
}
