package org.fengqiao.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.TestStaff;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code ./run reset-password <user name>}: the way back in for an administrator who forgot his password, since nobody
 * resets the three administrators' passwords from the pages. Each test resets an audit administrator it made itself.
 */
class OperatorPasswordResetIntegrationTests extends IntegrationTest {

    static final String NEW_PASSWORD = "Qiao-Operator-2026";

    @LocalServerPort
    int port;
    @Autowired
    StaffDirectory directory;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffRegister register;
    @Autowired
    StaffAdministration administration;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    MessageSource messages;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    Staff auditor;
    OperatorPasswordReset command;
    final ByteArrayOutputStream said = new ByteArrayOutputStream();

    @BeforeEach
    void makeAnAuditAdministrator() {
        api = new ApiClient(port);
        var unit = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        auditor = directory.register(unit.id(), StaffRole.AUDIT_ADMIN, "审计员测试", null, null, null,
                TestStaff.uniqueUsername("audit"), TestStaff.PASSWORD);
        command = new OperatorPasswordReset(register, administration, tx, events, messages, "", "");
    }

    private int reset(String username, String password) {
        return command.reset(username, password, new PrintStream(said, true, StandardCharsets.UTF_8));
    }

    private String said() {
        return said.toString(StandardCharsets.UTF_8);
    }

    private int signIn(String password) {
        return api.send("POST", "/api/v1/auth/token", null,
                Map.of("username", auditor.username(), "password", password)).statusCode();
    }

    @Test
    void theOperatorSetsTheNewPasswordUnlocksTheAccountEndsItsTokensAndTheTrailNamesHim() {
        String oldToken = api.token(auditor.username(), TestStaff.PASSWORD);
        jdbc.sql("UPDATE staff SET failed_logins = 5, locked_until = now() + interval '15 minutes' WHERE id = ?")
                .param(auditor.id().value()).update();

        assertThat(reset(auditor.username(), NEW_PASSWORD)).isZero();

        assertThat(said()).contains("“" + auditor.username() + "”的密码已重置",
                "The password of \"" + auditor.username() + "\" is reset");
        assertThat(api.get("/api/v1/me", oldToken).statusCode()).isEqualTo(401);
        assertThat(signIn(TestStaff.PASSWORD)).isEqualTo(401);
        assertThat(signIn(NEW_PASSWORD)).isEqualTo(200);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'staff' AND record_id = ? AND action = 'UPDATE'
                   AND actor = 'operator' AND after ->> 'password' = 'reset'""")
                .param(auditor.id().value().toString()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aPasswordAgainstTheRulesAnUnknownNameOrNoPasswordChangeNothingAndSayWhy() {
        assertThat(reset(auditor.username(), "short")).isEqualTo(2);
        assertThat(said()).contains("密码至少 8 个字符 / The password needs at least 8 characters");
        assertThat(reset(auditor.username(), null)).isEqualTo(2);
        assertThat(said()).contains("FENGQIAO_RESET_PASSWORD");
        assertThat(reset("nobody-" + auditor.username(), NEW_PASSWORD)).isEqualTo(2);
        assertThat(said()).contains("没有用户名为“nobody-" + auditor.username() + "”的账号");

        assertThat(signIn(TestStaff.PASSWORD)).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_id = ? AND actor = 'operator'")
                .param(auditor.id().value().toString()).query(Integer.class).single()).isZero();
    }
}
