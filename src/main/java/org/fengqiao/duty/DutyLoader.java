package org.fengqiao.duty;

import java.time.LocalDate;
import java.util.UUID;
import org.fengqiao.duty.internal.DutyDesk;
import org.fengqiao.duty.internal.DutyRecords;
import org.springframework.stereotype.Service;

/** What the demo district may ask of the duty checklist: whether any record is there, and past records to load. */
@Service
public class DutyLoader {

    private final DutyRecords records;
    private final DutyDesk desk;

    DutyLoader(DutyRecords records, DutyDesk desk) {
        this.records = records;
        this.desk = desk;
    }

    public boolean any() {
        return records.any();
    }

    /** A duty the officer did on a past day in a grid, recorded as kept on paper; answers the record's id. */
    public UUID recorded(UUID officer, String item, LocalDate doneOn, String note, UUID gridId, Integer participants) {
        return desk.recordAs(officer, item, doneOn, note, gridId, participants, "demo");
    }
}
