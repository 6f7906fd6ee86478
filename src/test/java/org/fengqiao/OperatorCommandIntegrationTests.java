package org.fengqiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.TestStaff;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

/**
 * {@code ./run reset-password <user name>} as the operator runs it: {@link FengqiaoApplication}'s reading of the
 * arguments starts a second platform on the suite's database with the command's runner, which ends with its exit code.
 * The second platform's web server must listen on the loopback only, and the demo logins are not printed.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperatorCommandIntegrationTests extends IntegrationTest {

    static final String NEW_PASSWORD = "Qiao-Operator-2026";

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    StaffDirectory directory;
    @Autowired
    Jurisdictions jurisdictions;

    /** The operator's command line: the words, then the options a start on the suite's database needs. */
    private String[] commandLine(String... words) throws Exception {
        String key = Files.readString(Path.of(DATA_DIR, "personal-data.key")).strip();
        List<String> line = new ArrayList<>(List.of(words));
        line.addAll(List.of("--fengqiao.db.url=" + ((HikariDataSource) dataSource).getJdbcUrl(),
                "--fengqiao.db.user=postgres", "--fengqiao.db.password=postgres",
                "--fengqiao.db.data-dir=" + Files.createTempDirectory("fengqiao-second-"),
                "--fengqiao.personal-data.key=" + key,
                // demo mode, as ./run on its embedded database: the suite's database holds the demo district already
                "--fengqiao.demo=true",
                "--spring.modulith.events.republish-outstanding-events-on-restart=false"));
        return line.toArray(String[]::new);
    }

    private int signIn(Staff who, String password) {
        return new ApiClient(port).send("POST", "/api/v1/auth/token", null,
                Map.of("username", who.username(), "password", password)).statusCode();
    }

    @Test
    void theResetCommandSetsThePasswordOnALoopbackServerAndEndsWithZero(CapturedOutput output) throws Exception {
        var unit = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        Staff auditor = directory.register(unit.id(), StaffRole.AUDIT_ADMIN, "审计员运维", null, null, null,
                TestStaff.uniqueUsername("audit"), TestStaff.PASSWORD);
        AtomicReference<InetAddress> listened = new AtomicReference<>();
        // a lambda's event type is erased: the listener hears every event and picks the web server's
        ApplicationListener<ApplicationEvent> watcher = event -> {
            if (event instanceof WebServerInitializedEvent started) {
                listened.set((InetAddress) ((TomcatWebServer) started.getWebServer()).getTomcat().getConnector()
                        .getProperty("address"));
            }
        };

        int before = output.getOut().length();
        OptionalInt exit = FengqiaoApplication.operatorCommand(
                commandLine("reset-password", auditor.username(), "--FENGQIAO_RESET_PASSWORD=" + NEW_PASSWORD),
                watcher);

        assertThat(exit).hasValue(0);
        assertThat(listened.get()).as("the command's web server listened on the loopback only").isNotNull()
                .matches(InetAddress::isLoopbackAddress);
        // what the command's own start printed (the suite's platform printed the demo logins at its start)
        assertThat(output.getOut().substring(before)).contains("已重置").doesNotContain("Demo logins");
        assertThat(signIn(auditor, NEW_PASSWORD)).isEqualTo(200);
        assertThat(signIn(auditor, TestStaff.PASSWORD)).isEqualTo(401);
    }

    @Test
    void withoutAPasswordAndNoTerminalTheCommandChangesNothingAndEndsWithTwo() throws Exception {
        var unit = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        Staff auditor = directory.register(unit.id(), StaffRole.AUDIT_ADMIN, "审计员运维", null, null, null,
                TestStaff.uniqueUsername("audit"), TestStaff.PASSWORD);

        assertThat(FengqiaoApplication.operatorCommand(commandLine("reset-password", auditor.username())))
                .hasValue(2);
        assertThat(signIn(auditor, TestStaff.PASSWORD)).isEqualTo(200);
    }

    @Test
    void whileAnotherPlatformHoldsTheDataDirectoryTheCommandSaysWhyAndEndsWithTwo(CapturedOutput output)
            throws Exception {
        // the running platform, as ./run left it: another process holding the embedded database's lock file (a lock
        // held by this JVM would not do, Java refuses it as overlapping instead of reporting it held)
        Path dir = Files.createTempDirectory("fengqiao-held-");
        Path holder = dir.resolveSibling(dir.getFileName() + "-Holder.java");
        Files.writeString(holder, """
                public class Holder {
                    public static void main(String[] a) throws Exception {
                        var channel = java.nio.channels.FileChannel.open(java.nio.file.Path.of(a[0]),
                                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                        channel.lock();
                        System.out.println("held");
                        System.out.flush();
                        Thread.sleep(120_000);
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process running = new ProcessBuilder(java, holder.toString(), dir.resolve("epg-lock").toString())
                .redirectErrorStream(true).start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(running.getInputStream())).readLine())
                    .isEqualTo("held");
            int before = output.length();

            OptionalInt exit = FengqiaoApplication.operatorCommand(new String[] {"reset-password", "auditor",
                    "--FENGQIAO_RESET_PASSWORD=" + NEW_PASSWORD, "--fengqiao.db.data-dir=" + dir});

            assertThat(exit).as("2: nothing changed, the reason said").hasValue(2);
            assertThat(output.toString().substring(before)).contains("is in use by another running Fengqiao");
            assertThat(new ApiClient(port).token("auditor", DEMO_PASSWORD)).isNotBlank();
        } finally {
            running.destroyForcibly().waitFor();
        }
    }

    @Test
    void argumentsNamingNoCommandStartThePlatform() {
        assertThat(FengqiaoApplication.operatorCommand(new String[] {"--server.port=8080"})).isEmpty();
        assertThat(FengqiaoApplication.operatorCommand(new String[] {"serve", "--server.port=8080"})).isEmpty();
    }
}
