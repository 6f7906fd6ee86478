package org.fengqiao.jurisdiction.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.GridHoldings;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.ParseException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to grids made by a caller: the codes of the matching grids of the other networks, GeoJSON
 * imports, and boundaries drawn on the map, which are decided as an import of a file holding that one grid would be
 * (the same checks and messages, the same audit; records located in the grid keep it, as after an import).
 * Each change is written to the audit trail in its own transaction and refreshes
 * this instance's spatial index once it commits.
 */
@Service
public class GridChanges {

    /** Serialises imports across instances, so two imports cannot each pass the overlap check against the old state. */
    private static final long IMPORT_LOCK = 7262101L;
    private static final String DRAWN_REFUSED = "jurisdiction.boundary.refused";

    private final Grids grids;
    private final Communities communities;
    private final Units units;
    private final GridIndex index;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final org.springframework.beans.factory.ObjectProvider<GridHoldings> holdings;

    GridChanges(Grids grids, Communities communities, Units units, GridIndex index, ApplicationEventPublisher events,
            JdbcClient jdbc, org.springframework.beans.factory.ObjectProvider<GridHoldings> holdings) {
        this.holdings = holdings;
        this.grids = grids;
        this.communities = communities;
        this.units = units;
        this.index = index;
        this.events = events;
        this.jdbc = jdbc;
    }

    /**
     * The most characters a linked code (the matching 综治, 城管 or 创城 grid's code) may have, as the grid page's form
     * takes it and as the import checks it ({@link GridImportPolicy}).
     */
    public static final int LINKED_CODE_MAX = 64;

    /**
     * A grid of an import: {@code created}, or replacing the stored grid of its code; {@code unchanged} when the file
     * holds that grid exactly as stored (a file just exported), which then keeps its version and is not audited.
     */
    public record Imported(UUID id, String code, String name, GridNetwork network, boolean created,
            boolean unchanged) {
    }

    @Transactional
    public Grids.Detail link(GridId id, String comprehensiveCode, String urbanCode, String civilizationCode, Caller caller) {
        Grids.Detail before = grids.detailVisible(id, caller).orElseThrow(() -> new NotFound("grid", id));
        if (before.retired()) {
            // kept as it was when retired, for the records that name it; restored first, it may change
            throw new Conflict("jurisdiction.grid.retiredUnchanged", before.code());
        }
        grids.link(id, blankToNull(comprehensiveCode), blankToNull(urbanCode), blankToNull(civilizationCode));
        Grids.Detail after = grids.detail(id).orElseThrow();
        events.publishEvent(Audited.updated("grid", id, after.unitPath(), links(before), links(after)));
        index.refreshAfterCommit();
        return after;
    }

    /**
     * What importing the FeatureCollection would do, checked by the same policy against the same stored state, and
     * nothing saved: each grid it would create (id null) or replace (the stored grid's id); or the refusal with
     * every problem listed, as the import would refuse it. An import made later decides again.
     */
    @Transactional(readOnly = true)
    public List<Imported> check(JsonNode collection, Caller caller) {
        return decide(collection, caller).stream()
                .map(a -> new Imported(a.replaces().map(GridImportPolicy.StoredGrid::id).orElse(null),
                        a.candidate().code(), a.candidate().name(), a.candidate().network(),
                        a.replaces().isEmpty(), unchanged(a)))
                .toList();
    }

    /** Imports a FeatureCollection as a whole, or refuses it as a whole with every problem listed. */
    @Transactional
    public List<Imported> importCollection(JsonNode collection, Caller caller) {
        lock();
        List<Imported> imported = apply(decide(collection, caller));
        index.refreshAfterCommit();
        return imported;
    }

    /**
     * What a drawn boundary would do to a grid the caller sees, by the import's rules for a file holding that one
     * grid with its code, name, network and community (so it keeps its unit and linked codes): the grid with its area
     * now and after; refused with the import's problems otherwise, nothing saved.
     */
    @Transactional(readOnly = true)
    public Reshaped checkBoundary(GridId id, JsonNode geometry, Caller caller) {
        Grids.Detail before = grids.detailVisible(id, caller).orElseThrow(() -> new NotFound("grid", id));
        GridImportPolicy.Accepted a = decideDrawn(feature(before, geometry), caller).get(0);
        return new Reshaped(before, new Boundary(a.candidate().geometry()).areaSquareMetres());
    }

