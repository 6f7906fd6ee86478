package org.fengqiao.jurisdiction.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.Invalid;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Decides whether a GeoJSON FeatureCollection of grids may be imported. The import is all or
 * nothing, so the policy looks at every feature and reports every problem it finds, each naming
 * the feature (1-based, as a person counts), its grid code and what is wrong:
 * unreadable or non-polygonal geometry, unclosed rings, invalid polygons (self-intersection and the
 * other JTS validity rules), coordinates outside China, missing or unknown properties, a community
 * the importer does not see, a unit (unitCode) the importer does not see, that lies outside the
 * community's unit's subtree or that answers for another grid or community (another grid's work point, another
 * village's workstation, 网格有点; a work point named by two features of the file), codes repeated in the file, a code held by a grid outside the
 * importer's scope, and overlaps with the other features or with stored grids of the same network
 * that the file does not replace, with the overlap's area. Touching edges are not overlaps: only
 * an intersection larger than {@link #OVERLAP_TOLERANCE_M2} counts, which absorbs the rounding of
 * shared vertices written with seven decimals.
 * <p>
 * Each accepted feature is placed under a unit: the one its unitCode names (a work point or workstation under the
 * community's unit, 网格有点), else for a replaced grid the unit it already has if that still lies at or under its
 * community's unit, so that a re-import does not move grids off their work points, else the community's unit.
 */
public final class GridImportPolicy {

    /** China's extent (lon 73.4–135.1 E, lat 3.8–53.6 N): a coordinate outside it is a typo or swapped axes. */
    public static final Envelope CHINA = new Envelope(73.4, 135.1, 3.8, 53.6);
    public static final double OVERLAP_TOLERANCE_M2 = 1.0;
    /**
     * How far a grid may lie from the stored grids of its community: a village or community is a few kilometres
     * across, so a grid farther off is a typo in its coordinates or a file of another place, not a new grid of it.
     */
    public static final double COMMUNITY_REACH_KM = 50;
    /**
     * How far the first grid of a community may lie from the stored grids of its bureau: a county is rarely more than
     * 100 km across, and the check must still let a county be drawn village by village.
     */
    public static final double BUREAU_REACH_KM = 200;
    private static final double KM_PER_DEGREE_LAT = 110.574;
    private static final double KM_PER_DEGREE_LON_AT_EQUATOR = 111.320;

    private static final String[] VALIDITY_KEYS = new String[12];

    static {
        VALIDITY_KEYS[TopologyValidationError.ERROR] = "invalid";
        VALIDITY_KEYS[TopologyValidationError.REPEATED_POINT] = "repeatedPoint";
        VALIDITY_KEYS[TopologyValidationError.HOLE_OUTSIDE_SHELL] = "holeOutsideShell";
        VALIDITY_KEYS[TopologyValidationError.NESTED_HOLES] = "nestedHoles";
        VALIDITY_KEYS[TopologyValidationError.DISCONNECTED_INTERIOR] = "disconnectedInterior";
        VALIDITY_KEYS[TopologyValidationError.SELF_INTERSECTION] = "selfIntersection";
        VALIDITY_KEYS[TopologyValidationError.RING_SELF_INTERSECTION] = "ringSelfIntersection";
        VALIDITY_KEYS[TopologyValidationError.NESTED_SHELLS] = "nestedShells";
        VALIDITY_KEYS[TopologyValidationError.DUPLICATE_RINGS] = "duplicateRings";
        VALIDITY_KEYS[TopologyValidationError.TOO_FEW_POINTS] = "tooFewPoints";
        VALIDITY_KEYS[TopologyValidationError.INVALID_COORDINATE] = "invalidCoordinate";
        VALIDITY_KEYS[TopologyValidationError.RING_NOT_CLOSED] = "ringNotClosed";
    }

    /** What the policy needs to know about the stored world; the import service answers from the database. */
    public interface World {
        /** The community with this code, if the importer sees it. */
        Optional<CommunityRef> community(String code);

        /** The unit with this code, if the importer sees it. */
        Optional<UnitRef> unit(String code);

        /** The stored grid of the network with this code, whoever sees it. */
        Optional<StoredGrid> stored(GridNetwork network, String code);

        /** Stored grids of the network whose bounding box meets the box. */
        List<StoredGrid> storedIn(GridNetwork network, Envelope box);

        /**
         * Whether the unit, under the community's unit, answers for another grid or community, so that a grid of the
         * community may not be placed there: another grid's work point, another village's workstation (网格有点).
         * {@code grid}: the stored grid the feature replaces, which is not another; null for a new grid.
         */
        boolean answersForOthers(CommunityRef community, UnitRef unit, UUID grid);

        /** The bounding box of the stored grids (every network) of the community; empty when it has none. */
        Optional<Envelope> communityExtent(CommunityRef community);

        /** The bounding box of the stored grids of the bureau over the community's unit; empty when it has none. */
        Optional<Envelope> bureauExtent(CommunityRef community);
    }

    /** A community with the unit that answers for it and that unit's path. */
    public record CommunityRef(UUID id, UUID unitId, String unitPath, String code, String name) {
    }

    public record UnitRef(UUID id, String code, String name, String path, UnitKind kind) {
    }

    /**
     * A stored grid; {@code visible} says whether the importer may see (and so replace) it; {@code unitId} and
     * {@code unitPath} are those of the unit it is placed under; {@code retired}: merged or redrawn away, its code
     * kept by it.
     */
    public record StoredGrid(UUID id, GridNetwork network, String code, Geometry boundary, boolean visible,
            UUID unitId, String unitPath, boolean retired) {
    }

    /** One feature of the file as read, before the checks against the world. */
    public record Candidate(int index, String code, String name, GridNetwork network, String communityCode,
            String unitCode, Geometry geometry, String comprehensiveCode, String urbanCode, String civilizationCode) {
    }

    /**
     * A feature that passed, with what it becomes: a new grid or the replacement of a stored one, placed under the
     * unit {@code unitId}.
     */
    public record Accepted(Candidate candidate, CommunityRef community, Optional<StoredGrid> replaces, UUID unitId) {
    }

    public record Decision(List<Accepted> accepted, List<Invalid.Problem> problems) {
        public boolean refused() {
            return !problems.isEmpty();
        }
    }

    private final List<Invalid.Problem> problems = new ArrayList<>();

    private GridImportPolicy() {
    }

    /** Reads and checks a FeatureCollection; nothing is accepted when any problem is found. */
    public static Decision decide(JsonNode collection, World world) {
        return new GridImportPolicy().run(collection, world);
    }

    private Decision run(JsonNode collection, World world) {
        if (collection == null || !"FeatureCollection".equals(collection.path("type").asText())
                || !collection.path("features").isArray()) {
            problems.add(new Invalid.Problem("type", "jurisdiction.import.notCollection", new Object[0]));
            return new Decision(List.of(), problems);
        }
        JsonNode features = collection.get("features");
        if (features.isEmpty()) {
            problems.add(new Invalid.Problem("features", "jurisdiction.import.empty", new Object[0]));
            return new Decision(List.of(), problems);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            read(i, features.get(i)).ifPresent(candidates::add);
        }
        List<Accepted> accepted = new ArrayList<>();
        Map<String, Candidate> seen = new HashMap<>();
        Set<String> replacedKeys = new HashSet<>();
        for (Candidate c : candidates) {
            if (c.code() == null || c.network() == null) {
                continue;
            }
            Candidate first = seen.putIfAbsent(c.network() + "/" + c.code(), c);
            if (first != null) {
                add(c, "code", "jurisdiction.import.duplicateCode", first.index() + 1);
            }
            replacedKeys.add(c.network() + "/" + c.code());
        }
        Map<UUID, Candidate> workPoints = new HashMap<>();
        for (Candidate c : candidates) {
            CommunityRef community = null;
            if (c.communityCode() != null) {
                community = world.community(c.communityCode()).orElse(null);
                if (community == null) {
                    add(c, "communityCode", "jurisdiction.import.communityUnknown", c.communityCode());
                }
            }
            Optional<StoredGrid> replaces = c.code() != null && c.network() != null
                    ? world.stored(c.network(), c.code()) : Optional.empty();
            UnitRef unit = null;
            if (c.unitCode() != null) {
                unit = world.unit(c.unitCode()).orElse(null);
                if (unit == null) {
                    add(c, "unitCode", "jurisdiction.import.unitUnknown", c.unitCode());
                } else if (community != null && !unit.path().startsWith(community.unitPath())) {
                    add(c, "unitCode", "jurisdiction.import.unitOutsideCommunity", unit.code(), unit.name(),
                            community.code());
                } else if (community != null) {
                    checkAnswersForOthers(c, community, unit, replaces, workPoints, world);
                }
            }
            if (replaces.isPresent() && !replaces.get().visible()) {
                add(c, "code", "jurisdiction.import.codeTaken");
            } else if (replaces.isPresent() && replaces.get().retired()) {
                // reshaping a retired grid would not bring it back, and a new grid cannot take the code it keeps
                add(c, "code", "jurisdiction.import.codeRetired");
            }
            if (community != null && c.geometry() != null) {
                checkPlausible(c, community, world);
            }
            accepted.add(new Accepted(c, community, replaces, placement(community, unit, replaces)));
        }
        checkOverlapsWithinFile(candidates);
        checkOverlapsWithStored(candidates, replacedKeys, world);
        return new Decision(problems.isEmpty() ? accepted : List.of(), problems);
    }

    /**
     * Refuses a boundary far from where its community lies: beyond {@link #COMMUNITY_REACH_KM} of the community's
     * stored grids, or for a community without grids yet beyond {@link #BUREAU_REACH_KM} of its bureau's. The China
     * check alone let a grid 600 km from its village in. A bureau without any grid (a county being set up) has no
     * extent to compare with, and only the China check applies.
     */
    private void checkPlausible(Candidate c, CommunityRef community, World world) {
        Envelope box = c.geometry().getEnvelopeInternal();
        Optional<Envelope> own = world.communityExtent(community);
        if (own.isPresent()) {
            double km = kilometres(box, own.get());
            if (km > COMMUNITY_REACH_KM) {
                add(c, "geometry", "jurisdiction.import.farFromCommunity", community.name(), kilometresText(km),
                        kilometresText(COMMUNITY_REACH_KM));
            }
            return;
        }
        world.bureauExtent(community).ifPresent(bureau -> {
            double km = kilometres(box, bureau);
            if (km > BUREAU_REACH_KM) {
                add(c, "geometry", "jurisdiction.import.farFromBureau", community.name(), kilometresText(km),
                        kilometresText(BUREAU_REACH_KM));
            }
        });
    }

    /** The shortest distance between two lon/lat boxes in kilometres (0 when they meet), by a local projection. */
    static double kilometres(Envelope a, Envelope b) {
        double dLon = Math.max(0, Math.max(a.getMinX() - b.getMaxX(), b.getMinX() - a.getMaxX()));
        double dLat = Math.max(0, Math.max(a.getMinY() - b.getMaxY(), b.getMinY() - a.getMaxY()));
        double latitude = (Math.max(a.getMinY(), b.getMinY()) + Math.min(a.getMaxY(), b.getMaxY())) / 2;
        return Math.hypot(dLon * KM_PER_DEGREE_LON_AT_EQUATOR * Math.cos(Math.toRadians(latitude)),
                dLat * KM_PER_DEGREE_LAT);
    }

    /** Whole kilometres, as a plain number so it reads the same in every language. */
    private static String kilometresText(double km) {
        return String.format(Locale.ROOT, "%.0f", km);
    }

    /**
     * Refuses a named unit that answers for another grid or community, as placing a grid on its page refuses it: a
     * replaced grid may stay at the unit it is at, and a work point stands for one grid of the file too.
     */
    private void checkAnswersForOthers(Candidate c, CommunityRef community, UnitRef unit,
            Optional<StoredGrid> replaces, Map<UUID, Candidate> workPoints, World world) {
        Optional<StoredGrid> own = replaces.filter(StoredGrid::visible);
        boolean stays = own.map(r -> unit.id().equals(r.unitId())).orElse(false);
        if (!stays && world.answersForOthers(community, unit, own.map(StoredGrid::id).orElse(null))) {
            add(c, "unitCode", "jurisdiction.import.unitAnswersForOthers", unit.code(), unit.name(), community.code());
            return;
        }
        if (unit.kind() == UnitKind.WORK_POINT) {
            Candidate first = workPoints.putIfAbsent(unit.id(), c);
            if (first != null) {
                add(c, "unitCode", "jurisdiction.import.workPointRepeated", unit.code(), unit.name(), first.index() + 1,
                        first.code() == null ? "?" : first.code());
            }
        }
    }

    /**
     * The unit a grid goes under: the named one, else a replaced grid's own if it still lies at or under the
     * community's unit, else the community's unit. Null only when the community is unknown (the file is refused).
     */
    private static UUID placement(CommunityRef community, UnitRef unit, Optional<StoredGrid> replaces) {
        if (community == null) {
            return null;
        }
        if (unit != null) {
            return unit.id();
        }
        return replaces.filter(r -> r.unitPath() != null && r.unitPath().startsWith(community.unitPath()))
                .map(StoredGrid::unitId).orElse(community.unitId());
    }

    /** Reads the properties and the geometry of one feature; the geometry is null when it is unusable. */
    private Optional<Candidate> read(int index, JsonNode feature) {
        JsonNode props = feature.path("properties");
        String code = text(props, "code");
        String label = code == null ? "?" : code;
        if (!"Feature".equals(feature.path("type").asText())) {
            problems.add(problem(index, label, "type", "jurisdiction.import.notFeature"));
            return Optional.empty();
        }
        String name = text(props, "name");
        String networkText = text(props, "network");
        GridNetwork network = GridNetwork.POLICE;
        if (networkText != null) {
            try {
                network = GridNetwork.valueOf(networkText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                network = null;
                problems.add(problem(index, label, "network", "jurisdiction.import.networkUnknown", networkText));
            }
        }
        String communityCode = text(props, "communityCode");
        if (code == null) {
            problems.add(problem(index, label, "code", "jurisdiction.import.codeMissing"));
        } else if (code.length() > 64) {
            problems.add(problem(index, label, "code", "jurisdiction.import.codeTooLong"));
        }
        if (name == null) {
            problems.add(problem(index, label, "name", "jurisdiction.import.nameMissing"));
        }
        String comprehensiveCode = text(props, "comprehensiveCode");
        String urbanCode = text(props, "urbanCode");
        String civilizationCode = text(props, "civilizationCode");
        linkedCode(index, label, "comprehensiveCode", comprehensiveCode);
        linkedCode(index, label, "urbanCode", urbanCode);
        linkedCode(index, label, "civilizationCode", civilizationCode);
        if (communityCode == null) {
            problems.add(problem(index, label, "communityCode", "jurisdiction.import.communityMissing"));
        }
        Geometry geometry = geometry(index, label, feature.path("geometry"));
        return Optional.of(new Candidate(index, code, name, network, communityCode, text(props, "unitCode"), geometry,
                comprehensiveCode, urbanCode, civilizationCode));
    }

    /**
     * Refuses a linked code (the matching 综治, 城管 or 创城 grid's) longer than the grid page's form takes one
     * ({@link GridChanges#LINKED_CODE_MAX}), naming the network by the label that form gives the code.
     */
    private void linkedCode(int index, String label, String field, String value) {
        if (value != null && value.length() > GridChanges.LINKED_CODE_MAX) {
            problems.add(problem(index, label, field, "jurisdiction.import.linkedCodeTooLong",
                    new DefaultMessageSourceResolvable("jurisdiction.grid." + field), GridChanges.LINKED_CODE_MAX));
        }
    }

    private Geometry geometry(int index, String label, JsonNode node) {
        String type = node.path("type").asText("");
        if (!type.equals("Polygon") && !type.equals("MultiPolygon")) {
            problems.add(problem(index, label, "geometry", "jurisdiction.import.notPolygon", type.isEmpty() ? "-" : type));
            return null;
        }
        // a position that is not numbers would be read by the checks below as 0 (an "unclosed ring", a latitude 0
        // "outside China") or refused by JTS with its own English words: named as it stands in the file instead
        JsonNode position = badPosition(node.path("coordinates"), type.equals("Polygon") ? 1 : 2);
        if (position != null) {
            problems.add(problem(index, label, "geometry", "jurisdiction.import.geometry.notAPosition",
                    shown(position)));
            return null;
        }
        // checked before JTS reads the geometry, since JTS refuses an unclosed ring with a bare exception
        String ringProblem = ringProblem(node.path("coordinates"), type.equals("Polygon") ? 1 : 2);
        if (ringProblem != null) {
            problems.add(problem(index, label, "geometry", "jurisdiction.import.geometry." + ringProblem, "-", "-"));
            return null;
        }
        Geometry g;
        try {
            g = new GeoJsonReader(Boundary.GEOMETRY).read(node.toString());
        } catch (Exception e) {
            problems.add(problem(index, label, "geometry", "jurisdiction.import.geometryUnreadable",
                    String.valueOf(e.getMessage())));
            return null;
        }
        if (!(g instanceof Polygon) && !(g instanceof MultiPolygon) || g.isEmpty()) {
            problems.add(problem(index, label, "geometry", "jurisdiction.import.notPolygon", g.getGeometryType()));
            return null;
        }
        boolean usable = true;
        for (Coordinate c : g.getCoordinates()) {
            if (!CHINA.contains(c.x, c.y)) {
                problems.add(problem(index, label, "geometry", "jurisdiction.import.outsideChina",
                        coordinate(c.x), coordinate(c.y)));
                usable = false;
                break;
            }
        }
        TopologyValidationError error = new IsValidOp(g).getValidationError();
        if (error != null) {
            int type2 = error.getErrorType();
            String key = type2 >= 0 && type2 < VALIDITY_KEYS.length && VALIDITY_KEYS[type2] != null
                    ? VALIDITY_KEYS[type2] : "invalid";
            Coordinate at = error.getCoordinate();
            problems.add(problem(index, label, "geometry", "jurisdiction.import.geometry." + key,
                    at == null ? "-" : coordinate(at.x), at == null ? "-" : coordinate(at.y)));
            usable = false;
        }
        return usable ? g : null;
    }

    /**
     * "ringNotClosed" or "tooFewPoints" for the first bad ring, null when every ring is closed and long enough. A
     * polygon without a ring, or a multipolygon without a polygon, has too few points: JTS would read it as empty.
     */
    private static String ringProblem(JsonNode coordinates, int depth) {
        if (!coordinates.isArray()) {
            return null;
        }
        if (depth > 0 && coordinates.isEmpty()) {
            return "tooFewPoints";
        }
        if (depth == 0) {
            // coordinates is one ring: an array of positions
            if (coordinates.size() < 4) {
                return "tooFewPoints";
            }
            JsonNode first = coordinates.get(0);
            JsonNode last = coordinates.get(coordinates.size() - 1);
            boolean closed = first.path(0).asDouble() == last.path(0).asDouble()
                    && first.path(1).asDouble() == last.path(1).asDouble();
            return closed ? null : "ringNotClosed";
        }
        for (JsonNode child : coordinates) {
            String problem = ringProblem(child, depth - 1);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /**
     * The first position of the coordinates ({@code depth} 1 for a Polygon's rings of positions, 2 for a
     * MultiPolygon's polygons of rings) that is not a GeoJSON position of numbers (longitude, latitude, an optional
     * altitude), or whatever stands where an array of rings or positions belongs; null when all are positions.
     */
    private static JsonNode badPosition(JsonNode coordinates, int depth) {
        if (!coordinates.isArray()) {
            return coordinates;
        }
        for (JsonNode child : coordinates) {
            JsonNode bad = depth == 0 ? (isPosition(child) ? null : child) : badPosition(child, depth - 1);
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    private static boolean isPosition(JsonNode p) {
        if (!p.isArray() || p.size() < 2) {
            return false;
        }
        for (JsonNode n : p) {
            if (!n.isNumber()) {
                return false;
            }
        }
        return true;
    }

    /** A piece of the file as it stands there, short enough for a message. */
    private static String shown(JsonNode n) {
        String text = n.isMissingNode() ? "-" : n.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private void checkOverlapsWithinFile(List<Candidate> candidates) {
        STRtree tree = new STRtree();
        List<Candidate> usable = candidates.stream().filter(c -> c.geometry() != null && c.network() != null).toList();
        for (Candidate c : usable) {
            tree.insert(c.geometry().getEnvelopeInternal(), c);
        }
        for (Candidate a : usable) {
            for (Object o : tree.query(a.geometry().getEnvelopeInternal())) {
                Candidate b = (Candidate) o;
                if (b.index() <= a.index() || b.network() != a.network()) {
                    continue;
                }
                double m2 = overlap(a.geometry(), b.geometry());
                if (m2 > OVERLAP_TOLERANCE_M2) {
                    add(b, "geometry", "jurisdiction.import.overlapsFeature", a.index() + 1,
                            a.code() == null ? "?" : a.code(), area(m2));
                }
            }
        }
    }

    private void checkOverlapsWithStored(List<Candidate> candidates, Set<String> replacedKeys, World world) {
        Map<GridNetwork, Envelope> boxes = new HashMap<>();
        for (Candidate c : candidates) {
            if (c.geometry() != null && c.network() != null) {
                boxes.computeIfAbsent(c.network(), n -> new Envelope()).expandToInclude(c.geometry().getEnvelopeInternal());
            }
        }
        for (Map.Entry<GridNetwork, Envelope> box : boxes.entrySet()) {
            List<StoredGrid> stored = world.storedIn(box.getKey(), box.getValue()).stream()
                    .filter(s -> !replacedKeys.contains(s.network() + "/" + s.code())).toList();
            STRtree tree = new STRtree();
            stored.forEach(s -> tree.insert(s.boundary().getEnvelopeInternal(), s));
            for (Candidate c : candidates) {
                if (c.geometry() == null || c.network() != box.getKey()) {
                    continue;
                }
                for (Object o : tree.query(c.geometry().getEnvelopeInternal())) {
                    StoredGrid s = (StoredGrid) o;
                    double m2 = overlap(c.geometry(), s.boundary());
                    if (m2 > OVERLAP_TOLERANCE_M2) {
                        if (s.visible()) {
                            add(c, "geometry", "jurisdiction.import.overlapsStored", s.code(), area(m2));
                        } else {
                            // the other grid's code is not for the importer to learn
                            add(c, "geometry", "jurisdiction.import.overlapsHidden", area(m2));
                        }
                    }
                }
            }
        }
    }

    /** The area both geometries cover, in square metres. */
    static double overlap(Geometry a, Geometry b) {
        if (!a.getEnvelopeInternal().intersects(b.getEnvelopeInternal()) || !a.intersects(b)) {
            return 0;
        }
        Geometry both = OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION);
        if (both.isEmpty()) {
            return 0;
        }
        return Boundary.squareMetres(both.getArea(), both.getEnvelopeInternal().centre().y);
    }

    private void add(Candidate c, String field, String key, Object... args) {
        problems.add(problem(c.index(), c.code() == null ? "?" : c.code(), field, key, args));
    }

    /** Every message starts with the feature number and grid code: {0} and {1}; the key's own arguments follow. */
    private static Invalid.Problem problem(int index, String code, String field, String key, Object... args) {
        Object[] all = new Object[args.length + 2];
        all[0] = String.valueOf(index + 1);
        all[1] = code;
        System.arraycopy(args, 0, all, 2, args.length);
        return new Invalid.Problem("features[" + index + "]." + field, key, all);
    }

    private static String text(JsonNode props, String name) {
        JsonNode v = props.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    private static String coordinate(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /** Whole square metres, as a plain number so it reads the same in every language. */
    static String area(double m2) {
        return String.format(Locale.ROOT, "%.0f", m2);
    }
}
