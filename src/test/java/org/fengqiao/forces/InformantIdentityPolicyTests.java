package org.fengqiao.forces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Permission;
import org.junit.jupiter.api.Test;

/** Who may know that a person is an informant: his handler, the station chief and he himself; no one else. */
class InformantIdentityPolicyTests {

    static final UUID INFORMANT = UUID.randomUUID();
    static final UUID HANDLER = UUID.randomUUID();

    static Caller caller(UUID id, String... permissions) {
        return new Caller(id, "u", "n", "COMMUNITY_OFFICER", List.of("/1/"), Set.of(permissions));
    }

    @Test
    void hisHandlerTheStationChiefAndHeHimselfKnowHim() {
        assertThat(InformantIdentityPolicy.decide(INFORMANT, true, HANDLER, caller(HANDLER)).reason())
                .isEqualTo(InformantIdentityPolicy.Reason.HIS_HANDLER);
        assertThat(InformantIdentityPolicy.decide(INFORMANT, true, HANDLER,
                caller(UUID.randomUUID(), Permission.INCIDENT_INFORMANT_IDENTITY.name())).reason())
                .isEqualTo(InformantIdentityPolicy.Reason.KNOWS_INFORMANTS);
        assertThat(InformantIdentityPolicy.decide(INFORMANT, true, HANDLER, caller(INFORMANT)).reason())
                .isEqualTo(InformantIdentityPolicy.Reason.HIMSELF);
    }

    @Test
    void anyoneElseEvenAGridChiefWhoApprovesPointsDoesNot() {
        InformantIdentityPolicy.Decision d = InformantIdentityPolicy.decide(INFORMANT, true, HANDLER,
                caller(UUID.randomUUID(), Permission.POINTS_APPROVE.name(), Permission.INCIDENT_READ.name()));
        assertThat(d.shown()).isFalse();
        assertThat(d.reason()).isEqualTo(InformantIdentityPolicy.Reason.HIDDEN);
        assertThat(InformantIdentityPolicy.decide(INFORMANT, true, null, caller(UUID.randomUUID())).shown())
                .as("an informant without a handler is known to the station chief alone").isFalse();
    }

    @Test
    void aPersonWhoIsNoInformantIsNeverHidden() {
        assertThat(InformantIdentityPolicy.decide(UUID.randomUUID(), false, null, caller(UUID.randomUUID())).shown())
                .isTrue();
    }
}
