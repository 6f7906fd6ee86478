package org.fengqiao.jurisdiction.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.jurisdiction.internal.GridChanges;
import org.fengqiao.jurisdiction.internal.GridIndex;
import org.fengqiao.jurisdiction.internal.Grids;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/grids")
@PreAuthorize("hasAuthority('JURISDICTION_READ')")
@Tag(name = "Jurisdiction: grids")
class GridController {

    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");
    private static final int MAX_PAGE = 500;

    private final Grids grids;
    private final GridChanges changes;
    private final GridIndex index;
    private final ObjectMapper json;
    private final Jurisdictions jurisdictions;
    private final GridCollection collection;

    GridController(Grids grids, GridChanges changes, GridIndex index, ObjectMapper json, Jurisdictions jurisdictions,
            GridCollection collection) {
        this.collection = collection;
        this.grids = grids;
        this.changes = changes;
        this.index = index;
        this.json = json;
        this.jurisdictions = jurisdictions;
    }

    record Page(List<Views.GridSummary> items, long total, int page, int size) {
    }

    record Ref(UUID id, String code, String name) {
    }

    record GridDetail(UUID id, GridNetwork network, String code, String name, Ref community, Ref unit,
            JsonNode boundary, double areaSquareMetres, String comprehensiveCode, String urbanCode,
            String civilizationCode, OffsetDateTime updatedAt, long version, OffsetDateTime retiredAt) {
    }

    record Links(@Size(max = GridChanges.LINKED_CODE_MAX, message = "{error.field.format}") String comprehensiveCode,
            @Size(max = GridChanges.LINKED_CODE_MAX, message = "{error.field.format}") String urbanCode,
            @Size(max = GridChanges.LINKED_CODE_MAX, message = "{error.field.format}") String civilizationCode) {
    }

    record Located(double lat, double lon, List<Views.GridSummary> grids) {
    }

    /** {@code updated}: grids whose stored state the import changed; {@code unchanged}: grids the file held as stored. */
    record ImportResult(int created, int updated, int unchanged, List<GridChanges.Imported> grids) {
    }

