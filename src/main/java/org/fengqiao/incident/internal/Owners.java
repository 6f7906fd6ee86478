package org.fengqiao.incident.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.incident.internal.RoutingPolicy.Person;
import org.fengqiao.incident.internal.RoutingPolicy.Roster;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.ShortLived;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.stereotype.Component;

/**
 * Who can own an incident: the current holders of a grid's single roles (the five-level roster of the
 * account module), and the duty person of a unit. A unit's duty person is its first active member by
 * rank: station chief, bureau command, community officer, inspector, auxiliary police (the longest
 * serving first). A unit with nobody of those ranks is passed over when an item moves up.
 */
@Component
public class Owners {

    /** A unit that can own an item and the person named there. */
    public record Level(Unit unit, Person person) {
    }

    private record RosterOf(UUID grid) {
    }

    private record UnitOf(UUID unit) {
    }

    private record DutyOf(UUID unit) {
    }

    private final Jurisdictions jurisdictions;
    private final ShortLived<Object, Object> cache;

    private final StaffDirectory staff;
    private final Clock clock;

    Owners(Jurisdictions jurisdictions, IntakeCaches caches, StaffDirectory staff, Clock clock) {
        this.staff = staff;
        this.clock = clock;
        this.jurisdictions = jurisdictions;
        this.cache = caches.owners;
    }

    /** The current holders of the grid's chief, coordinator and manager roles (cached a few seconds, see IntakeCaches). */
    public Roster roster(UUID gridId) {
        return (Roster) cache.get(new RosterOf(gridId), k -> loadRoster(gridId));
    }

    /** One statement, as before: the account module's holders on the roster today (see RosterDay). */
    private Roster loadRoster(UUID gridId) {
        Map<GridRole, Staff> holders = staff.singleHolders(new GridId(gridId), LocalDate.ofInstant(clock.instant(),
                LocalTimes.ZONE));
        return new Roster(person(holders.get(GridRole.GRID_CHIEF)), person(holders.get(GridRole.COORDINATOR)),
                person(holders.get(GridRole.MANAGER)));
    }

    private static Person person(Staff holder) {
        return holder == null ? null : new Person(holder.id().value(), holder.name());
    }

    public Optional<Person> dutyPerson(UnitId unit) {
        return dutyStaff(unit).map(Owners::person);
    }

    /** The account module's rule (StaffDirectory.dutyPerson), one statement, cached a few seconds. */
    @SuppressWarnings("unchecked")
    private Optional<Staff> dutyStaff(UnitId unit) {
        return (Optional<Staff>) cache.get(new DutyOf(unit.value()), k -> staff.dutyPerson(unit));
    }

    public Unit unit(UUID id) {
        return (Unit) cache.get(new UnitOf(id), k -> jurisdictions.unit(new UnitId(id)).orElseThrow());
    }

    /** The next unit up from this one that has a duty person, with that person; empty at the top. */
    public Optional<Level> above(UnitId unit) {
        Unit current = unit(unit.value());
        while (current.parentId() != null) {
            current = unit(current.parentId().value());
            Optional<Person> person = dutyPerson(current.id());
            if (person.isPresent()) {
                return Optional.of(new Level(current, person.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * The station's duty person for a grid whose roster has no chief: the duty person of the first
     * station at or above the grid's unit, else of the first unit up that has one.
     */
    public Level stationDuty(UnitId gridUnit) {
        return StaffDirectory.stationDuty(gridUnit, id -> unit(id.value()), this::dutyStaff)
                .map(d -> new Level(d.unit(), person(d.person())))
                .orElseThrow(() -> new IllegalStateException("nobody in the units above " + gridUnit
                        + " can own an incident"));
    }
}
