package org.fengqiao.jurisdiction.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.UUID;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.internal.Grids;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The police grids as a resident's report form shows them on its map (no account): each grid's name, its community's
 * name and its outline, and which grid holds a point the resident taps. Nothing else of a grid (codes, units, the
 * people who serve it) leaves here; retired grids are not shown, as no report is filed into them.
 */
@RestController
@RequestMapping("/api/public/v1/grids")
@Tag(name = "Public grid map", description = "The police grids' names and outlines for the residents' report form")
class PublicGridController {

    /** How long a browser may keep the outlines: grids are redrawn seldom, and a report names its point anyway. */
    private static final CacheControl KEPT = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final Grids grids;
    private final Jurisdictions jurisdictions;
    private final ObjectMapper json;
    private final GridCollection collection;

    PublicGridController(Grids grids, Jurisdictions jurisdictions, ObjectMapper json, GridCollection collection) {
        this.grids = grids;
        this.jurisdictions = jurisdictions;
        this.json = json;
        this.collection = collection;
    }

    /** A grid as a resident sees it. */
    record PublicGrid(UUID id, String name, String community) {
    }

    /** The grid holding a point, or null: a point outside every police grid (the form then asks for a grid). */
    record At(double lat, double lon, @JsonInclude(JsonInclude.Include.ALWAYS) PublicGrid grid) {
    }

    @GetMapping
    @Operation(summary = "The police grids in use as a GeoJSON FeatureCollection: name, community name and outline only")
    ResponseEntity<ObjectNode> outlines() {
        ObjectNode outlines = json.createObjectNode();
        outlines.put("type", "FeatureCollection");
        ArrayNode features = outlines.putArray("features");
        for (Grids.Detail d : grids.inUse(GridNetwork.POLICE)) {
            ObjectNode p = collection.feature(features, d);
            p.put("name", d.name());
            p.put("community", d.communityName());
        }
        return ResponseEntity.ok().cacheControl(KEPT).contentType(GridController.GEO_JSON).body(outlines);
    }

    @GetMapping("/at")
    @Operation(summary = "The police grid holding a point (WGS84): the grid a report filed with this point goes to",
            description = "grid is null when no police grid holds the point. 400 naming lat or lon when missing or out of range.")
    At at(@RequestParam(required = false) Double lat, @RequestParam(required = false) Double lon) {
        GridController.checkPoint(lat, lon);
        PublicGrid grid = jurisdictions.locate(lat, lon, GridNetwork.POLICE)
                .map(g -> new PublicGrid(g.id().value(), g.name(),
                        jurisdictions.community(g.communityId()).map(Community::name).orElse("")))
                .orElse(null);
        return new At(lat, lon, grid);
    }
}
