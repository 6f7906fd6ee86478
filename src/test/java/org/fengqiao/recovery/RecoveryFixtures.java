package org.fengqiao.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Files, victims, assets and returns through the API, each with names of its own so tests never meet. */
final class RecoveryFixtures {

    final ApiClient api;
    final JdbcClient jdbc;
    final int port;

    RecoveryFixtures(ApiClient api, JdbcClient jdbc, int port) {
        this.api = api;
        this.jdbc = jdbc;
        this.port = port;
    }

    static String n() {
        return String.valueOf(100000 + new Random().nextInt(899999));
    }

    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class).single();
    }

    UUID staff(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    JsonNode send(String method, String path, String token, Object body, int expected, String... headers) {
        HttpResponse<String> r = api.send(method, path, token, body, headers);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
        return r.body().isEmpty() ? null : ApiClient.json(r);
    }

    /** Opens a file in the grid, owned by the officer named. */
    String file(String token, String gridCode, String owner, String title, String registeredOn) {
        return file(token, gridCode, staff(owner), title, registeredOn);
    }

    /** Opens a file in the grid, owned by this staff member (one who signs in or not). */
    String file(String token, String gridCode, UUID owner, String title, String registeredOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("caseNumber", "测-" + n());
        body.put("title", title);
        body.put("gridId", grid(gridCode));
        body.put("ownerId", owner);
        if (registeredOn != null) {
            body.put("registeredOn", registeredOn);
        }
        return send("POST", "/api/v1/recovery/files", token, body, 201).get("file").get("id").asText();
    }

    /** Adds a victim named here with one loss; returns his id. */
    String victim(String token, String file, String name, long lostFen) {
        JsonNode d = send("POST", "/api/v1/recovery/files/" + file + "/victims", token, Map.of("name", name, "phone",
                "13912340000", "losses", List.of(Map.of("description", "现金" + name, "quantity", 1, "amountFen", lostFen))),
                200);
        for (JsonNode v : d.get("victims")) {
            if (v.get("name").asText().equals(name)) {
                return v.get("id").asText();
            }
        }
        throw new IllegalStateException("victim not added");
    }

    /** Adds an asset in the given state; returns its id. */
    String asset(String token, String file, String description, long valueFen, String state) {
        JsonNode d = send("POST", "/api/v1/recovery/files/" + file + "/assets", token, Map.of("kind", "CASH",
                "description", description, "valueFen", valueFen, "state", state), 200);
        for (JsonNode a : d.get("assets")) {
            if (a.get("description").asText().equals(description)) {
                return a.get("id").asText();
            }
        }
        throw new IllegalStateException("asset not added");
    }

    HttpResponse<String> returned(String token, String file, String victim, String asset, long fen, String... headers) {
        Map<String, Object> body = new HashMap<>();
        body.put("victimId", victim);
        body.put("assetId", asset);
        body.put("amountFen", fen);
        body.put("items", "返还" + fen);
        return api.send("POST", "/api/v1/recovery/files/" + file + "/returns", token, body, headers);
    }

    JsonNode detail(String token, String file) {
        return send("GET", "/api/v1/recovery/files/" + file, token, null, 200);
    }

    HttpResponse<byte[]> bytes(String path, String token, String... headers) {
        return api.download(path, token, headers);
    }

    /** A multipart POST with one file part named "scan" and one field "signedOn". */
    HttpResponse<String> upload(String path, String token, byte[] scan, String fileName, String signedOn,
            String... headers) {
        String boundary = "----fq" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            if (signedOn != null) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"signedOn\"\r\n\r\n" + signedOn
                        + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (scan != null) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"scan\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(scan);
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