    @GetMapping
    @Operation(summary = "The grids the caller sees; a page of them when page or size is given, else all")
    Object list(@RequestParam(required = false) GridNetwork network, @RequestParam(required = false) UUID communityId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Caller caller = Callers.require();
        if (page == null && size == null) {
            return grids.visible(caller, network, communityId, Integer.MAX_VALUE, 0).stream()
                    .map(Views.GridSummary::of).toList();
        }
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        List<Invalid.Problem> problems = new ArrayList<>();
        if (p < 0) {
            problems.add(new Invalid.Problem("page", "jurisdiction.page.negative", new Object[0]));
        }
        if (s < 1 || s > MAX_PAGE) {
            problems.add(new Invalid.Problem("size", "jurisdiction.page.size", new Object[] {MAX_PAGE}));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        return new Page(grids.visible(caller, network, communityId, s, (long) p * s).stream().map(Views.GridSummary::of)
                .toList(),
                grids.countVisible(caller, network, communityId), p, s);
    }

    @GetMapping("/retired")
    @Operation(summary = "The retired grids the caller sees, the latest retired first, with when each was retired",
            description = "Kept for the records filed in them; no other list, form, map or locate offers them.")
    List<GridDetail> retired() {
        return grids.retiredVisible(Callers.require()).stream().map(this::detail).toList();
    }

    @PostMapping("/{id}/restoration")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "Bring a retired grid back into use, its code still its own; audited",
            description = "It is offered in the forms, drawn on the map and found by locate again, and records may be "
                    + "filed into it. 409 when it is not retired, or while a grid in use of its network covers its "
                    + "ground (named when the caller sees it: redraw that grid first); 404 for a grid outside the "
                    + "caller's jurisdiction.")
    GridDetail restore(@PathVariable UUID id) {
        return detail(changes.restore(new GridId(id), Callers.require()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A grid with its boundary as a GeoJSON geometry, its area and the linked 综治/城管/创城 codes")
    GridDetail one(@PathVariable UUID id) {
        return detail(grids.detailVisible(new GridId(id), Callers.require()).orElseThrow(() -> new NotFound("grid", id)));
    }

    /** The unit a grid is placed under. */
    record Placement(UUID unitId) {
    }

    @PutMapping("/{id}/unit")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "Place the grid under a unit at or under its community's unit (its work point, 网格有点)",
            description = "Those who serve the grid (grid coordinators, members, informants, volunteers) are scoped to "
                    + "the units of the grids they serve, and a new item of the grid starts at this unit. 404 for a grid "
                    + "outside the caller's jurisdiction; 400 for a unit unknown to him or outside the community's unit, and for "
                    + "one that answers for another grid or community (another grid's work point, another village's "
                    + "workstation or a unit under it).")
    GridDetail place(@PathVariable UUID id, @RequestBody Placement placement) {
        jurisdictions.placeGrid(new GridId(id), placement.unitId() == null ? null : new UnitId(placement.unitId()),
                Callers.require());
        return detail(grids.detail(new GridId(id)).orElseThrow());
    }

    @PostMapping("/{id}/retirement")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "Retire a grid redrawn or merged away, once nothing lies in it; audited",
            description = "The grid is kept with its records and history (the records filed in it still name it), "
                    + "leaves the lists, forms, map, export and locate, and another grid may be drawn or imported over its "
                    + "ground; its code stays taken. 400 listing what still lies in it, counted, and where to move "
                    + "it (addresses, buildings, organisations, rentals in force, persons living there, incidents not "
                    + "yet answered, open dispute cases and recovery files, roster places held now, forces members "
                    + "still serving, fixed posts), and last that POST /handover moves them all to another grid of "
                    + "the community, nothing changed; 409 when retired already; 404 for a grid outside the caller's "
                    + "jurisdiction.")
    GridDetail retire(@PathVariable UUID id) {
        return detail(changes.retire(new GridId(id), Callers.require()));
    }

    /** The grid a merged grid's records go to. */
    record HandoverRequest(UUID targetGridId) {
    }

    /** The grid retired, the grid that took its records, and how many of each kind moved. */
    record HandoverResult(GridDetail retired, GridDetail target, java.util.Map<String, Long> moved) {
    }

    @PostMapping("/{id}/handover")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "Merge a grid into another of its community (移交至网格…) and retire it; audited with the counts",
            description = "In one transaction: its addresses with the buildings, households, persons, rentals and "
                    + "organisations at them, its open verification tasks, open incidents (keeping their owners), "
                    + "open dispute cases and recovery files, the hard cases on its board not yet done, its forces "
                    + "members, posts and teams, and its roster places (ended "
                    + "here and started there today; a single role the target holds already only ends) move to the "
                    + "target grid, then the grid, empty, is retired as by POST /retirement. 400 when the target is "
                    + "missing, the same grid, unknown to the caller, retired, or of another community or network; "
                    + "409 when a building or organisation name is the target's already, or the grid is retired "
                    + "already; 404 for a grid outside the caller's jurisdiction. Nothing changes when refused.")
    HandoverResult handOver(@PathVariable UUID id, @RequestBody HandoverRequest request) {
        GridChanges.Handover done = changes.handOver(new GridId(id), request == null ? null : request.targetGridId(),
                Callers.require());
        return new HandoverResult(detail(done.retired()), detail(done.target()), done.moved());
    }

