package org.fengqiao.duty.internal;

import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Permission;

/**
 * Who reads the note of a duty record (完成情况) and the reason of its withdrawal: free text that may describe
 * residents (走访某户, 其子有前科). The officer who wrote it reads it, and so do those above him who oversee the duties
 * (the station chief, the bureau's command and the inspectors: the duty overview's readers) when his unit is in their
 * scope; a fellow officer whose list of duties done shows the record (the work figures count it) does not.
 */
public final class NotePolicy {

    /** Whether the reader may read the note, and if not, why not (a message key shown in its place). */
    public record Decision(boolean readable, String reason) {
    }

    static final Decision READABLE = new Decision(true, null);
    static final Decision WITHHELD = new Decision(false, "duty.done.noteWithheld");

    private NotePolicy() {
    }

    public static Decision of(DutyRecords.Record record, Caller reader) {
        boolean own = record.officerId().equals(reader.staffId());
        boolean overseen = reader.may(Permission.DUTY_OVERVIEW.name()) && reader.sees(record.officerPath());
        return own || overseen ? READABLE : WITHHELD;
    }

    /** The record as the reader may read it: whole, or with its note withheld. */
    public static DutyRecords.Record shown(DutyRecords.Record record, Caller reader) {
        return of(record, reader).readable() ? record : record.withheld();
    }
}
