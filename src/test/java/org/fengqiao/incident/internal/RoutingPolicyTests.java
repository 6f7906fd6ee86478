package org.fengqiao.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.Source;
import org.fengqiao.incident.internal.RoutingPolicy.Decision;
import org.fengqiao.incident.internal.RoutingPolicy.Person;
import org.fengqiao.incident.internal.RoutingPolicy.Role;
import org.fengqiao.incident.internal.RoutingPolicy.Roster;
import org.fengqiao.incident.internal.RoutingPolicy.Rule;
import org.junit.jupiter.api.Test;

class RoutingPolicyTests {

    static final Person CHIEF = new Person(UUID.randomUUID(), "网格长");
    static final Person COORDINATOR = new Person(UUID.randomUUID(), "协调员");
    static final Person MANAGER = new Person(UUID.randomUUID(), "管理员");
    static final Person DUTY = new Person(UUID.randomUUID(), "所长");
    static final Roster FULL = new Roster(CHIEF, COORDINATOR, MANAGER);

    final RoutingPolicy policy = new RoutingPolicy();

    Decision decide(Category c, Source s, Roster r) {
        return policy.decide(c, s, r, () -> DUTY);
    }

    @Test
    void helpGoesToTheGridManagerWhoReportsToTheChief() {
        Decision d = decide(Category.HELP, Source.FIELD, FULL);
        assertThat(d.rule()).isEqualTo(Rule.HELP_OR_DISPUTE);
        assertThat(d.owner()).isEqualTo(MANAGER);
        assertThat(d.ownerRole()).isEqualTo(Role.MANAGER);
        assertThat(d.informed()).containsExactly(CHIEF);
        assertThat(d.reasonKey()).isEqualTo("incident.routing.HELP_OR_DISPUTE");
        assertThat(d.fallbackKey()).isNull();
        assertThat(d.mediation()).isFalse();
        assertThat(d.chiefFollows()).isFalse();
    }

    @Test
    void aPureDisputeFromTheFieldGoesToTheManagerWithoutMediation() {
        Decision d = decide(Category.DISPUTE, Source.FIELD, FULL);
        assertThat(d.rule()).isEqualTo(Rule.HELP_OR_DISPUTE);
        assertThat(d.owner()).isEqualTo(MANAGER);
        assertThat(d.mediation()).isFalse();
    }

    @Test
    void aDisputePushedFrom110GoesToMediation() {
        Decision d = decide(Category.DISPUTE, Source.CALL_110, FULL);
        assertThat(d.rule()).isEqualTo(Rule.DISPUTE_FROM_110);
        assertThat(d.mediation()).isTrue();
        assertThat(d.owner()).isEqualTo(MANAGER);
    }

    @Test
    void helpFrom110IsNoMediation() {
        assertThat(decide(Category.HELP, Source.CALL_110, FULL).mediation()).isFalse();
    }

    @Test
    void casesSendTheManagerFirstAndTheChiefFollows() {
        for (Category c : new Category[] {Category.CASE, Category.TRAFFIC, Category.DISASTER}) {
            Decision d = decide(c, Source.CALL_110, FULL);
            assertThat(d.rule()).as(c.name()).isEqualTo(Rule.SCENE);
            assertThat(d.owner()).as(c.name()).isEqualTo(MANAGER);
            assertThat(d.chiefFollows()).as(c.name()).isTrue();
            assertThat(d.mediation()).isFalse();
        }
    }

    @Test
    void otherDepartmentsGoToTheCoordinatorWithAReferral() {
        Decision d = decide(Category.DEPARTMENT, Source.FIELD, FULL);
        assertThat(d.rule()).isEqualTo(Rule.OTHER_DEPARTMENT);
        assertThat(d.owner()).isEqualTo(COORDINATOR);
        assertThat(d.ownerRole()).isEqualTo(Role.COORDINATOR);
        assertThat(d.referral()).isTrue();
        assertThat(d.informed()).containsExactly(CHIEF);
    }

    @Test
    void complaintsGoToTheGridChief() {
        Decision d = decide(Category.COMPLAINT, Source.FIELD, FULL);
        assertThat(d.owner()).isEqualTo(CHIEF);
        assertThat(d.informed()).isEmpty();
    }

    @Test
    void withoutAManagerTheChiefOwnsIt() {
        Decision d = decide(Category.CASE, Source.FIELD, new Roster(CHIEF, COORDINATOR, null));
        assertThat(d.owner()).isEqualTo(CHIEF);
        assertThat(d.ownerRole()).isEqualTo(Role.GRID_CHIEF);
        assertThat(d.wanted()).isEqualTo(Role.MANAGER);
        assertThat(d.fallbackKey()).isEqualTo("incident.routing.fallback.noManager");
        assertThat(d.chiefFollows()).as("the chief is the owner, he does not follow himself").isFalse();
    }

    @Test
    void withoutACoordinatorTheChiefOwnsIt() {
        Decision d = decide(Category.DEPARTMENT, Source.FIELD, new Roster(CHIEF, null, MANAGER));
        assertThat(d.owner()).isEqualTo(CHIEF);
        assertThat(d.fallbackKey()).isEqualTo("incident.routing.fallback.noCoordinator");
    }

    @Test
    void withoutManagerAndChiefTheStationDutyPersonOwnsIt() {
        Decision d = decide(Category.HELP, Source.FIELD, new Roster(null, COORDINATOR, null));
        assertThat(d.owner()).isEqualTo(DUTY);
        assertThat(d.ownerRole()).isEqualTo(Role.STATION_DUTY);
        assertThat(d.fallbackKey()).isEqualTo("incident.routing.fallback.noManagerNorChief");
    }

    @Test
    void aComplaintWithoutChiefGoesToTheStationDutyPerson() {
        Decision d = decide(Category.COMPLAINT, Source.FIELD, new Roster(null, COORDINATOR, MANAGER));
        assertThat(d.owner()).isEqualTo(DUTY);
        assertThat(d.fallbackKey()).isEqualTo("incident.routing.fallback.noChief");
    }

    @Test
    void theStationIsAskedOnlyWhenNeeded() {
        Decision d = policy.decide(Category.HELP, Source.FIELD, FULL, () -> {
            throw new AssertionError("the station's duty person was looked up for a full roster");
        });
        assertThat(d.owner()).isEqualTo(MANAGER);
    }

    @Test
    void everyCategoryAndSourceYieldsANamedOwnerAndAReason() {
        for (Category c : Category.values()) {
            for (Source s : Source.values()) {
                for (Roster r : new Roster[] {FULL, new Roster(null, null, null), new Roster(CHIEF, null, null)}) {
                    Decision d = decide(c, s, r);
                    assertThat(d.owner()).as(c + "/" + s).isNotNull();
                    assertThat(d.reasonKey()).as(c + "/" + s).startsWith("incident.routing.");
                }
            }
        }
    }
}
