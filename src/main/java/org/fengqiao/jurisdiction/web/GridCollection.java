package org.fengqiao.jurisdiction.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.internal.Grids;
import org.fengqiao.platform.Caller;
import org.springframework.stereotype.Component;

/**
 * The grids a caller sees as a GeoJSON FeatureCollection, in the form the import takes back (a file just exported
 * re-imports as unchanged): the API's export, the map's source, and the page's download alike.
 */
@Component
class GridCollection {

    private final Grids grids;
    private final ObjectMapper json;

    GridCollection(Grids grids, ObjectMapper json) {
        this.grids = grids;
        this.json = json;
    }

    /** Every grid the caller sees, of one network or of all (null). */
    ObjectNode of(Caller caller, GridNetwork network) {
        ObjectNode collection = json.createObjectNode();
        collection.put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        for (Grids.Detail d : grids.visible(caller, network, null, Integer.MAX_VALUE, 0)) {
            ObjectNode p = feature(features, d);
            p.put("code", d.code());
            p.put("name", d.name());
            p.put("network", d.network().name());
            p.put("communityId", d.communityId().toString());
            p.put("communityCode", d.communityCode());
            p.put("communityName", d.communityName());
            // the unit it is placed under (its work point, or its community's unit): a re-import of the file keeps it
            p.put("unitCode", d.unitCode());
            p.put("comprehensiveCode", d.comprehensiveCode());
            p.put("urbanCode", d.urbanCode());
            p.put("civilizationCode", d.civilizationCode());
            p.put("areaSquareMetres", Math.round(d.areaSquareMetres()));
        }
        return collection;
    }

    /** A grid's feature added to a collection, with its id and boundary: its properties, for the caller to fill. */
    ObjectNode feature(ArrayNode features, Grids.Detail d) {
        ObjectNode f = features.addObject();
        f.put("type", "Feature");
        f.put("id", d.id().toString());
        ObjectNode p = f.putObject("properties");
        p.put("id", d.id().toString());
        try {
            f.set("geometry", json.readTree(d.boundary()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored boundary is not JSON", e);
        }
        return p;
    }
}
