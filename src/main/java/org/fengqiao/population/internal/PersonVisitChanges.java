package org.fengqiao.population.internal;

import static org.fengqiao.population.internal.VisitChangeTexts.literal;
import static org.fengqiao.population.internal.VisitChangeTexts.message;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
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

    /** A field said only as changed, by its label: its value is nothing the visit's list needs. */
    private record Field(String label, Function<Persons.Row, Object> value) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("population.person.sex", Persons.Row::sex),
            new Field("population.person.birthDate", Persons.Row::birthDate),
            new Field("population.person.ethnicity", Persons.Row::ethnicity),
            new Field("population.person.relation", Persons.Row::relation),
            new Field("population.person.registeredOn", Persons.Row::registeredOn),
            new Field("population.person.occupation", Persons.Row::occupation),
            new Field("population.person.workplace", Persons.Row::workplace),
            new Field("population.person.note", Persons.Row::note),
            new Field("population.person.categories", r -> new HashSet<>(r.categories())));

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
                    : new Said("housing.change.personHousehold",
                            List.of(name, literal(household == null ? "—" : household))));
        }
        for (Field f : FIELDS) {
            if (!Objects.equals(f.value().apply(before), f.value().apply(after))) {
                said.add(field(name, f.label()));
            }
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
