package org.fengqiao.incident.internal;

import java.util.Optional;
import java.util.UUID;
import org.fengqiao.incident.internal.RoutingPolicy.Person;
import org.fengqiao.incident.internal.RoutingPolicy.Roster;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.ShortLived;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final Jurisdictions jurisdictions;
    private final ShortLived<Object, Object> cache;

    Owners(JdbcClient jdbc, Jurisdictions jurisdictions, IntakeCaches caches) {
        this.jdbc = jdbc;
        this.jurisdictions = jurisdictions;
        this.cache = caches.owners;
    }

    /** The current holders of the grid's chief, coordinator and manager roles (cached a few seconds, see IntakeCaches). */
    public Roster roster(UUID gridId) {
        return (Roster) cache.get(new RosterOf(gridId), k -> loadRoster(gridId));
    }

    private Roster loadRoster(UUID gridId) {
        Person[] holders = new Person[3];
        jdbc.sql("""
                SELECT r.role, s.id, s.name FROM grid_role r JOIN staff s ON s.id = r.staff_id
                WHERE r.grid_id = ? AND r.ended_on IS NULL AND s.active AND r.role IN ('GRID_CHIEF', 'COORDINATOR', 'MANAGER')""")
                .param(gridId)
                .query(rs -> {
                    Person p = new Person(rs.getObject(2, UUID.class), rs.getString(3));
                    switch (rs.getString(1)) {
                        case "GRID_CHIEF" -> holders[0] = p;
                        case "COORDINATOR" -> holders[1] = p;
                        default -> holders[2] = p;
                    }
                });
        return new Roster(holders[0], holders[1], holders[2]);
    }

    @SuppressWarnings("unchecked")
    public Optional<Person> dutyPerson(UnitId unit) {
        return (Optional<Person>) cache.get(new DutyOf(unit.value()), k -> loadDutyPerson(unit));
    }

    private Optional<Person> loadDutyPerson(UnitId unit) {
        return jdbc.sql("""
                SELECT id, name FROM staff WHERE unit_id = ? AND active
                  AND role IN ('STATION_CHIEF', 'BUREAU_COMMAND', 'COMMUNITY_OFFICER', 'INSPECTOR', 'AUXILIARY_POLICE')
                ORDER BY array_position(ARRAY['STATION_CHIEF', 'BUREAU_COMMAND', 'COMMUNITY_OFFICER', 'INSPECTOR',
                         'AUXILIARY_POLICE'], role), created_at, id
                LIMIT 1""")
                .param(unit.value())
                .query((rs, n) -> new Person(rs.getObject(1, UUID.class), rs.getString(2))).optional();
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
        Unit current = unit(gridUnit.value());
        Level first = null;
        while (current != null) {
            Optional<Person> person = dutyPerson(current.id());
            if (person.isPresent()) {
                Level level = new Level(current, person.get());
                if (current.kind() == UnitKind.STATION) {
                    return level;
                }
                if (first == null) {
                    first = level;
                }
            }
            current = current.parentId() == null ? null : unit(current.parentId().value());
        }
        if (first == null) {
            throw new IllegalStateException("nobody in the units above " + gridUnit + " can own an incident");
        }
        return first;
    }
}
