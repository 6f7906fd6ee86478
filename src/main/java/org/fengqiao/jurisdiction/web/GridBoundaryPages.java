package org.fengqiao.jurisdiction.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.internal.Communities;
import org.fengqiao.jurisdiction.internal.Boundary;
import org.fengqiao.jurisdiction.internal.Grids;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.FengqiaoProperties;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.ParseException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The pages where whoever manages the jurisdiction draws a grid's boundary on the map: a grid's own, or a new grid's
 * in a community. The page shows the grids around (the community's and the neighbours he sees) and the vertex editor;
 * 检查 and 保存 call the API ({@code /api/v1/grids/{id}/boundary}, {@code /api/v1/grids}), which decides the drawing
 * as an import of that one grid.
 */
@Controller
@PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
class GridBoundaryPages {

    /** How far around the drawn grid (or the community's grids) neighbours are shown, in degrees (about 2 km). */
    private static final double AROUND = 0.02;

    private final Grids grids;
    private final Communities communities;
    private final FengqiaoProperties properties;
    private final ObjectMapper json;

    GridBoundaryPages(Grids grids, Communities communities, FengqiaoProperties properties, ObjectMapper json) {
        this.grids = grids;
        this.communities = communities;
        this.properties = properties;
        this.json = json;
    }

    @GetMapping("/grids/{id}/boundary")
    String edit(@PathVariable UUID id, Model model) {
        Caller caller = Callers.require();
        Grids.Detail grid = grids.detailVisible(new GridId(id), caller)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Envelope box = envelope(grid);
        model.addAttribute("grid", grid);
        model.addAttribute("around", around(caller, grid.network(), grid.communityId(), box, grid.id()));
        model.addAttribute("map", properties.map());
        model.addAttribute("mayCheckAddresses", JurisdictionPages.mayCheckAddresses(caller, grid.network()));
        return "jurisdiction/grid-boundary";
    }

    @GetMapping("/communities/{id}/grids/new")
    String draw(@PathVariable UUID id, Model model) {
        Caller caller = Callers.require();
        Community community = communities.findVisible(new CommunityId(id), caller)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Envelope box = new Envelope();
        grids.visible(caller, GridNetwork.POLICE, id, Integer.MAX_VALUE, 0)
                .forEach(g -> box.expandToInclude(envelope(g)));
        if (box.isNull()) {
            // a community without grids yet: the grids of the caller's jurisdiction show where it lies
            grids.visible(caller, GridNetwork.POLICE, null, Integer.MAX_VALUE, 0)
                    .forEach(g -> box.expandToInclude(envelope(g)));
        }
        model.addAttribute("community", community);
        model.addAttribute("around", box.isNull() ? emptyCollection()
                : around(caller, GridNetwork.POLICE, id, box, null));
        model.addAttribute("map", properties.map());
        return "jurisdiction/grid-new";
    }

    /**
     * The grids of the network near the box that the caller sees, except the one drawn, as a GeoJSON
     * FeatureCollection whose features say whether they belong to the community ({@code own}).
     */
    private String around(Caller caller, GridNetwork network, UUID community, Envelope box, UUID except) {
        Envelope wide = new Envelope(box);
        wide.expandBy(AROUND);
        Map<UUID, Grids.Detail> near = new LinkedHashMap<>();
        grids.visible(caller, network, community, Integer.MAX_VALUE, 0).forEach(g -> near.put(g.id(), g));
        grids.inBox(network, wide).stream().filter(g -> caller.sees(g.unitPath())).forEach(g -> near.put(g.id(), g));
        ObjectNode collection = json.createObjectNode();
        collection.put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        for (Grids.Detail g : near.values()) {
            if (g.id().equals(except)) {
                continue;
            }
            ObjectNode f = features.addObject();
            f.put("type", "Feature");
            ObjectNode p = f.putObject("properties");
            p.put("code", g.code());
            p.put("name", g.name());
            p.put("own", g.communityId().equals(community));
            try {
                f.set("geometry", json.readTree(g.boundary()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored boundary of grid " + g.code() + " is not JSON", e);
            }
        }
        return collection.toString();
    }

    private static String emptyCollection() {
        return "{\"type\":\"FeatureCollection\",\"features\":[]}";
    }

    private static Envelope envelope(Grids.Detail grid) {
        try {
            return Boundary.parse(grid.boundary()).envelope();
        } catch (ParseException e) {
            throw new IllegalStateException("stored boundary of grid " + grid.code() + " is unreadable", e);
        }
    }
}
