package org.fengqiao.jurisdiction.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.ParseException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to grids made by a caller: the codes of the matching grids of the other networks, and
 * GeoJSON imports. Each change is written to the audit trail in its own transaction and refreshes
 * this instance's spatial index once it commits.
 */
@Service
public class GridChanges {

    /** Serialises imports across instances, so two imports cannot each pass the overlap check against the old state. */
    private static final long IMPORT_LOCK = 7262101L;

    private final Grids grids;
    private final Communities communities;
    private final Units units;
    private final GridIndex index;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;

    GridChanges(Grids grids, Communities communities, Units units, GridIndex index, ApplicationEventPublisher events,
            JdbcClient jdbc) {
        this.grids = grids;
        this.communities = communities;
        this.units = units;
        this.index = index;
        this.events = events;
        this.jdbc = jdbc;
    }

    public record Imported(UUID id, String code, String name, GridNetwork network, boolean created) {
    }

    @Transactional
    public Grids.Detail link(GridId id, String comprehensiveCode, String urbanCode, String civilizationCode, Caller caller) {
        Grids.Detail before = grids.detailVisible(id, caller).orElseThrow(() -> new NotFound("grid", id));
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
                        a.replaces().isEmpty()))
                .toList();
    }

    /** Imports a FeatureCollection as a whole, or refuses it as a whole with every problem listed. */
    @Transactional
    public List<Imported> importCollection(JsonNode collection, Caller caller) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)::text").param(IMPORT_LOCK).query(String.class).list();
        List<Imported> imported = new ArrayList<>();
        for (GridImportPolicy.Accepted a : decide(collection, caller)) {
            GridImportPolicy.Candidate c = a.candidate();
            Boundary boundary = new Boundary(c.geometry());
            CommunityId community = new CommunityId(a.community().id());
            UnitId unit = new UnitId(a.unitId());
            if (a.replaces().isPresent()) {
                GridId id = new GridId(a.replaces().get().id());
                Grids.Detail before = grids.detail(id).orElseThrow();
                grids.reshape(id, c.name(), community, unit, boundary, c.comprehensiveCode(), c.urbanCode(),
                        c.civilizationCode());
                Grids.Detail after = grids.detail(id).orElseThrow();
                events.publishEvent(Audited.updated("grid", id, after.unitPath(), state(before), state(after)));
                imported.add(new Imported(id.value(), c.code(), c.name(), c.network(), false));
            } else {
                UUID id = UUID.randomUUID();
                grids.insert(id, c.network(), c.code(), c.name(), community, unit, boundary, c.comprehensiveCode(),
                        c.urbanCode(), c.civilizationCode());
                Grids.Detail after = grids.detail(new GridId(id)).orElseThrow();
                events.publishEvent(Audited.created("grid", id, after.unitPath(), state(after)));
                imported.add(new Imported(id, c.code(), c.name(), c.network(), true));
            }
        }
        index.refreshAfterCommit();
        return imported;
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
                        Boundary.parse(d.boundary()).geometry(), caller.sees(d.unitPath()), d.unitId(), d.unitPath());
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