    /**
     * Replaces a grid's boundary with a drawn one as an import of that one grid would (same checks, same audit of the
     * grid before and after, same records kept), when the caller saw the stored version; stale otherwise.
     */
    @Transactional
    public Grids.Detail changeBoundary(GridId id, JsonNode geometry, long version, Caller caller) {
        lock();
        Grids.Detail before = grids.detailVisible(id, caller).orElseThrow(() -> new NotFound("grid", id));
        if (before.version() != version) {
            throw new Conflict("jurisdiction.boundary.stale", before.version());
        }
        apply(decideDrawn(feature(before, geometry), caller));
        index.refreshAfterCommit();
        return grids.detail(id).orElseThrow();
    }

    /** A new grid drawn in a community the caller sees, checked as the import checks a one-grid file; nothing saved. */
    @Transactional(readOnly = true)
    public Drawn checkNew(NewGrid grid, Caller caller) {
        return new Drawn(grid.code(), grid.name(), grid.network(),
                new Boundary(decideNew(grid, caller).candidate().geometry()).areaSquareMetres());
    }

    /** Creates a drawn grid in a community the caller sees as the import creates one, audited alike. */
    @Transactional
    public Grids.Detail create(NewGrid grid, Caller caller) {
        lock();
        Imported created = apply(List.of(decideNew(grid, caller))).get(0);
        index.refreshAfterCommit();
        return grids.detail(new GridId(created.id())).orElseThrow();
    }

    /**
     * Retires a grid the caller sees (404 otherwise) once nothing keeps it in use any more ({@link GridHoldings#keeping}:
     * no address, building, organisation or rental in force, no person living there, no incident, dispute case or
     * recovery file still open, no roster place held, no forces member or fixed post there). Refused otherwise with
     * what is left, counted, where to move it, and that the handover (移交至网格…) moves everything at once; nothing
     * changed. A retired grid keeps its records, history and code; it leaves the forms, the map and
     * the spatial index, and another grid may be drawn over its ground. Audited as an update of the grid.
     */
    @Transactional
    public Grids.Detail retire(GridId id, Caller caller) {
        lock();
        // before the grid is read and its contents counted: a record being filed into it is waited for, and one
        // filed after waits for this (Jurisdictions#visibleGridForFiling)
        grids.holdForRetirement(id);
        Grids.Detail before = grids.detailVisible(id, caller).orElseThrow(() -> new NotFound("grid", id));
        if (before.retired()) {
            throw new Conflict("jurisdiction.retire.already", before.code());
        }
        Map<String, Long> left = keeping(grids.find(id).orElseThrow());
        if (!left.isEmpty()) {
            List<Invalid.Problem> problems = new ArrayList<>();
            left.forEach((what, count) -> problems.add(new Invalid.Problem(what, "jurisdiction.retire.left." + what,
                    new Object[] {before.code(), count})));
            // the way to move everything at once, where each line above says how to move its own kind
            problems.add(new Invalid.Problem("targetGridId", "jurisdiction.retire.handOverInstead",
                    new Object[] {before.code(), before.communityName()}));
            throw new Invalid("jurisdiction.retire.refused", problems);
        }
        grids.retire(id);
        Grids.Detail after = grids.detail(id).orElseThrow();
        Map<String, Object> was = state(before);
        was.put("retiredAt", null);
        Map<String, Object> is = state(after);
        is.put("retiredAt", after.retiredAt().toString());
        events.publishEvent(Audited.updated("grid", id, after.unitPath(), was, is));
        index.refreshAfterCommit();
        return after;
    }

