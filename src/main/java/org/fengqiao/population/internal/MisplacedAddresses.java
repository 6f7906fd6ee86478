package org.fengqiao.population.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Addresses whose location lies in another police grid than the one they are recorded in, and their move into it.
 * A boundary redrawn on the map or grids replaced by an import move no record, so after a re-zoning an address (and
 * what stands at it) may be owned by a grid whose boundary no longer holds it, out of sight of the new grid's officer.
 * The check places each address's point by the same in-memory locate that places a new address
 * ({@link Jurisdictions#locate}); the move brings the address with its buildings (their rooms follow), households and
 * their persons, rentals and organisations into that grid in one transaction, audited per address. Verification
 * tasks, visits and incidents keep the grid they were filed in: they are history.
 */
@Service
public class MisplacedAddresses {

    /** The most addresses one move takes: a page of the check, chosen by hand or all of it. */
    public static final int MOST = 500;

    // what stands at the address :id: the buildings registered at it and their rooms, the rooms given it as their
    // address (flats), the households at it or in those rooms with their persons, the rentals of either, and the
    // organisations at it — what the address page lists (Addresses.at), the buildings' rooms included
    private static final String BUILDINGS = "SELECT id FROM building WHERE address_id = :id";
    private static final String ROOMS = "SELECT id FROM room WHERE address_id = :id OR building_id IN (" + BUILDINGS
            + ")";
    private static final String HOUSEHOLDS = "SELECT id FROM household WHERE address_id = :id OR room_id IN ("
            + ROOMS + ")";
    private static final String PERSONS = "SELECT id FROM person WHERE household_id IN (" + HOUSEHOLDS + ")";
    private static final String RENTALS = "SELECT id FROM rental WHERE address_id = :id OR room_id IN (" + ROOMS + ")";
    private static final String ORGANISATIONS = "SELECT id FROM organisation WHERE address_id = :id";

    /** A table whose rows standing at the address :id move with it, and the statement finding their ids. */
    private record Kind(String table, String ids) {
    }

    private static final Kind BUILDING = new Kind("building", BUILDINGS);
    private static final Kind ORGANISATION = new Kind("organisation", ORGANISATIONS);
    private static final List<Kind> MOVED = List.of(new Kind("person", PERSONS), new Kind("household", HOUSEHOLDS),
            new Kind("rental", RENTALS), ORGANISATION, BUILDING);

    private final JdbcClient jdbc;
    private final Jurisdictions jurisdictions;
    private final ApplicationEventPublisher events;

    MisplacedAddresses(JdbcClient jdbc, Jurisdictions jurisdictions, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.jurisdictions = jurisdictions;
        this.events = events;
    }

    /** How many records stand at an address, by kind. */
    public record Standing(long households, long persons, long buildings, long rooms, long rentals,
            long organisations) {
    }

    /**
     * An address recorded in one grid whose point lies in another ({@code target}); {@code targetVisible} false when
     * that grid lies outside the caller's jurisdiction, and then he may not move it there.
     */
    public record Misplaced(UUID id, String fullText, long version, double lon, double lat, Grid recorded,
            Grid target, boolean targetVisible, Standing standing) {

        public boolean movable() {
            return targetVisible;
        }
    }

    /**
     * The check of a grid or a community: the misplaced addresses in door order; of the addresses recorded there, how
     * many have no location (counted, never moved) and how many lie in no police grid at all; how many were checked.
     */
    public record Check(List<Misplaced> misplaced, long withoutLocation, long outsideEveryGrid, long checked) {
    }

    /** An address chosen to move, with the version the check showed. */
    public record Pick(UUID id, Long version) {
    }

    /** An address moved, from the grid it was recorded in to the one holding its point, with what moved with it. */
    public record Moved(UUID id, String fullText, Grid from, Grid to, Standing standing) {
    }

    /** The grid the caller sees, or 404. */
    public Grid grid(GridId id, Caller caller) {
        return jurisdictions.visibleGrid(id, caller).orElseThrow(() -> new NotFound("grid", id));
    }

    /** The community the caller sees, or 404. */
    public Community community(CommunityId id, Caller caller) {
        return jurisdictions.visibleCommunity(id, caller).orElseThrow(() -> new NotFound("community", id));
    }

    /** The check of one grid: its addresses lying elsewhere, and the addresses of other grids lying in it. */
    public Check ofGrid(GridId id, Caller caller) {
        return check(Set.of(grid(id, caller).id().value()), caller);
    }

    /** The check of a community: the same for each of the police grids the caller sees in it. */
    public Check ofCommunity(CommunityId id, Caller caller) {
        return check(gridsOf(community(id, caller), caller), caller);
    }

    private Set<UUID> gridsOf(Community community, Caller caller) {
        return jurisdictions.visibleGrids(caller).stream()
                .filter(g -> g.network() == GridNetwork.POLICE && g.communityId().equals(community.id()))
                .map(g -> g.id().value()).collect(Collectors.toSet());
    }

    private record Candidate(UUID id, String fullText, long version, Double lon, Double lat, UUID gridId) {
    }

    /**
     * The caller's addresses recorded in one of the grids or lying inside the box around one of them (found by the
     * grid's stored box, then placed by the grid index like any address), placed and compared.
     */
    private Check check(Set<UUID> grids, Caller caller) {
        if (grids.isEmpty()) {
            return new Check(List.of(), 0, 0, 0);
        }
        List<Candidate> candidates = jdbc.sql("""
                SELECT a.id, a.full_text, a.version, a.lon, a.lat, a.grid_id
                FROM address a JOIN grid g ON g.id = a.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE u.path LIKE ANY(:scope) AND (a.grid_id IN (:grids) OR EXISTS (
                    SELECT 1 FROM grid t WHERE t.id IN (:grids) AND a.lon BETWEEN t.min_lon AND t.max_lon
                                           AND a.lat BETWEEN t.min_lat AND t.max_lat))
                ORDER BY\s""" + Addresses.DOOR_ORDER)
                .param("scope", caller.scopePatterns()).param("grids", grids)
                .query((rs, n) -> new Candidate(rs.getObject("id", UUID.class), rs.getString("full_text"),
                        rs.getLong("version"), (Double) rs.getObject("lon"), (Double) rs.getObject("lat"),
                        rs.getObject("grid_id", UUID.class)))
                .list();
        Map<UUID, Grid> known = new LinkedHashMap<>();
        List<Misplaced> misplaced = new ArrayList<>();
        long withoutLocation = 0;
        long outside = 0;
        long checked = 0;
        for (Candidate c : candidates) {
            boolean recordedHere = grids.contains(c.gridId());
            if (c.lon() == null || c.lat() == null) {
                withoutLocation += recordedHere ? 1 : 0;
                continue;
            }
            Optional<Grid> target = jurisdictions.locate(c.lat(), c.lon(), GridNetwork.POLICE);
            if (target.isEmpty()) {
                outside += recordedHere ? 1 : 0;
                checked += recordedHere ? 1 : 0;
                continue;
            }
            UUID to = target.get().id().value();
            if (!recordedHere && !grids.contains(to)) {
                continue;
            }
            checked++;
            if (to.equals(c.gridId())) {
                continue;
            }
            Grid recorded = known.computeIfAbsent(c.gridId(), g -> jurisdictions.grid(new GridId(g)).orElseThrow());
            misplaced.add(new Misplaced(c.id(), c.fullText(), c.version(), c.lon(), c.lat(), recorded, target.get(),
                    caller.sees(target.get().unitPath()), standing(c.id())));
        }
        return new Check(misplaced, withoutLocation, outside, checked);
    }

    /** What stands at the address, counted the way the move takes it. */
    public Standing standing(UUID address) {
        return jdbc.sql("SELECT (SELECT count(*) FROM (" + HOUSEHOLDS + ") x) AS households, "
                        + "(SELECT count(*) FROM (" + PERSONS + ") x) AS persons, "
                        + "(SELECT count(*) FROM (" + BUILDINGS + ") x) AS buildings, "
                        + "(SELECT count(*) FROM room WHERE building_id IN (" + BUILDINGS + ")) AS rooms, "
                        + "(SELECT count(*) FROM (" + RENTALS + ") x) AS rentals, "
                        + "(SELECT count(*) FROM (" + ORGANISATIONS + ") x) AS organisations")
                .param("id", address)
                .query((rs, n) -> new Standing(rs.getLong("households"), rs.getLong("persons"),
                        rs.getLong("buildings"), rs.getLong("rooms"), rs.getLong("rentals"),
                        rs.getLong("organisations")))
                .single();
    }

    /** {@link #move(Set, List, Caller)} of addresses of one grid's check. */
    @Transactional
    public List<Moved> moveInGrid(GridId id, List<Pick> picks, Caller caller) {
        return move(Set.of(grid(id, caller).id().value()), picks, caller);
    }

    /** {@link #move(Set, List, Caller)} of addresses of a community's check. */
    @Transactional
    public List<Moved> moveInCommunity(CommunityId id, List<Pick> picks, Caller caller) {
        return move(gridsOf(community(id, caller), caller), picks, caller);
    }

    /**
     * Moves each address chosen, with everything standing at it, into the police grid holding its point: all or
     * nothing. An address the caller does not see, or whose grid there he does not see, is not found (404); one
     * changed since the check (another version), or already in that grid, is a conflict (409); one without a location
     * or outside every grid, or neither recorded in nor lying in the grids checked, is refused (400).
     */
    private List<Moved> move(Set<UUID> grids, List<Pick> picks, Caller caller) {
        List<Pick> chosen = checked(picks);
        List<Moved> moved = new ArrayList<>();
        for (Pick pick : chosen) {
            moved.add(moveOne(grids, pick, caller));
        }
        return moved;
    }

    private static List<Pick> checked(List<Pick> picks) {
        if (picks == null || picks.isEmpty()) {
            throw Invalid.of("addresses", "places.misplaced.noneChosen");
        }
        if (picks.size() > MOST) {
            throw Invalid.of("addresses", "places.misplaced.tooMany", MOST);
        }
        if (picks.stream().anyMatch(p -> p == null || p.id() == null || p.version() == null)) {
            throw Invalid.of("addresses", "places.misplaced.pickIncomplete");
        }
        // each address once, in the order of their ids: two moves lock the rows they share in the same order
        return picks.stream().collect(Collectors.toMap(Pick::id, p -> p, (a, b) -> a)).values().stream()
                .sorted(Comparator.comparing(Pick::id)).toList();
    }

    private Moved moveOne(Set<UUID> grids, Pick pick, Caller caller) {
        Candidate a = jdbc.sql("""
                SELECT a.id, a.full_text, a.version, a.lon, a.lat, a.grid_id
                FROM address a JOIN grid g ON g.id = a.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE a.id = :id AND u.path LIKE ANY(:scope) FOR UPDATE OF a""")
                .param("id", pick.id()).param("scope", caller.scopePatterns())
                .query((rs, n) -> new Candidate(rs.getObject("id", UUID.class), rs.getString("full_text"),
                        rs.getLong("version"), (Double) rs.getObject("lon"), (Double) rs.getObject("lat"),
                        rs.getObject("grid_id", UUID.class)))
                .optional().orElseThrow(() -> new NotFound("address", pick.id()));
        if (a.version() != pick.version()) {
            throw new Conflict("places.misplaced.stale", a.fullText(), a.version());
        }
        if (a.lon() == null || a.lat() == null) {
            throw Invalid.of("addresses", "places.misplaced.noLocation", a.fullText());
        }
        Grid to = jurisdictions.locate(a.lat(), a.lon(), GridNetwork.POLICE)
                .orElseThrow(() -> Invalid.of("addresses", "places.misplaced.noGrid", a.fullText()));
        if (to.id().value().equals(a.gridId())) {
            throw new Conflict("places.misplaced.inPlace", a.fullText(), to.code());
        }
        if (!grids.contains(a.gridId()) && !grids.contains(to.id().value())) {
            throw Invalid.of("addresses", "places.misplaced.notListed", a.fullText());
        }
        if (!caller.sees(to.unitPath())) {
            throw new NotFound("grid", to.id());
        }
        // the map is this instance's: a grid retired a moment ago may still be on it; held against a retirement now
        jurisdictions.gridToFileInto(to.id());
        refuseNameClashes(a, to);
        Grid from = jurisdictions.grid(new GridId(a.gridId())).orElseThrow();
        Standing standing = standing(a.id());
        UUID target = to.id().value();
        // the sets are found by address, building, room and household, never by grid: the order is free
        for (Kind kind : MOVED) {
            jdbc.sql("UPDATE " + kind.table() + " SET grid_id = :to, version = version + 1, updated_at = now() "
                            + "WHERE grid_id <> :to AND id IN (" + kind.ids() + ")")
                    .param("to", target).param("id", a.id()).update();
        }
        jdbc.sql("UPDATE address SET grid_id = :to, version = version + 1, updated_at = now() WHERE id = :id")
                .param("to", target).param("id", a.id()).update();
        events.publishEvent(Audited.updated("address", a.id(), to.unitPath(), state(a, from, a.version(), null),
                state(a, to, a.version() + 1, standing)));
        return new Moved(a.id(), a.fullText(), from, to, standing);
    }

    /** A building or organisation moving in under a name the target grid has already (names are unique per grid). */
    private void refuseNameClashes(Candidate a, Grid to) {
        for (Kind kind : List.of(BUILDING, ORGANISATION)) {
            Optional<String> clash = jdbc.sql("SELECT m.name FROM " + kind.table() + " m WHERE m.id IN ("
                            + kind.ids() + ") AND m.grid_id <> :to AND EXISTS (SELECT 1 FROM " + kind.table()
                            + " o WHERE o.grid_id = :to AND o.name = m.name) ORDER BY m.name LIMIT 1")
                    .param("to", to.id().value()).param("id", a.id()).query(String.class).optional();
            if (clash.isPresent()) {
                throw new Conflict("places.misplaced." + kind.table() + "NameTaken", a.fullText(), clash.get(),
                        to.code());
            }
        }
    }

    private static Map<String, Object> state(Candidate a, Grid grid, long version, Standing moved) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gridId", grid.id().value());
        m.put("gridCode", grid.code());
        m.put("fullText", a.fullText());
        m.put("version", version);
        if (moved != null) {
            m.put("moved", moved);
        }
        return m;
    }
}
