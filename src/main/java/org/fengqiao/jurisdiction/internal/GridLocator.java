package org.fengqiao.jurisdiction.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * An immutable snapshot of every grid boundary, answering "which grid holds this point" from memory:
 * an STR-tree narrows the search to the few grids whose bounding box holds the point, and a prepared
 * geometry answers the point-in-polygon test for each of them without re-indexing its edges.
 * Built completely before it is published, so any number of threads may query it.
 */
public final class GridLocator {

    /** One indexed grid. */
    public record Entry(Grid grid, Geometry boundary) {
    }

    private record Indexed(Grid grid, PreparedGeometry shape) {
    }

    private static final GridLocator EMPTY = new GridLocator(-1, List.of());

    private final long revision;
    private final int size;
    private final STRtree tree;

    private GridLocator(long revision, Collection<Entry> entries) {
        this.revision = revision;
        this.size = entries.size();
        // node capacity 10 keeps the tree shallow for tens of thousands of grids; STRtree needs at least 2
        this.tree = new STRtree(10);
        Point probe = Boundary.GEOMETRY.createPoint(new Coordinate(0, 0));
        for (Entry e : entries) {
            PreparedGeometry prepared = PreparedGeometryFactory.prepare(e.boundary());
            // the prepared geometry builds its point locator lazily on first use: do it here, on one
            // thread, so that concurrent readers never race to build it
            prepared.covers(probe);
            tree.insert(e.boundary().getEnvelopeInternal(), new Indexed(e.grid(), prepared));
        }
        // STRtree also builds lazily on the first query, which is not safe under concurrent reads
        tree.build();
    }

    public static GridLocator empty() {
        return EMPTY;
    }

    public static GridLocator of(long revision, Collection<Entry> entries) {
        return new GridLocator(revision, entries);
    }

    /** The database revision of grid_revision this snapshot was read at (-1 for the empty one). */
    public long revision() {
        return revision;
    }

    public int size() {
        return size;
    }

    /**
     * The grid of a network that holds the point. A point exactly on a shared edge lies in both
     * neighbours; the one with the smaller code answers, so every instance gives the same answer.
     */
    public Optional<Grid> locate(double lon, double lat, GridNetwork network) {
        Point point = Boundary.GEOMETRY.createPoint(new Coordinate(lon, lat));
        Grid[] best = new Grid[1];
        tree.query(new Envelope(lon, lon, lat, lat), item -> {
            Indexed candidate = (Indexed) item;
            Grid grid = candidate.grid();
            if (grid.network() == network && (best[0] == null || grid.code().compareTo(best[0].code()) < 0)
                    && candidate.shape().covers(point)) {
                best[0] = grid;
            }
        });
        return Optional.ofNullable(best[0]);
    }

    /** Every grid of every network that holds the point. */
    public List<Grid> containing(double lon, double lat) {
        Point point = Boundary.GEOMETRY.createPoint(new Coordinate(lon, lat));
        List<Grid> found = new ArrayList<>();
        tree.query(new Envelope(lon, lon, lat, lat), item -> {
            Indexed candidate = (Indexed) item;
            if (candidate.shape().covers(point)) {
                found.add(candidate.grid());
            }
        });
        return found;
    }
}
