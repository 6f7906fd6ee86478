package org.fengqiao.claims.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.claims.internal.Board;
import org.fengqiao.claims.internal.ClaimDesk;
import org.fengqiao.claims.internal.ClaimsProperties;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.CallerAware;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.ExtendedModelMap;

/**
 * The item page tells how long a case has waited by the application's clock, as the board's days and the claims'
 * deadlines do: a test (or a server) that moves the clock sees the age it set, not the wall clock's.
 */
class ClaimsPagesClockIntegrationTests extends IntegrationTest {

    @Autowired
    Board board;
    @Autowired
    StaffDirectory staff;
    @Autowired
    ClaimsProperties properties;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    MessageSource messages;
    @Autowired
    FormAnswers answers;
    @Autowired
    JdbcClient jdbc;

    UUID source;

    @AfterEach
    void cleanUp() {
        SecurityContextHolder.clearContext();
        if (source != null) {
            jdbc.sql("DELETE FROM claim_item WHERE source_id = ?").param(source).update();
        }
    }

    @Test
    void theItemsAgeIsCountedByTheApplicationsClock() {
        UUID grid = jdbc.sql("""
                SELECT r.grid_id FROM grid_role r JOIN grid g ON g.id = r.grid_id JOIN staff s ON s.id = r.staff_id
                WHERE s.username = 'volunteer' AND r.role = 'MEMBER' AND r.ended_on IS NULL ORDER BY g.code LIMIT 1""")
                .query(UUID.class).single();
        source = UUID.randomUUID();
        assertThat(board.register(Board.Kind.INCIDENT, source, "CLOCK-" + source.toString().substring(0, 8), "HELP",
                grid, "时钟测试", Instant.now().minus(Duration.ofDays(2)))).isTrue();
        UUID item = jdbc.sql("SELECT id FROM claim_item WHERE source_id = ?").param(source).query(UUID.class).single();
        Caller officer = new Caller(jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class)
                .single(), "officer", "李建国", "COMMUNITY_OFFICER", List.of(jdbc.sql("""
                        SELECT u.path FROM staff s JOIN unit u ON u.id = s.unit_id WHERE s.username = 'officer'""")
                        .query(String.class).single()), Set.of("CLAIMS_READ", "CLAIMS_STATION"));
        CallerAware principal = () -> officer;
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(principal, null,
                List.of(new SimpleGrantedAuthority("CLAIMS_READ"), new SimpleGrantedAuthority("CLAIMS_STATION"))));

        // ten days on by the application's clock: the case has waited twelve
        MovableClock later = new MovableClock(Instant.now().plus(Duration.ofDays(10)), ZoneOffset.UTC);
        ClaimsPages pages = new ClaimsPages(board, new ClaimDesk(board, staff, properties, events, later),
                jurisdictions, messages, answers);
        ExtendedModelMap model = new ExtendedModelMap();
        assertThat(pages.item(item, model)).isEqualTo("claims/item");
        assertThat(model.get("ageDays")).isEqualTo(12L);
    }
}
