package org.fengqiao.population.internal;

import static org.fengqiao.population.internal.VisitChangeTexts.literal;
import static org.fengqiao.population.internal.VisitChangeTexts.message;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.fengqiao.population.Residence;

/**
 * What a person's registration or change made during a visit (走访) says under the visit: one entry per thing that
 * changed, each a message key of the housing bundle with its arguments, so every reader sees it in his language
 * ({@link VisitChangeTexts}). An identity number or phone is said only masked, as the person's page shows it.
 */
final class PersonVisitChanges {

    /** One line under the visit. */
    record Said(String key, List<String> args) {
    }

    private PersonVisitChanges() {
    }

    static Said registered(Persons.Row row) {
        return new Said("housing.change.personRegistered", List.of(literal(row.name())));
    }

    /**
     * What changed from {@code before} to {@code after}. Whether the identity number and phone changed is told, as
     * their masks may read alike for two numbers; {@code household} is how the household he moved to is named (its
     * number, else its address), null when he moved to none.
     */
    static List<Said> between(Persons.Row before, Persons.Row after, boolean idNumberChanged, boolean phoneChanged,
            String household) {
        String name = literal(after.name());
        List<Said> said = new ArrayList<>();
        if (!Objects.equals(before.name(), after.name())) {
            said.add(new Said("housing.change.personName", List.of(literal(before.name()), name)));
        }
        if (idNumberChanged) {
            said.add(masked(name, "population.person.idNumber", after.idMasked()));
        }
        if (phoneChanged) {
            said.add(masked(name, "population.person.phone", after.phoneMasked()));
        }
        boolean leftSaid = false;
        if (before.residence() != after.residence()) {
            if (after.residence() == Residence.LEFT && after.leftOn() != null) {
                said.add(new Said("housing.change.personLeft", List.of(name, after.leftOn().toString())));
                leftSaid = true;
            } else {
                said.add(new Said("housing.change.personResidence",
                        List.of(name, message("population.residence." + after.residence().name()))));
            }
        }
        if (!leftSaid && !Objects.equals(before.leftOn(), after.leftOn())) {
            said.add(field(name, "population.person.leftOn"));
        }
        if (!Objects.equals(before.householdId(), after.householdId())) {
            said.add(after.householdId() == null ? new Said("housing.change.personNoHousehold", List.of(name))
                    : new Said("housing.change.personHousehold", List.of(name, literal(household == null ? "—" : household))));
        }
        if (!Objects.equals(before.sex(), after.sex())) {
            said.add(field(name, "population.person.sex"));
        }
        if (!Objects.equals(before.birthDate(), after.birthDate())) {
            said.add(field(name, "population.person.birthDate"));
        }
        if (!Objects.equals(before.ethnicity(), after.ethnicity())) {
            said.add(field(name, "population.person.ethnicity"));
        }
        if (!Objects.equals(before.relation(), after.relation())) {
            said.add(field(name, "population.person.relation"));
        }
        if (!Objects.equals(before.registeredOn(), after.registeredOn())) {
            said.add(field(name, "population.person.registeredOn"));
        }
        if (!Objects.equals(before.occupation(), after.occupation())) {
            said.add(field(name, "population.person.occupation"));
        }
        if (!Objects.equals(before.workplace(), after.workplace())) {
            said.add(field(name, "population.person.workplace"));
        }
        if (!Objects.equals(before.note(), after.note())) {
            said.add(field(name, "population.person.note"));
        }
        if (!new HashSet<>(before.categories()).equals(new HashSet<>(after.categories()))) {
            said.add(field(name, "population.person.categories"));
        }
        return said;
    }

    private static Said masked(String name, String label, String masked) {
        return masked == null ? new Said("housing.change.personCleared", List.of(name, message(label)))
                : new Said("housing.change.personMasked", List.of(name, message(label), literal(masked)));
    }

    private static Said field(String name, String label) {
        return new Said("housing.change.personField", List.of(name, message(label)));
    }
}
