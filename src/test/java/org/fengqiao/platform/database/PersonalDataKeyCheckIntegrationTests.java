package org.fengqiao.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Base64;
import org.assertj.core.api.Assertions;
import org.fengqiao.FengqiaoApplication;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engineer who starts the platform with another personal-data key than the one its data was stored under (a
 * fresh FENGQIAO_DATA_KEY, a second instance's own) is stopped with a message saying so, instead of a platform that
 * reads none of the identity numbers and phones stored before and seals new ones under the other key. Both tests start
 * on the one database the class's first start stored an identity number in under key a (each start, migrations and
 * all, took seconds).
 */
class PersonalDataKeyCheckIntegrationTests {

    @TempDir
    static Path dir;

    private static EmbeddedPostgresServer server;
    /** The database whose personal data are stored under key a, and an identity number sealed there under it. */
    private static String url;
    private static byte[] sealed;

    private static String key(char fill) {
        return Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes());
    }

    @BeforeAll
    static void aDatabaseStoredUnderKeyA() throws Exception {
        server = EmbeddedPostgresServer.acquire(dir.resolve("outside"), 0);
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", "postgres");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE fengqiao_keys ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0");
        }
        url = server.jdbcUrl().replaceFirst("/postgres(\\?|$)", "/fengqiao_keys$1");
        try (ConfigurableApplicationContext app = start(url, key('a'))) {
            sealed = app.getBean(PersonalDataCipher.class).encrypt("320722198001011234");
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.release();
        }
    }

    @Test
    void aStartWithAnotherKeyThanTheDataWasStoredUnderIsRefusedAndTheRightKeyStillStarts() throws Exception {
        assertThatThrownBy(() -> start(url, key('b')).close())
                .satisfies(e -> Assertions.assertThat(rootMessage(e))
                        .contains("not the key this database's identity numbers and phones are stored under")
                        .contains("FENGQIAO_DATA_KEY"));

        try (ConfigurableApplicationContext app = start(url, key('a'))) {
            assertThat(app.getBean(PersonalDataCipher.class).decrypt(sealed)).isEqualTo("320722198001011234");
            // the refused starts (this test's, and the other test's demo start) recorded no key of their own
            assertThat(app.getBean(JdbcClient.class).sql("SELECT count(*) FROM personal_data_key_check")
                    .query(Long.class).single()).isEqualTo(1);
        }
    }

    /**
     * A demo whose data directory came back without its personal-data.key (restored from a copy of the database alone)
     * generates a key, which the database then refuses. The refused start leaves no key behind: kept, it would pass
     * for the data directory's own, go into the next backup, and stand where the right key is to be put back.
     */
    @Test
    void aDemoKeyGeneratedByARefusedStartIsNotLeftInTheDataDirectory() throws Exception {
        Path data = dir.resolve("demo-data");

        assertThatThrownBy(() -> new SpringApplicationBuilder(FengqiaoApplication.class).run("--server.port=0",
                "--fengqiao.db.url=" + url, "--fengqiao.db.user=postgres", "--fengqiao.db.password=postgres",
                "--fengqiao.db.data-dir=" + data, "--fengqiao.personal-data.key=", "--fengqiao.demo=true").close())
                .satisfies(e -> Assertions.assertThat(rootMessage(e))
                        .contains("not the key this database's identity numbers and phones are stored under"));

        assertThat(data.resolve("personal-data.key")).as("the key the refused start generated").doesNotExist();
    }

    private static ConfigurableApplicationContext start(String url, String key) {
        return new SpringApplicationBuilder(FengqiaoApplication.class).run("--server.port=0",
                "--fengqiao.db.url=" + url, "--fengqiao.db.user=postgres", "--fengqiao.db.password=postgres",
                "--fengqiao.db.data-dir=" + dir.resolve("unused"), "--fengqiao.personal-data.key=" + key);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
