package org.fengqiao.population;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.platform.Invalid;
import org.fengqiao.population.internal.Persons;
import org.fengqiao.population.internal.PhoneNumbers;
import org.fengqiao.population.internal.PopulationBatches;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bulk loading of addresses, buildings, households, persons and their categories for system jobs
 * (the demo district): each list goes in as one JDBC batch, so tens of thousands of rows load in
 * seconds. The rows get the same checks and the same stored form as single registrations
 * (identity numbers parsed and encrypted, phones normalised, name bigrams and pinyin computed),
 * but no scope check, since no signed-in caller is involved.
 *
 * <p>Nothing here writes to the audit trail: a bulk load is not a person's act on a person's
 * record, and an entry per row would bury the trail (and slow the load) under tens of thousands of
 * synthetic rows. The caller is a start-up job that runs before anyone can sign in; whoever adds a
 * caller that acts for a user audits that act there.
 */
@Service
@Transactional
public class PopulationLoader {

    private final PopulationBatches batches;

    PopulationLoader(PopulationBatches batches) {
        this.batches = batches;
    }

    /** A standard address (GA/T 2000.32); fullText is its identity and must be new. */
    public record NewAddress(GridId grid, String countyCode, String townshipCode, String province, String city,
            String county, String township, String community, String villageGroup, String doorNumber, String compound, String building, String unitNo, String floor, String room,
            String fullText) {
        public NewAddress {
            Objects.requireNonNull(grid, "grid");
            Objects.requireNonNull(fullText, "fullText");
        }
    }

    /** One room of a building as created: unit, floor and number (floor * 100 + position). */
    public record Room(RoomId id, int unit, int floor, String number) {
    }

    public record Building(BuildingId id, List<Room> rooms) {
    }

    /** What a room is used for: its address when someone lives there, vacant, let to tenants. */
    public record RoomUse(RoomId room, AddressId address, boolean vacant, boolean rental) {
    }

    public record NewHousehold(GridId grid, AddressId address, RoomId room, String number, boolean trusted,
            boolean inDifficulty) {
        public NewHousehold {
            Objects.requireNonNull(grid, "grid");
        }
    }

    /** A person; idNumber must be a valid 18-character number agreeing with sex and birth date. */
    public record NewPerson(GridId grid, HouseholdId household, String name, String idNumber, String phone, Sex sex,
            LocalDate birthDate, String ethnicity, Relation relation, Residence residence, LocalDate registeredOn,
            LocalDate leftOn) {
        public NewPerson {
            Objects.requireNonNull(grid, "grid");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(residence, "residence");
        }
    }

    /** A category of a person; subtype and risk only for key persons. */
    public record NewCategory(PersonId person, Category category, KeyPersonType subtype, Risk risk, LocalDate since) {
        public NewCategory {
            if ((category == Category.KEY_PERSON) != (subtype != null)) {
                throw new IllegalArgumentException("a key person, and only a key person, has a subtype");
            }
        }
    }

    public List<AddressId> addresses(List<NewAddress> addresses) {
        List<PopulationBatches.AddressRow> rows = addresses.stream().map(a -> new PopulationBatches.AddressRow(
                a.grid().value(), a.countyCode(), a.townshipCode(), a.province(), a.city(), a.county(), a.township(), a.community(), a.villageGroup(), null, a.doorNumber(),
                a.compound(), a.building(), a.unitNo(), a.floor(), a.room(), a.fullText())).toList();
        return batches.addresses(rows).stream().map(AddressId::new).toList();
    }

    /** A building with floors x units x rooms per floor rooms, all created at once. */
    public Building building(GridId grid, AddressId address, String name, int floors, int units, int roomsPerFloor) {
        List<PopulationBatches.RoomRow> rooms = new ArrayList<>(floors * units * roomsPerFloor);
        UUID id = batches.building(grid.value(), address == null ? null : address.value(), name, floors, units,
                roomsPerFloor, rooms);
        return new Building(new BuildingId(id),
                rooms.stream().map(r -> new Room(new RoomId(r.id()), r.unitNo(), r.floor(), r.number())).toList());
    }

    public void useRooms(List<RoomUse> uses) {
        batches.useRooms(uses.stream().map(u -> new PopulationBatches.RoomUseRow(u.room().value(),
                u.address() == null ? null : u.address().value(), u.vacant(), u.rental())).toList());
    }

    public List<HouseholdId> households(List<NewHousehold> households) {
        return batches.households(households.stream().map(h -> new PopulationBatches.HouseholdRow(h.grid().value(),
                h.address() == null ? null : h.address().value(), h.room() == null ? null : h.room().value(),
                h.number(), h.trusted(), h.inDifficulty())).toList()).stream().map(HouseholdId::new).toList();
    }

    /** The persons in one batch, their ids in the order given. */
    public List<PersonId> persons(List<NewPerson> people) {
        List<Persons.Fields> fields = new ArrayList<>(people.size());
        for (NewPerson p : people) {
            IdentityNumber number = p.idNumber() == null ? null : IdentityNumber.parse(p.idNumber());
            if (number != null) {
                IdentityNumber.checkAgainst(number, p.birthDate(), p.sex());
            }
            String phone = p.phone() == null ? null : PhoneNumbers.normalised(p.phone());
            if (p.phone() != null && phone == null) {
                throw Invalid.of("phone", "population.phone.invalid");
            }
            fields.add(new Persons.Fields(p.grid().value(), p.household() == null ? null : p.household().value(),
                    p.name(), number, phone, p.sex() == null ? null : p.sex().name(), p.birthDate(), p.ethnicity(),
                    p.relation(), p.residence(), p.registeredOn(), p.leftOn(), null, null, null));
        }
        return batches.persons(fields).stream().map(PersonId::new).toList();
    }

    public void categories(List<NewCategory> categories) {
        batches.categories(categories.stream().map(c -> new PopulationBatches.CategoryRow(c.person().value(),
                c.category().name(), c.subtype() == null ? null : c.subtype().name(),
                c.risk() == null ? null : c.risk().name(), c.since())).toList());
    }
}
