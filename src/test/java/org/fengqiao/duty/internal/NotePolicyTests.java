package org.fengqiao.duty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.junit.jupiter.api.Test;

class NotePolicyTests {

    static final String STATION = "/bureau/station/";
    static final String OFFICE = STATION + "office/";
    static final UUID OFFICER = UUID.randomUUID();

    static DutyRecords.Record record(UUID officer, String officerPath) {
        return new DutyRecords.Record(UUID.randomUUID(), officer, "李建国", "law-publicity", LocalDate.of(2026, 2, 3),
                "走访王某家，其子有前科", UUID.randomUUID(), "工作站", null, null, null, "MANUAL", null, null, "撤回理由",
                OFFICE, officerPath, false);
    }

    static Caller caller(UUID id, String role, String permission, String... paths) {
        return new Caller(id, "u", "u", role, List.of(paths), Set.of(permission));
    }

    @Test
    void theOfficerReadsHisOwnNote() {
        DutyRecords.Record own = record(OFFICER, OFFICE);
        assertThat(NotePolicy.shown(own, caller(OFFICER, "COMMUNITY_OFFICER", "DUTY_OWN", OFFICE))).isEqualTo(own);
    }

    @Test
    void aFellowOfficerOfTheSameScopeDoesNotReadItNorTheReasonOfItsWithdrawal() {
        DutyRecords.Record shown = NotePolicy.shown(record(OFFICER, OFFICE),
                caller(UUID.randomUUID(), "COMMUNITY_OFFICER", "DUTY_OWN", OFFICE));
        assertThat(shown.note()).isNull();
        assertThat(shown.withdrawnReason()).isNull();
        assertThat(shown.noteWithheld()).isTrue();
        assertThat(shown.officerName()).as("the record itself is listed").isEqualTo("李建国");
    }

    @Test
    void theChiefAboveTheOfficersUnitReadsItAChiefElsewhereDoesNot() {
        DutyRecords.Record r = record(OFFICER, OFFICE);
        assertThat(NotePolicy.of(r, caller(UUID.randomUUID(), "STATION_CHIEF", "DUTY_OVERVIEW", STATION)).readable())
                .isTrue();
        NotePolicy.Decision elsewhere = NotePolicy.of(r, caller(UUID.randomUUID(), "STATION_CHIEF", "DUTY_OVERVIEW",
                "/bureau/other-station/"));
        assertThat(elsewhere.readable()).as("a record done at his place by an officer not his").isFalse();
        assertThat(elsewhere.reason()).isEqualTo("duty.done.noteWithheld");
    }
}
