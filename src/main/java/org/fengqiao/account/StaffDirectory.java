package org.fengqiao.account;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.fengqiao.account.internal.PasswordPolicy;
import org.fengqiao.account.internal.Roster;
import org.fengqiao.account.internal.StaffAdministration;
import org.fengqiao.account.internal.StaffRegister;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules may ask of the people who work: who someone is, and the commands that put
 * people on the books and on a grid's roster (used by administration and the demo district).
 */
@Service
public class StaffDirectory {

    private final StaffRegister register;
    private final Roster roster;
    private final Jurisdictions jurisdictions;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    /** The application's clock: a password's time of setting is read against it (PasswordExpiry). */
    private final java.time.Clock clock;

    StaffDirectory(StaffRegister register, Roster roster, Jurisdictions jurisdictions, PasswordEncoder passwords,
            ApplicationEventPublisher events, java.time.Clock clock) {
        this.clock = clock;
        this.register = register;
        this.roster = roster;
        this.jurisdictions = jurisdictions;
        this.passwords = passwords;
        this.events = events;
    }

    public Optional<Staff> staff(StaffId id) {
        return register.byId(id.value()).map(StaffRegister.Row::toStaff);
    }

    /** A person's police number (警号), which his public card shows; empty for one who has none. */
    public Optional<String> policeNumber(StaffId id) {
        return register.byId(id.value()).map(StaffRegister.Row::policeNumber);
    }

    public Optional<Staff> byUsername(String username) {
        return register.byUsername(username).map(StaffRegister.Row::toStaff);
    }

    /** A new person who works, with a sign-in when a user name and password are given. */
    @Transactional
    public Staff register(UnitId unit, StaffRole role, String name, String policeNumber, String phone, String title,
            String username, String password) {
        String path = jurisdictions.unit(unit).orElseThrow(() -> new NotFound("unit", unit)).path();
        String hash = null;
        if (username != null) {
            List<String> broken = PasswordPolicy.check(password, username);
            if (!broken.isEmpty()) {
                throw new Invalid("error.invalid", broken.stream().map(k -> new Invalid.Problem("password", k,
                        PasswordPolicy.arguments(k))).toList());
            }
            hash = passwords.encode(password);
        }
        return registerWithHash(unit, path, role, name, policeNumber, phone, title, username, hash);
    }

    /**
     * As {@link #register}, with a password hash computed once by the caller: the demo district
     * gives every demo account the same published password and need not hash it for each.
     */
    @Transactional
    public Staff registerWithHash(UnitId unit, String unitPath, StaffRole role, String name, String policeNumber,
            String phone, String title, String username, String passwordHash) {
        UUID id = UUID.randomUUID();
        register.insert(id, unit.value(), role, name, policeNumber, phone, title, username, passwordHash,
                clock.instant());
        Staff staff = new Staff(new StaffId(id), unit, role, name, username, true);
        events.publishEvent(Audited.created("staff", id, unitPath, staff));
        return staff;
    }

    /**
     * Gives a person who has no sign-in this user name and password hash (computed by the caller, as for
     * {@link #registerWithHash}), unless the name is someone's already; answers whether it did. Written and audited
     * as the security administrator's giving of a sign-in is, under {@code actor}: nobody is signed in (start-up).
     */
    @Transactional
    public boolean giveSignIn(StaffId id, String username, String passwordHash, String actor) {
        StaffRegister.Row before = register.byId(id.value()).orElseThrow(() -> new NotFound("staff", id));
        if (before.username() != null || register.usernameTaken(username)) {
            return false;
        }
        register.setAccount(id.value(), username, passwordHash, false, clock.instant());
        StaffRegister.Row after = register.byId(id.value()).orElseThrow();
        events.publishEvent(Audited.updated("staff", id.value(), before.unitPath(),
                StaffAdministration.Snapshot.of(before), StaffAdministration.Snapshot.of(after)).by(actor));
        return true;
    }

    public String hash(String password) {
        return passwords.encode(password);
    }

    /** Puts a person in a grid role from a day on; single-holder roles end the previous holder's term that day. */
    @Transactional
    public void assignGridRole(GridId grid, StaffId staff, GridRole role, LocalDate from, StaffId assignedBy) {
        roster.assign(grid, staff, role, from, assignedBy);
    }

    /**
     * The grid chiefs (网格长) of a grid on a day, as {@link RosterDay} defines it: active, the first appointed
     * first. Every module that asks who decides, is reminded of or owns a grid's work asks here.
     */
    public List<UUID> gridChiefs(GridId grid, LocalDate day) {
        return roster.chiefs(List.of(grid.value()), day).getOrDefault(grid.value(), List.of());
    }

    /** {@link #gridChiefs(GridId, LocalDate)} of several grids in one statement, by grid id (none: left out). */
    public Map<UUID, List<UUID>> gridChiefs(Collection<UUID> grids, LocalDate day) {
        return roster.chiefs(grids, day);
    }

    /** Whether a person is a grid chief of the grid on a day. */
    public boolean headsGrid(GridId grid, StaffId staff, LocalDate day) {
        return roster.holds(grid.value(), staff.value(), Set.of(GridRole.GRID_CHIEF), day);
    }

    /** The grids a person heads as grid chief on a day. */
    public List<UUID> gridsHeadedBy(StaffId staff, LocalDate day) {
        return roster.gridsHeadedBy(staff.value(), day);
    }

