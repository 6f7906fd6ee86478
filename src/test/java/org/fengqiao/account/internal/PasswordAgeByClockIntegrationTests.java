package org.fengqiao.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.fengqiao.account.InformantDisclosure;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffHoldings;
import org.fengqiao.account.TestStaff;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password's age is measured by the application's clock (FENGQIAO_PASSWORD_MAX_AGE after it was set), so the time it
 * was set is taken from that clock too, never from the database's now(): here the application's clock runs forty days
 * behind the database's, and the password still expires exactly its maximum age after its change by that clock.
 */
class PasswordAgeByClockIntegrationTests extends IntegrationTest {

    @Autowired
    StaffRegister register;
    @Autowired
    StaffDirectory directory;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    ApiTokens tokens;
    @Autowired
    PageSessions sessions;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    ObjectProvider<InformantDisclosure> disclosure;
    @Autowired
    ObjectProvider<StaffHoldings> holdings;
    @Autowired
    FengqiaoProperties properties;

    @Test
    void aPasswordChangedExpiresItsMaximumAgeLaterByTheApplicationsClockWhateverTheDatabasesClockSays() {
        Duration maxAge = properties.security().passwordMaxAge();
        String username = TestStaff.uniqueUsername("clock");
        Staff person = TestStaff.officerWithSignIn(directory, jurisdictions, username);
        MovableClock clock = new MovableClock(Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS),
                LocalTimes.ZONE);
        SignIn signIn = new SignIn(register, passwords, properties, events, clock);
        StaffAdministration administration = new StaffAdministration(register, jurisdictions, passwords, tokens,
                sessions, events, clock, disclosure, holdings, properties, new PasswordExpiry(maxAge, clock));

        administration.changePassword(signIn.check(username, TestStaff.PASSWORD).caller(), TestStaff.PASSWORD,
                "Clocked-Pass-2027");
        assertThat(register.byId(person.id().value()).orElseThrow().passwordChangedAt())
                .as("the change is dated by the application's clock").isEqualTo(clock.instant());

        clock.advance(maxAge.minusMinutes(1));
        assertThat(signIn.check(username, "Clocked-Pass-2027").passwordExpired()).as("a minute before").isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(signIn.check(username, "Clocked-Pass-2027").passwordExpired()).as("a minute after").isTrue();
    }

    @Test
    void aPasswordGivenWithASignInIsDatedByTheApplicationsClock() {
        MovableClock clock = new MovableClock(Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS),
                LocalTimes.ZONE);
        StaffAdministration administration = new StaffAdministration(register, jurisdictions, passwords, tokens,
                sessions, events, clock, disclosure, holdings, properties,
                new PasswordExpiry(properties.security().passwordMaxAge(), clock));
        String username = TestStaff.uniqueUsername("clock");
        Staff person = directory.registerWithHash(
                jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow().id(),
                jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow().path(),
                org.fengqiao.account.StaffRole.VOLUNTEER, "时钟志愿者", null, null, null, null, null);
        var security = new SignIn(register, passwords, properties, events, clock).check("security", DEMO_PASSWORD);

        administration.createAccount(security.caller(), person.id().value(), username, TestStaff.PASSWORD);
        assertThat(register.byId(person.id().value()).orElseThrow().passwordChangedAt()).isEqualTo(clock.instant());
        clock.advance(Duration.ofDays(3));
        administration.resetPassword(security.caller(), person.id().value(), "Reset-Pass-2027");
        assertThat(register.byId(person.id().value()).orElseThrow().passwordChangedAt())
                .as("a reset too").isEqualTo(clock.instant());
    }
}
