package org.fengqiao.duty;

import java.time.LocalDate;
import java.util.UUID;
import org.fengqiao.duty.internal.DutyDesk;
import org.fengqiao.duty.internal.DutyRecords;
import org.fengqiao.duty.internal.DutyResultSweep;
import org.springframework.stereotype.Service;

/**
 * What the demo district may ask of the duty checklist: whether any record is there, past records to load, and the
 * results of the periods they closed.
 */
@Service
public class DutyLoader {

    private final DutyRecords records;
    private final DutyDesk desk;
    private final DutyResultSweep sweep;

    DutyLoader(DutyRecords records, DutyDesk desk, DutyResultSweep sweep) {
        this.records = records;
        this.desk = desk;
        this.sweep = sweep;
    }

    public boolean any() {
        return records.any();
    }

    /** A duty the officer did on a past day in a grid, recorded as kept on paper; answers the record's id. */
    public UUID recorded(UUID officer, String item, LocalDate doneOn, String note, UUID gridId, Integer participants) {
        return desk.recordAs(officer, item, doneOn, note, gridId, participants, "demo");
    }

    /**
     * Keeps each officer's result of the periods closed from {@code first} to today, as the nightly job keeps them
     * (the same code: DutyResultSweep): the past loaded is read by the work figures and the results list as a
     * station's own history. Answers how many results were written.
     */
    public int closePast(LocalDate first) {
        return sweep.since(first, desk.today());
    }
}
