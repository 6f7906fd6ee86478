package org.fengqiao.duty.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.fengqiao.forces.InformantContacted;
import org.fengqiao.forces.ShiftCompleted;
import org.fengqiao.mediation.DisputesScreened;
import org.fengqiao.population.FireSafetyInspected;
import org.fengqiao.population.HouseholdVisited;
import org.fengqiao.population.KeyPersonsReached;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The checklist ticks itself from the records the officer keeps elsewhere, where the platform keeps them, so he does
 * not record the same work twice: a patrol shift he checked out of (forces), a visit that reached a key person, a visit
 * to a household living in a rental or with a floating resident (population), a grid's dispute screening (mediation),
 * a fire-safety inspection of an organisation (population), a contact in person with an informant he handles
 * (forces). Each is an event of the other module, heard after its transaction committed; each ticks the item the
 * rhythm names it for ({@code ticked-by}), once per record.
 */
@Component
public class DutyTicks {

    private final DutyDesk desk;

    DutyTicks(DutyDesk desk) {
        this.desk = desk;
    }

    @ApplicationModuleListener
    void on(ShiftCompleted shift) {
        tick(shift);
    }

    @ApplicationModuleListener
    void on(KeyPersonsReached visited) {
        tick(visited);
    }

    @ApplicationModuleListener
    void on(HouseholdVisited visited) {
        tick(visited);
    }

    @ApplicationModuleListener
    void on(DisputesScreened screened) {
        tick(screened);
    }

    @ApplicationModuleListener
    void on(FireSafetyInspected inspected) {
        tick(inspected);
    }

    @ApplicationModuleListener
    void on(InformantContacted contacted) {
        tick(contacted);
    }

    /** A patrol shift ticks the day he checked in, in the post's grid, with the hours on patrol. */
    public boolean tick(ShiftCompleted shift) {
        OffsetDateTime in = shift.checkedInAt() != null ? shift.checkedInAt() : shift.checkedOutAt();
        BigDecimal hours = shift.hours() == null ? BigDecimal.ZERO : shift.hours();
        return desk.tick(DutyProperties.FORCES_SHIFT, shift.shiftId(), shift.staffId(), day(in), shift.gridId(),
                desk.note("duty.shift.note", hours.toPlainString()), "forces-shift");
    }

    /**
     * A visit ticks his key-person talk once, however many key persons of the household it reached, and whether or
     * not it is their latest (one entered late, after a helper's later visit, is his talk all the same).
     */
    public boolean tick(KeyPersonsReached visited) {
        return desk.tick(DutyProperties.KEY_PERSON_VISIT, visited.visit() == null ? null : visited.visit().value(),
                visited.visitedBy(), day(visited.visitedAt()), visited.grid() == null ? null : visited.grid().value(),
                desk.note("duty.auto.note.KEY_PERSON_VISIT", visited.visit()), "population-visit");
    }

    /** A visit to a household ticks the rental and floating check only where it lives in a rental or has one. */
    public boolean tick(HouseholdVisited visited) {
        if (!visited.rental() && !visited.floating()) {
            return false;
        }
        String what = visited.rental() && visited.floating() ? "both" : visited.rental() ? "rental" : "floating";
        return desk.tick(DutyProperties.RENTAL_FLOATING_VISIT, visited.visit().value(), visited.visitedBy(),
                day(visited.visitedAt()), visited.grid().value(),
                desk.note("duty.auto.note.RENTAL_FLOATING_VISIT." + what, visited.visit()), "population-visit");
    }

    public boolean tick(DisputesScreened screened) {
        return desk.tick(DutyProperties.DISPUTE_SCREENING, screened.screening(), screened.screenedBy(),
                screened.screenedOn(), screened.grid().value(),
                desk.note("duty.auto.note.DISPUTE_SCREENING", screened.screening(), screened.disputesFound()),
                "mediation-screening");
    }

    public boolean tick(FireSafetyInspected inspected) {
        return desk.tick(DutyProperties.FIRE_INSPECTION, inspected.inspection(), inspected.recordedBy(),
                inspected.inspectedOn(), inspected.grid().value(),
                desk.note("duty.auto.note.FIRE_INSPECTION", inspected.inspection()), "population-fire-inspection");
    }

    /**
     * A contact with an informant ticks the week's informant visit when it was in person (a phone call is logged, not
     * a visit), in the informant's grid; the note names the way, never the informant.
     */
    public boolean tick(InformantContacted contacted) {
        if (contacted.way() == null || !contacted.way().inPerson()) {
            return false;
        }
        return desk.tick(DutyProperties.INFORMANT_CONTACT, contacted.contact(), contacted.contactedBy(),
                contacted.contactedOn(), contacted.grid(),
                desk.note("duty.auto.note.INFORMANT_CONTACT." + contacted.way().name()), "forces-informant-contact");
    }

    private static LocalDate day(OffsetDateTime at) {
        return at == null ? null : LocalDate.ofInstant(at.toInstant(), DutyDesk.ZONE);
    }
}