    /**
     * Brings a retired grid the caller sees (404 otherwise) back into use, its code still its own: the forms, the map
     * and locate take it again, and records may be filed into it. Refused while its ground is covered by a grid in use
     * of its network (the grid that took it over, named when the caller sees it), as two grids must not overlap; the
     * other grid is redrawn first. Audited as an update of the grid.
     */
    @Transactional
    public Grids.Detail restore(GridId id, Caller caller) {
        lock();
        grids.holdForRetirement(id);
        Grids.Detail before = grids.detailVisible(id, caller).orElseThrow(() -> new NotFound("grid", id));
        if (!before.retired()) {
            throw new Conflict("jurisdiction.restore.notRetired", before.code());
        }
        org.locationtech.jts.geom.Geometry ground = geometry(before);
        for (Grids.Detail other : grids.inBox(before.network(), ground.getEnvelopeInternal())) {
            if (GridImportPolicy.overlap(ground, geometry(other)) > GridImportPolicy.OVERLAP_TOLERANCE_M2) {
                throw caller.sees(other.unitPath())
                        ? new Conflict("jurisdiction.restore.overlaps", before.code(), other.code(), other.name())
                        : new Conflict("jurisdiction.restore.overlapsHidden", before.code());
            }
        }
        grids.restore(id);
        Grids.Detail after = grids.detail(id).orElseThrow();
        Map<String, Object> was = state(before);
        was.put("retiredAt", before.retiredAt().toString());
        Map<String, Object> is = state(after);
        is.put("retiredAt", null);
        events.publishEvent(Audited.updated("grid", id, after.unitPath(), was, is));
        index.refreshAfterCommit();
        return after;
    }

    private static org.locationtech.jts.geom.Geometry geometry(Grids.Detail grid) {
        try {
            return Boundary.parse(grid.boundary()).geometry();
        } catch (ParseException e) {
            throw new IllegalStateException("stored boundary of grid " + grid.code() + " is unreadable", e);
        }
    }

    /** A handover done: the grid retired, the grid it went to, and how many records of each kind moved. */
    public record Handover(Grids.Detail retired, Grids.Detail target, Map<String, Long> moved) {
    }

    /**
     * Merges a grid the caller sees (404 otherwise) into another grid in use of the same community and network (移交至
     * 网格…): its addresses with what stands at them, the persons living there, its open incidents and its roster
     * places move there, each module moving its own ({@link GridHoldings}); then the grid, empty, is retired as
     * {@link #retire} retires it. One transaction, audited once with the counts moved. Refused in the caller's language,
     * nothing changed, where the target is missing, the same grid, unknown to the caller, retired, of another community
     * or network. The same community only: a village's grids are merged by its own officer, and its addresses, houses
     * and people do not belong to a grid of another village's committee (moving a village is the tree's own change).
     */
    @Transactional
    public Handover handOver(GridId id, UUID targetId, Caller caller) {
        lock();
        grids.holdForRetirement(id);
        Grids.Detail from = grids.detailVisible(id, caller).orElseThrow(() -> new NotFound("grid", id));
        if (from.retired()) {
            throw new Conflict("jurisdiction.retire.already", from.code());
        }
        if (targetId == null) {
            throw Invalid.of("targetGridId", "error.field.required");
        }
        if (targetId.equals(id.value())) {
            throw Invalid.of("targetGridId", "jurisdiction.handover.same", from.code());
        }
        org.fengqiao.jurisdiction.Grid to = grids.findVisibleHeld(new GridId(targetId), caller)
                .orElseThrow(() -> Invalid.of("targetGridId", "jurisdiction.handover.targetUnknown"));
        if (to.retired()) {
            throw new org.fengqiao.jurisdiction.GridRetired("targetGridId", to);
        }
        if (!to.communityId().value().equals(from.communityId()) || to.network() != from.network()) {
            throw Invalid.of("targetGridId", "jurisdiction.handover.otherCommunity", to.code(), to.name(),
                    from.communityName());
        }
        org.fengqiao.jurisdiction.Grid source = grids.find(id).orElseThrow();
        Map<String, Long> moved = new LinkedHashMap<>();
        holdings.orderedStream().forEach(h -> moved.putAll(h.handOver(source, to)));
        Map<String, Long> left = keeping(source);
        if (!left.isEmpty()) {
            // a module that keeps something here moved nothing of it: not retired half-emptied
            throw new IllegalStateException("grid " + from.code() + " not emptied by its handover: " + left);
        }
        grids.retire(id);
        Grids.Detail after = grids.detail(id).orElseThrow();
        Map<String, Object> was = state(from);
        was.put("retiredAt", null);
        Map<String, Object> is = state(after);
        is.put("retiredAt", after.retiredAt().toString());
        is.put("handedOverTo", to.code());
        is.put("moved", moved);
        events.publishEvent(Audited.updated("grid", id, after.unitPath(), was, is));
        index.refreshAfterCommit();
        return new Handover(after, grids.detail(to.id()).orElseThrow(), moved);
    }

