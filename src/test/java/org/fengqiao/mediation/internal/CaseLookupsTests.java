package org.fengqiao.mediation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.mediation.TeamRole;
import org.junit.jupiter.api.Test;

class CaseLookupsTests {

    final UUID grid = UUID.randomUUID();
    final List<UUID> asked = new ArrayList<>();
    Disputes.Member chief = new Disputes.Member(UUID.randomUUID(), "王警官", "城关派出所", TeamRole.OFFICER);

    CaseLookups lookups(Duration ttl) {
        return new CaseLookups(id -> null, id -> {
            asked.add(id);
            return chief;
        }, ttl);
    }

    @Test
    void aGridsChiefIsAskedOnceWhileItIsRemembered() {
        CaseLookups lookups = lookups(Duration.ofSeconds(5));

        assertThat(lookups.gridChief(grid)).contains(chief);
        assertThat(lookups.gridChief(grid)).contains(chief);
        assertThat(asked).containsExactly(grid);
    }

    @Test
    void aRosterChangeOnThisInstanceIsSeenAtOnce() {
        CaseLookups lookups = lookups(Duration.ofSeconds(5));
        lookups.gridChief(grid);
        Disputes.Member successor = new Disputes.Member(UUID.randomUUID(), "李警官", "城关派出所", TeamRole.OFFICER);
        chief = successor;

        // a dispute's own audit entry changes nothing the look-ups hold
        lookups.changed(Audited.created("dispute", UUID.randomUUID(), "/a/", Map.of()));
        assertThat(lookups.gridChief(grid)).as("still remembered").hasValueSatisfying(m -> assertThat(m.name()).isEqualTo("王警官"));

        lookups.changed(Audited.created("grid_role", UUID.randomUUID(), "/a/", Map.of()));
        assertThat(lookups.gridChief(grid)).contains(successor);
    }

    @Test
    void aGridWithoutAChiefIsAskedAgainAndAZeroTimeToLiveRemembersNothing() {
        chief = null;
        CaseLookups lookups = lookups(Duration.ofSeconds(5));
        assertThat(lookups.gridChief(grid)).isEmpty();
        assertThat(lookups.gridChief(grid)).isEmpty();
        assertThat(asked).hasSize(2);

        chief = new Disputes.Member(UUID.randomUUID(), "王警官", "城关派出所", TeamRole.OFFICER);
        CaseLookups off = lookups(Duration.ZERO);
        off.gridChief(grid);
        off.gridChief(grid);
        assertThat(asked).hasSize(4);
    }
}
