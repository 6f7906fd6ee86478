package org.fengqiao.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.TestStaff;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A volunteer's hours at a fixed post earn patrol-hour points (seed 002: 一事一积分): checking out of a shift
 * proposes an award of the configured points per hour for the hours checked in, in the post's grid, pending the
 * grid chief's approval; an auxiliary policeman (a village policeman, say) earns nothing for his shift, being paid for it.
 */
class ShiftAwardsIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory directory;

    record Pending(String rule, int points, String status, UUID grid) {
    }

    List<Pending> awards(UUID holder, String shift) {
        return jdbc.sql("SELECT rule, points, status, grid_id FROM points_award WHERE holder_id = ? AND source_type = 'force_shift' AND source_id = ?")
                .params(holder, shift)
                .query((rs, n) -> new Pending(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getObject(4, UUID.class)))
                .list();
    }

    /** A shift of the member at a new post of the grid, checked in 90 minutes ago and checked out now. */
    String patrol(ApiClient api, String officer, UUID member, String memberToken, UUID grid) {
        Map<String, Object> post = new HashMap<>();
        post.put("gridId", grid);
        post.put("name", "积分测试岗" + UUID.randomUUID().toString().substring(0, 6));
        post.put("place", "村口");
        String postId = ApiClient.json(api.send("POST", "/api/v1/forces/posts", officer, post)).get("id").asText();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(100);
        String shiftId = ApiClient.json(api.send("POST", "/api/v1/forces/shifts", officer, Map.of("postId", postId,
                "staffId", member, "startsAt", start.toString(), "endsAt", start.plusHours(3).toString()))).get("id").asText();
        assertThat(api.send("POST", "/api/v1/forces/shifts/" + shiftId + "/check-in", memberToken, null).statusCode())
                .isEqualTo(200);
        jdbc.sql("UPDATE force_shift SET checked_in_at = now() - interval '90 minutes' WHERE id = ?")
                .param(UUID.fromString(shiftId)).update();
        assertThat(api.send("POST", "/api/v1/forces/shifts/" + shiftId + "/check-out", memberToken, null).statusCode())
                .isEqualTo(200);
        return shiftId;
    }

    List<Pending> awaitAwards(UUID holder, String shift) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<Pending> found = awards(holder, shift);
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(100);
        }
        return awards(holder, shift);
    }

    @Test
    void aVolunteersHoursAtAPostBecomeAPendingPatrolAwardAndAnAuxiliaryPolicemansDoNot() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        org.fengqiao.jurisdiction.UnitId office = jurisdictions.unitByCode("320722010100").orElseThrow().id();
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'FS-1-04'").query(UUID.class).single();

        String volunteerName = TestStaff.uniqueUsername("pvol");
        UUID volunteer = directory.register(office, StaffRole.VOLUNTEER, "巡逻积分" + volunteerName, null, null,
                "平安志愿者", volunteerName, TestStaff.PASSWORD).id().value();
        String shift = patrol(api, officer, volunteer, api.token(volunteerName, TestStaff.PASSWORD), grid);
        // 1.5 hours at the configured 2 points an hour
        assertThat(awaitAwards(volunteer, shift)).containsExactly(new Pending("patrol-hour", 3, "PENDING", grid));
        // its note says the hours as the pages' language writes them, not a raw "1.50 h"
        assertThat(jdbc.sql("SELECT note FROM points_award WHERE holder_id = ? AND source_id = ?")
                .params(volunteer, shift).query(String.class).single()).isEqualTo("巡逻 1.5 小时");

        String auxiliaryName = TestStaff.uniqueUsername("paux");
        UUID auxiliary = directory.register(office, StaffRole.AUXILIARY_POLICE, "巡逻辅警" + auxiliaryName, null, null,
                "村警", auxiliaryName, TestStaff.PASSWORD).id().value();
        String paid = patrol(api, officer, auxiliary, api.token(auxiliaryName, TestStaff.PASSWORD), grid);
        Thread.sleep(1500);
        assertThat(awards(auxiliary, paid)).isEmpty();
    }

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;
    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void thePatrolNotesWrittenBeforeSayTheirHoursInWordsToo() {
        UUID holder = jdbc.sql("SELECT id FROM staff WHERE username = 'volunteer'").query(UUID.class).single();
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'FS-1-04'").query(UUID.class).single();
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            Map<String, String> notes = Map.of("1.50 h", "巡逻 1.5 小时", "2.00 h", "巡逻 2 小时", "0.75 h", "巡逻 0.75 小时");
            Map<UUID, String> awards = new HashMap<>();
            Map<Long, String> entries = new HashMap<>();
            notes.forEach((before, after) -> {
                UUID id = UUID.randomUUID();
                jdbc.sql("""
                        INSERT INTO points_award (id, holder_id, grid_id, rule, points, source_type, source_id, note,
                            status, proposed_at, decided_at)
                        VALUES (?, ?, ?, 'patrol-hour', 3, 'force_shift', ?, ?, 'APPROVED', now(), now())""")
                        .params(id, holder, grid, id.toString(), before).update();
                awards.put(id, after);
                entries.put(jdbc.sql("""
                        INSERT INTO points_entry (holder_id, kind, points, balance_after, rule, source_type, source_id,
                            grid_id, award_id, note, at)
                        VALUES (?, 'AWARD', 3, 3, 'patrol-hour', 'force_shift', ?, ?, ?, ?, now()) RETURNING id""")
                        .params(holder, id.toString(), grid, id, before).query(Long.class).single(), after);
            });
            // a note typed by hand that looks alike is no shift's, and stays as it was
            UUID typed = UUID.randomUUID();
            jdbc.sql("""
                    INSERT INTO points_award (id, holder_id, grid_id, rule, points, source_type, source_id, note, status,
                        proposed_at)
                    VALUES (?, ?, ?, 'patrol-hour', 2, 'manual', ?, '1.50 h', 'PENDING', now())""")
                    .params(typed, holder, grid, typed.toString()).update();
            try (java.sql.Statement run = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource)
                    .createStatement()) {
                run.execute(new org.springframework.core.io.ClassPathResource(
                        "db/migration/V195__points_patrol_notes_in_words.sql").getContentAsString(
                        java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.io.IOException | java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            awards.forEach((id, after) -> assertThat(jdbc.sql("SELECT note FROM points_award WHERE id = ?").param(id)
                    .query(String.class).single()).isEqualTo(after));
            entries.forEach((id, after) -> assertThat(jdbc.sql("SELECT note FROM points_entry WHERE id = ?").param(id)
                    .query(String.class).single()).isEqualTo(after));
            assertThat(jdbc.sql("SELECT note FROM points_award WHERE id = ?").param(typed).query(String.class).single())
                    .isEqualTo("1.50 h");
        });
    }

    /**
     * The inbox entries asking a grid chief to approve a patrol award written before its note was put in words read
     * "1.50 h" as their line: they read as the award's note now does. An entry of a note typed by hand that looks
     * alike is no shift's, and stays as it was.
     */
    @Test
    void theInboxLinesOfPatrolAwardsWrittenBeforeSayTheirHoursInWordsToo() {
        UUID holder = jdbc.sql("SELECT id FROM staff WHERE username = 'volunteer'").query(UUID.class).single();
        UUID chief = jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'FS-1-04'").query(UUID.class).single();
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            Map<String, String> lines = Map.of("1.50 h", "巡逻 1.5 小时", "2.00 h", "巡逻 2 小时", "0.75 h", "巡逻 0.75 小时");
            Map<UUID, String> entries = new HashMap<>();
            lines.forEach((before, after) -> entries.put(entry(holder, chief, grid, "force_shift", before), after));
            UUID typed = entry(holder, chief, grid, "manual", "1.50 h");
            try (java.sql.Statement run = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource)
                    .createStatement()) {
                run.execute(new org.springframework.core.io.ClassPathResource(
                        "db/migration/V205__points_patrol_inbox_lines_in_words.sql").getContentAsString(
                        java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.io.IOException | java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            entries.forEach((id, after) -> assertThat(jdbc.sql("SELECT reason FROM inbox_entry WHERE id = ?").param(id)
                    .query(String.class).single()).isEqualTo(after));
            assertThat(jdbc.sql("SELECT reason FROM inbox_entry WHERE id = ?").param(typed).query(String.class).single())
                    .isEqualTo("1.50 h");
        });
    }

    /** A pending award of this source with its inbox entry for the chief, its line the note as it was written. */
    private UUID entry(UUID holder, UUID chief, UUID grid, String sourceType, String note) {
        UUID award = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO points_award (id, holder_id, grid_id, rule, points, source_type, source_id, note, status,
                    proposed_at)
                VALUES (?, ?, ?, 'patrol-hour', 3, ?, ?, ?, 'PENDING', now())""")
                .params(award, holder, grid, sourceType, award.toString(), note).update();
        UUID entry = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO inbox_entry (id, recipient_id, kind, record_type, record_id, link, unit_path, subject,
                    category, reason, reason_is_key, created_at)
                VALUES (?, ?, 'POINTS_AWARD_PENDING', 'points_award', ?, '/points/approvals', '/', '张三',
                    'points.rule.patrol-hour', ?, false, now())""")
                .params(entry, chief, award, note).update();
        return entry;
    }
}