    /**
     * What still keeps the grid in use, counted by each module that keeps records in it ({@link GridHoldings#keeping}),
     * in the modules' order: the kinds with a count above 0, none when the grid may be retired.
     */
    private Map<String, Long> keeping(org.fengqiao.jurisdiction.Grid grid) {
        Map<String, Long> left = new LinkedHashMap<>();
        holdings.orderedStream().forEach(h -> h.keeping(grid).forEach((what, count) -> {
            if (count != null && count > 0) {
                left.merge(what, count, Long::sum);
            }
        }));
        return left;
    }

    /** A grid to be drawn: its community, network (POLICE when null), code and name, and the drawn geometry. */
    public record NewGrid(CommunityId community, GridNetwork network, String code, String name, JsonNode geometry) {
    }

    /** The grid a drawn boundary would reshape, with its area now ({@code before}) and after, in square metres. */
    public record Reshaped(Grids.Detail before, double areaSquareMetres) {
    }

    /** A grid a drawn boundary would create, with its area in square metres. */
    public record Drawn(String code, String name, GridNetwork network, double areaSquareMetres) {
    }

    private GridImportPolicy.Accepted decideNew(NewGrid grid, Caller caller) {
        Community community = communities.findVisible(grid.community(), caller)
                .orElseThrow(() -> new NotFound("community", grid.community()));
        ObjectNode feature = feature(grid.code(), grid.name(), grid.network() == null ? GridNetwork.POLICE
                : grid.network(), community.code(), grid.geometry());
        GridImportPolicy.Accepted a = decideDrawn(feature, caller).get(0);
        if (a.replaces().isPresent()) {
            // the import would replace the grid of that code; a new grid must not
            throw new Invalid(DRAWN_REFUSED, List.of(new Invalid.Problem("code", "jurisdiction.boundary.codeExists",
                    new Object[] {grid.code()})));
        }
        return a;
    }

    /** The stored grid as a one-feature file with a new geometry: what the import would read for it. */
    private static ObjectNode feature(Grids.Detail grid, JsonNode geometry) {
        return feature(grid.code(), grid.name(), grid.network(), grid.communityCode(), geometry);
    }

    /** A feature with the properties the import reads for a grid without a unitCode or linked codes. */
    private static ObjectNode feature(String code, String name, GridNetwork network, String communityCode,
            JsonNode geometry) {
        ObjectNode feature = JsonNodeFactory.instance.objectNode();
        feature.put("type", "Feature");
        ObjectNode p = feature.putObject("properties");
        p.put("code", code);
        p.put("name", name);
        p.put("network", network.name());
        p.put("communityCode", communityCode);
        feature.set("geometry", geometry == null ? JsonNodeFactory.instance.objectNode() : geometry);
        return feature;
    }

    /**
     * The import's decision on a one-feature file, refused under the drawing's own title with the problems on the
     * request's fields (geometry, code, name …) rather than on features[0].
     */
    private List<GridImportPolicy.Accepted> decideDrawn(ObjectNode feature, Caller caller) {
        ObjectNode collection = JsonNodeFactory.instance.objectNode();
        collection.put("type", "FeatureCollection");
        collection.putArray("features").add(feature);
        try {
            return decide(collection, caller);
        } catch (Invalid e) {
            throw new Invalid(DRAWN_REFUSED, e.problems().stream()
                    .map(p -> new Invalid.Problem(p.field().replace("features[0].", ""), p.key(), p.args())).toList());
        }
    }

