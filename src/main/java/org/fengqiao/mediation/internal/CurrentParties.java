package org.fengqiao.mediation.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.population.PersonLookup;
import org.springframework.stereotype.Component;

/**
 * A case's parties as they stand now: a party named on the case as entered; a party linked to the population
 * records with his name and masked numbers read from his record (an audited read), when the reader may read people
 * and sees him; otherwise with the name stored when he was linked, and no numbers. The case page and the agreement
 * PDF show the same.
 */
@Component
public class CurrentParties {

    /** {@code fromRecords}: name and numbers come from the person's record, read just now. */
    public record PartyNow(UUID id, int position, String name, String phoneMasked, String idMasked, UUID personId,
            boolean fromRecords) {
    }

    private final Disputes disputes;
    private final PersonLookup persons;

    CurrentParties(Disputes disputes, PersonLookup persons) {
        this.disputes = disputes;
        this.persons = persons;
    }

    public List<PartyNow> of(UUID caseId, Actor reader) {
        return disputes.parties(caseId).stream().map(p -> {
            if (p.personId() == null) {
                return new PartyNow(p.id(), p.position(), p.name(), p.phoneMasked(), null, null, false);
            }
            Optional<PersonLookup.PersonCard> card = reader.readsPeople()
                    ? persons.read(p.personId(), reader.scopePaths(), reader.reach(), reader.name()) : Optional.empty();
            return card.map(r -> new PartyNow(p.id(), p.position(), r.name(), r.phoneMasked(), r.idMasked(),
                    p.personId(), true))
                    .orElseGet(() -> new PartyNow(p.id(), p.position(), p.name(), null, null, p.personId(), false));
        }).toList();
    }
}
