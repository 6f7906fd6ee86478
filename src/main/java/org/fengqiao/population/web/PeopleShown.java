package org.fengqiao.population.web;

import java.time.LocalDate;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.NotFound;
import org.fengqiao.population.Residence;
import org.fengqiao.population.internal.PersonRegister;
import org.springframework.stereotype.Component;

/**
 * The persons a rental or an organisation shows (landlord, tenants, owner, staff), as the person
 * API shows them: identity number and phone masked, a floating resident's residence-permit day.
 * Each is read through the person register, so each read of a person's record is audited; a person
 * outside the caller's jurisdiction shows by name only.
 */
@Component
class PeopleShown {

    private final PersonRegister register;

    PeopleShown(PersonRegister register) {
        this.register = register;
    }

    record PersonRef(UUID personId, String name, String idNumber, String phone, Residence residence,
            LocalDate registeredOn, LocalDate residencePermitFrom, String gridCode, boolean visible) {
    }

    PersonRef of(UUID personId, String name, Caller caller) {
        if (personId == null) {
            return null;
        }
        try {
            PersonController.PersonView v = PersonController.PersonView.of(register.read(personId, caller));
            return new PersonRef(personId, v.name(), v.idNumber(), v.phone(), v.residence(), v.registeredOn(),
                    v.residencePermitFrom(), v.gridCode(), true);
        } catch (NotFound e) {
            return new PersonRef(personId, name, null, null, null, null, null, null, false);
        }
    }

    /** The person as the caller may see him: one he may not open by name only, without his personId. */
    static PersonRef unseenWithoutId(PersonRef p) {
        return p == null || p.visible() ? p : new PersonRef(null, p.name(), null, null, null, null, null, null, false);
    }
}