    /** Serialises every change of boundaries, so two cannot each pass the overlap check against the old state. */
    private void lock() {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)::text").param(IMPORT_LOCK).query(String.class).list();
    }

    /** Saves what the policy accepted: a replaced grid reshaped, a new one inserted, each audited. */
    private List<Imported> apply(List<GridImportPolicy.Accepted> accepted) {
        List<Imported> imported = new ArrayList<>();
        for (GridImportPolicy.Accepted a : accepted) {
            GridImportPolicy.Candidate c = a.candidate();
            Boundary boundary = new Boundary(c.geometry());
            CommunityId community = new CommunityId(a.community().id());
            UnitId unit = new UnitId(a.unitId());
            if (unchanged(a)) {
                // rewriting it would bump its version (a boundary editor open on it would turn stale) and audit
                // an "update" whose before and after are the same
                imported.add(new Imported(a.replaces().get().id(), c.code(), c.name(), c.network(), false, true));
            } else if (a.replaces().isPresent()) {
                GridId id = new GridId(a.replaces().get().id());
                Grids.Detail before = grids.detail(id).orElseThrow();
                grids.reshape(id, c.name(), community, unit, boundary, c.comprehensiveCode(), c.urbanCode(),
                        c.civilizationCode());
                Grids.Detail after = grids.detail(id).orElseThrow();
                events.publishEvent(Audited.updated("grid", id, after.unitPath(), state(before), state(after)));
                imported.add(new Imported(id.value(), c.code(), c.name(), c.network(), false, false));
            } else {
                UUID id = UUID.randomUUID();
                grids.insert(id, c.network(), c.code(), c.name(), community, unit, boundary, c.comprehensiveCode(),
                        c.urbanCode(), c.civilizationCode());
                Grids.Detail after = grids.detail(new GridId(id)).orElseThrow();
                events.publishEvent(Audited.created("grid", id, after.unitPath(), state(after)));
                imported.add(new Imported(id, c.code(), c.name(), c.network(), true, false));
            }
        }
        return imported;
    }

    /**
     * Whether the accepted grid replaces a stored one and saving it would change nothing stored: the same name,
     * community, unit, linked codes (a code left out keeps the stored one, as {@link Grids#reshape} does) and the
     * same boundary once written as the import writes it, compared exactly.
     */
    private boolean unchanged(GridImportPolicy.Accepted a) {
        if (a.replaces().isEmpty()) {
            return false;
        }
        Grids.Detail stored = grids.detail(new GridId(a.replaces().get().id())).orElseThrow();
        GridImportPolicy.Candidate c = a.candidate();
        return stored.name().equals(c.name()) && stored.communityId().equals(a.community().id())
                && stored.unitId().equals(a.unitId()) && kept(stored.comprehensiveCode(), c.comprehensiveCode())
                && kept(stored.urbanCode(), c.urbanCode()) && kept(stored.civilizationCode(), c.civilizationCode())
                && sameBoundary(stored.boundary(), new Boundary(c.geometry()));
    }

    private static boolean kept(String stored, String imported) {
        return imported == null || imported.equals(stored);
    }

    /** The stored boundary and the one the import would store, both read back as the import reads a boundary. */
    private static boolean sameBoundary(String stored, Boundary imported) {
        try {
            return Boundary.parse(stored).geometry().equalsExact(Boundary.parse(imported.toGeoJson()).geometry());
        } catch (ParseException e) {
            throw new IllegalStateException("a stored or written boundary is unreadable", e);
        }
    }

    private List<GridImportPolicy.Accepted> decide(JsonNode collection, Caller caller) {
        GridImportPolicy.Decision decision = GridImportPolicy.decide(collection, new DatabaseWorld(caller));
        if (decision.refused()) {
            throw new Invalid("jurisdiction.import.refused", decision.problems());
        }
        return decision.accepted();
    }

    /** The stored world as the import policy sees it for one caller. */
    private final class DatabaseWorld implements GridImportPolicy.World {
        private final Caller caller;

        DatabaseWorld(Caller caller) {
            this.caller = caller;
        }

        @Override
        public Optional<GridImportPolicy.CommunityRef> community(String code) {
            return communities.findVisibleByCode(code, caller).map(c -> new GridImportPolicy.CommunityRef(
                    c.id().value(), c.unitId().value(), units.find(c.unitId()).orElseThrow().path(), c.code(),
                    c.name()));
        }

        @Override
        public Optional<GridImportPolicy.UnitRef> unit(String code) {
            // an unknown code and one outside the scope look the same
            return units.findByCode(code).filter(u -> caller.sees(u.path()))
                    .map(u -> new GridImportPolicy.UnitRef(u.id().value(), u.code(), u.name(), u.path(), u.kind()));
        }

        @Override
        public boolean answersForOthers(GridImportPolicy.CommunityRef community, GridImportPolicy.UnitRef unit,
                UUID grid) {
            return units.answersForOthers(units.find(new UnitId(community.unitId())).orElseThrow(), community.id(),
                    grid, new UnitId(unit.id()));
        }

        @Override
        public Optional<Envelope> communityExtent(GridImportPolicy.CommunityRef community) {
            return extent("FROM grid g WHERE g.retired_at IS NULL AND g.community_id = ?", community.id());
        }

        @Override
        public Optional<Envelope> bureauExtent(GridImportPolicy.CommunityRef community) {
            // the bureau is the root of the tree the community's unit lies in: the first element of its path
            String path = community.unitPath();
            String bureau = path.substring(0, path.indexOf('/', 1) + 1);
            return extent("FROM grid g JOIN unit u ON u.id = g.unit_id WHERE g.retired_at IS NULL AND u.path LIKE ?",
                    bureau + "%");
        }

        /** Every grid counts, of whichever scope: the extent is where the place lies, not what the caller sees. */
        private Optional<Envelope> extent(String from, Object param) {
            return jdbc.sql("SELECT min(g.min_lon), max(g.max_lon), min(g.min_lat), max(g.max_lat) " + from)
                    .param(param)
                    .query((rs, row) -> rs.getObject(1) == null ? null
                            : new Envelope(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)))
                    .list().stream().filter(java.util.Objects::nonNull).findFirst();
        }

        @Override
        public Optional<GridImportPolicy.StoredGrid> stored(GridNetwork network, String code) {
            return grids.detailByCode(network, code).map(this::stored);
        }

        @Override
        public List<GridImportPolicy.StoredGrid> storedIn(GridNetwork network, Envelope box) {
            return grids.inBox(network, box).stream().map(this::stored).toList();
        }

        private GridImportPolicy.StoredGrid stored(Grids.Detail d) {
            try {
                return new GridImportPolicy.StoredGrid(d.id(), d.network(), d.code(),
                        Boundary.parse(d.boundary()).geometry(), caller.sees(d.unitPath()), d.unitId(), d.unitPath(),
                        d.retired());
            } catch (ParseException e) {
                throw new IllegalStateException("stored boundary of grid " + d.code() + " is unreadable", e);
            }
        }
    }

    static Map<String, Object> links(Grids.Detail d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("comprehensiveCode", d.comprehensiveCode());
        m.put("urbanCode", d.urbanCode());
        m.put("civilizationCode", d.civilizationCode());
        return m;
    }

    /** What the audit trail keeps of a grid: everything that an import can change. */
    static Map<String, Object> state(Grids.Detail d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("network", d.network().name());
        m.put("code", d.code());
        m.put("name", d.name());
        m.put("communityId", d.communityId().toString());
        m.put("unitId", d.unitId().toString());
        m.put("areaSquareMetres", Math.round(d.areaSquareMetres()));
        m.putAll(links(d));
        m.put("boundary", d.boundary());
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