    @PutMapping("/{id}/links")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "Set the codes of the matching 综治, 城管 and 创城 grids (四网合一)")
    GridDetail link(@PathVariable UUID id, @Valid @RequestBody Links links) {
        return detail(changes.link(new GridId(id), links.comprehensiveCode(), links.urbanCode(),
                links.civilizationCode(), Callers.require()));
    }

    @GetMapping("/export")
    @Operation(summary = "The grids the caller sees as a GeoJSON FeatureCollection")
    ResponseEntity<ObjectNode> export(@RequestParam(required = false) GridNetwork network) {
        return ResponseEntity.ok().contentType(GEO_JSON).body(collection.of(Callers.require(), network));
    }

    @PostMapping(value = "/import", consumes = {"application/json", "application/geo+json"})
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "Import grids from a GeoJSON FeatureCollection, all or nothing",
            description = "Properties: code, name, network (default POLICE), communityCode, optional unitCode, "
                    + "comprehensiveCode, urbanCode, civilizationCode. unitCode is the code of the unit the grid is "
                    + "placed under (a work point or workstation at or under the community's unit, 网格有点); without "
                    + "it a new grid goes to the community's unit and a replaced grid keeps its unit while that lies "
                    + "at or under the community's unit. A code already stored in the network replaces that grid's "
                    + "boundary and name; a grid the file holds exactly as stored (a file just exported) counts as "
                    + "unchanged, keeps its version and is not audited. Refused as a whole, listing every problem, when a geometry is invalid, a "
                    + "coordinate lies outside China, a community or unit is unknown or outside the importer's "
                    + "jurisdiction, a unit lies outside the community's unit, a code repeats, or grids of one "
                    + "network overlap.")
    ImportResult importGrids(@RequestBody JsonNode collection) {
        List<GridChanges.Imported> imported = changes.importCollection(collection, Callers.require());
        int created = (int) imported.stream().filter(GridChanges.Imported::created).count();
        int unchanged = (int) imported.stream().filter(GridChanges.Imported::unchanged).count();
        return new ImportResult(created, imported.size() - created - unchanged, unchanged, imported);
    }

    /** A boundary drawn on the map for a grid, with the version of the grid it was drawn on. */
    record BoundaryChange(JsonNode geometry, Long version) {
    }

    /** A new grid drawn on the map in a community; network POLICE when missing. */
    record DrawnGrid(UUID communityId, GridNetwork network, String code, String name, JsonNode geometry) {
    }

    /**
     * What a drawn boundary would do: the grid's area now and after, and how many records it moves to another grid,
     * which is none: like an import, a new boundary leaves addresses, incidents and every other record in the grid
     * they were filed in; records filed later are located by the new boundary.
     */
    record BoundaryCheck(UUID id, String code, String name, long version, double areaSquareMetres,
            double newAreaSquareMetres, int recordsMoved) {
    }

    record DrawnCheck(String code, String name, GridNetwork network, double areaSquareMetres) {
    }

    private static final String BOUNDARY_RULES = "Checked as an import of a file holding this one grid "
            + "(POST /api/v1/grids/import) checks it, with its messages: a Polygon or MultiPolygon with closed "
            + "rings of at least four positions, valid (not intersecting itself), inside China, in a community of the caller's "
            + "jurisdiction, overlapping no other grid of its network by more than 1 m². 400 listing every problem "
            + "and nothing changed; 404 for a grid or community outside the caller's jurisdiction.";

    @PostMapping("/{id}/boundary/check")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "What a drawn boundary would change on the grid, nothing saved", description = BOUNDARY_RULES)
    BoundaryCheck checkBoundary(@PathVariable UUID id, @RequestBody BoundaryChange change) {
        GridChanges.Reshaped r = changes.checkBoundary(new GridId(id), change.geometry(), Callers.require());
        return new BoundaryCheck(r.before().id(), r.before().code(), r.before().name(), r.before().version(),
                Math.round(r.before().areaSquareMetres()), Math.round(r.areaSquareMetres()), 0);
    }

    @PutMapping("/{id}/boundary")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "Replace the grid's boundary with one drawn on the map, audited with before and after",
            description = BOUNDARY_RULES + " version is the grid's version the boundary was drawn on: 409 when the "
                    + "grid changed since. Records filed in the grid keep it, as after an import.")
    GridDetail changeBoundary(@PathVariable UUID id, @RequestBody BoundaryChange change) {
        if (change.version() == null) {
            throw Invalid.of("version", "error.field.required");
        }
        return detail(changes.changeBoundary(new GridId(id), change.geometry(), change.version(), Callers.require()));
    }

    @PostMapping("/check")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "Whether a grid drawn on the map could be created, nothing saved", description = BOUNDARY_RULES
            + " A code already held by a grid of the network is refused.")
    DrawnCheck checkNew(@RequestBody DrawnGrid grid) {
        GridChanges.Drawn d = changes.checkNew(newGrid(grid), Callers.require());
        return new DrawnCheck(d.code(), d.name(), d.network(), Math.round(d.areaSquareMetres()));
    }

    @PostMapping
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "Create a grid drawn on the map in a community, placed under the community's unit and audited",
            description = BOUNDARY_RULES + " A code already held by a grid of the network is refused.")
    ResponseEntity<GridDetail> create(@RequestBody DrawnGrid grid) {
        GridDetail created = detail(changes.create(newGrid(grid), Callers.require()));
        return ResponseEntity.created(java.net.URI.create("/api/v1/grids/" + created.id())).body(created);
    }

    private static GridChanges.NewGrid newGrid(DrawnGrid grid) {
        if (grid.communityId() == null) {
            throw Invalid.of("communityId", "error.field.required");
        }
        return new GridChanges.NewGrid(new CommunityId(grid.communityId()), grid.network(), grid.code(), grid.name(),
                grid.geometry());
    }

    @GetMapping("/locate")
    @Operation(summary = "The grid holding a point (WGS84), one per requested network (default POLICE), "
            + "from the in-memory spatial index")
    Located locate(@RequestParam(required = false) Double lat, @RequestParam(required = false) Double lon,
            @RequestParam(required = false) List<GridNetwork> network) {
        checkPoint(lat, lon);
        Caller caller = Callers.require();
        List<GridNetwork> networks = network == null || network.isEmpty() ? List.of(GridNetwork.POLICE) : network;
        List<Views.GridSummary> found = new ArrayList<>();
        for (GridNetwork n : networks.stream().distinct().toList()) {
            // the index answers fast for everybody; the scope is then applied in SQL like every other read
            index.locate(lon, lat, n)
                    .map(Grid::id)
                    .flatMap(id -> grids.detailVisible(id, caller))
                    .map(Views.GridSummary::of)
                    .ifPresent(found::add);
        }
        if (found.isEmpty()) {
            throw new NotFound("grid", lat + "," + lon);
        }
        return new Located(lat, lon, found);
    }

    /** A point asked of the locate (staff's or residents'): both coordinates given and in range, or 400 naming each. */
    static void checkPoint(Double lat, Double lon) {
        List<Invalid.Problem> problems = new ArrayList<>();
        if (lat == null) {
            problems.add(new Invalid.Problem("lat", "error.field.required", new Object[0]));
        } else if (!(lat >= -90 && lat <= 90)) {
            problems.add(new Invalid.Problem("lat", "jurisdiction.locate.latRange", new Object[0]));
        }
        if (lon == null) {
            problems.add(new Invalid.Problem("lon", "error.field.required", new Object[0]));
        } else if (!(lon >= -180 && lon <= 180)) {
            problems.add(new Invalid.Problem("lon", "jurisdiction.locate.lonRange", new Object[0]));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
    }

    private GridDetail detail(Grids.Detail d) {
        return new GridDetail(d.id(), d.network(), d.code(), d.name(),
                new Ref(d.communityId(), d.communityCode(), d.communityName()), new Ref(d.unitId(), d.unitCode(), d.unitName()),
                read(d.boundary()), Math.round(d.areaSquareMetres() * 10) / 10.0, d.comprehensiveCode(), d.urbanCode(),
                d.civilizationCode(), d.updatedAt(), d.version(), d.retiredAt());
    }

    private JsonNode read(String geoJson) {
        try {
            return json.readTree(geoJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored boundary is not JSON", e);
        }
    }
}
