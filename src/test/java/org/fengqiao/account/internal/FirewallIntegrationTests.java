package org.fengqiao.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every chain (pages and API, the 110 centre's API) stands behind the firewall with the loop of {@link HeaderText}:
 * a header holding a control character is refused as soon as a filter reads it, before any controller sees it.
 */
class FirewallIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void aHeaderWithAControlCharacterIsRefusedOnEveryChain() throws Exception {
        for (String path : new String[] {"/actuator/health", "/api/v1/me", "/api/v1/incidents/110", "/login"}) {
            // every chain reads the Authorization header (a bearer token, or the 110 centre's key)
            assertThat(status(path, "Authorization: Bearer fine")).as(path).isNotEqualTo(400);
            // 0x85 is NEXT LINE (U+0085, a C1 control) in the ISO-8859-1 the server reads header bytes in
            assertThat(status(path, "Authorization: Bearer a\u0085b")).as(path).isEqualTo(400);
        }
    }

    private int status(String path, String header) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + header + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                line.write(b);
            }
            String status = line.toString(StandardCharsets.ISO_8859_1);
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