    /** The grids a person heads as grid chief or manages as grid manager on a day: the grids whose work is his. */
    public List<UUID> gridsLookedAfterBy(StaffId staff, LocalDate day) {
        return roster.gridsLookedAfterBy(staff.value(), day);
    }

    /**
     * Whether a person reads the grid's records where the grid lies now, as he would signed in now (the scope and the
     * grid reach his sign-in gives him: the police by their unit's subtree, those who serve grids without police powers
     * by the grids they serve at or under their unit, or their unit's subtree while they serve none there). False for
     * one inactive, or a grid that does not exist. Whoever gives a person a grid's work asks here, so that what is
     * given him is what he finds.
     */
    public boolean readsGrid(StaffId staff, GridId grid) {
        return !readersOf(grid, List.of(staff.value())).isEmpty();
    }

    /**
     * Those of these people who read the grid where it lies now ({@link #readsGrid}), in the order given, each once;
     * read afresh, so that the transaction that just moved the grid's village or changed its roster sees what it did.
     */
    public List<UUID> readersOf(GridId grid, Collection<UUID> staff) {
        if (staff.isEmpty()) {
            return List.of();
        }
        Optional<String> place = jurisdictions.grid(grid).map(org.fengqiao.jurisdiction.Grid::unitPath);
        if (place.isEmpty()) {
            return List.of();
        }
        Set<UUID> reading = new java.util.HashSet<>();
        for (StaffRegister.Signing s : register.signings(staff)) {
            if (s.readsGrid(grid.value(), place.get())) {
                reading.add(s.row().id());
            }
        }
        return staff.stream().filter(reading::contains).distinct().toList();
    }

    /** Whether a person holds any role on the grid's roster on a day. */
    public boolean onRoster(GridId grid, StaffId staff, LocalDate day) {
        return roster.holds(grid.value(), staff.value(), Set.of(), day);
    }

    /**
     * A unit's duty person, who owns what reaches the unit with no one named below: its first active member by rank
     * (station chief, bureau command, community officer, inspector, auxiliary police), the longest serving first.
     */
    public Optional<Staff> dutyPerson(UnitId unit) {
        return register.dutyPerson(unit.value()).map(StaffRegister.Row::toStaff);
    }

    /** A unit with its duty person. */
    public record OnDuty(Unit unit, Staff person) {
    }

    /**
     * Who takes what waits in a grid with nobody on its roster to take it: the duty person of the first station at or
     * above the grid's unit, else of the nearest unit up that has one; empty when nobody up the tree can be named.
     * {@code units} and {@code duty} say how a unit and its duty person are read (the incident module reads them
     * through its few seconds' cache).
     */
    public static Optional<OnDuty> stationDuty(UnitId gridUnit, Function<UnitId, Unit> units,
            Function<UnitId, Optional<Staff>> duty) {
        Unit current = units.apply(gridUnit);
        OnDuty first = null;
        while (current != null) {
            Optional<Staff> person = duty.apply(current.id());
            if (person.isPresent()) {
                OnDuty level = new OnDuty(current, person.get());
                if (current.kind() == UnitKind.STATION) {
                    return Optional.of(level);
                }
                if (first == null) {
                    first = level;
                }
            }
            current = current.parentId() == null ? null : units.apply(current.parentId());
        }
        return Optional.ofNullable(first);
    }

    /** {@link #stationDuty(UnitId, Function, Function)} read from the database as it is now. */
    public Optional<OnDuty> stationDuty(UnitId gridUnit) {
        return stationDuty(gridUnit, id -> jurisdictions.unit(id).orElseThrow(() -> new NotFound("unit", id)),
                this::dutyPerson);
    }

    /** The active holders of a grid's single roles on a day (grid chief, coordinator, manager), one statement. */
    public Map<GridRole, Staff> singleHolders(GridId grid, LocalDate day) {
        return roster.singleHolders(grid.value(), day);
    }

    /**
     * Who decides what a grid's own chiefs may not (a hard case one of them claimed, an award one of them holds) or
     * what waits in a grid that has no chief: the active station chiefs above the place ({@code unitPath}, a grid's),
     * the nearest first, who hold {@code permission}.
     */
    public List<UUID> stationChiefsOver(String unitPath, org.fengqiao.platform.Permission permission) {
        return register.stationChiefsOver(unitPath).stream().filter(id -> may(new StaffId(id), permission)).toList();
    }

    /** The roles that grant a permission, by name (another module choosing among people by what they may do). */
    public List<String> rolesWith(org.fengqiao.platform.Permission permission) {
        return java.util.Arrays.stream(StaffRole.values())
                .filter(r -> org.fengqiao.account.internal.RolePolicy.permissionsOf(r).contains(permission))
                .map(Enum::name).toList();
    }

    /**
     * The roles whose holders read the grids they serve rather than their unit's subtree, by name: those who serve grids
     * without police powers, while they serve any at or under their unit (the sign-in's scope); another module asking
     * whether someone other than the caller reads a grid's records.
     */
    public List<String> rolesReadingServedGrids() {
        return java.util.Arrays.stream(StaffRole.values())
                .filter(org.fengqiao.account.internal.ScopePolicy::readsServedGrids).map(Enum::name).toList();
    }

    /** Whether a person's role grants a permission (another module checking someone other than the caller). */
    public boolean may(StaffId id, org.fengqiao.platform.Permission permission) {
        return staff(id).filter(Staff::active)
                .map(s -> org.fengqiao.account.internal.RolePolicy.permissionsOf(s.role()).contains(permission))
                .orElse(false);
    }
}
