package org.fengqiao.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * The demo boundaries: strips of adjacent quadrilateral villages or communities, each cut into
 * grids without overlap or gap.
 *
 * <p>A strip of n regions is given by n+1 points along its southern edge and n+1 along its northern
 * edge; region k is the quadrilateral between the k-th and (k+1)-th of each, so neighbours share
 * an edge. Inside a region a point is addressed bilinearly by (u, v) in [0,1]². Every region is cut
 * at the same v levels into rows (so the cuts meet the shared edges at the same points on both
 * sides), and each row into an uneven number of cells. A cell's ring carries every lattice point
 * lying on its edges, including the cuts of the rows above and below, so two neighbouring cells
 * share exactly the same vertices along their common edge: their intersection is a line, and the
 * cells of a region sum to its area. Coordinates are rounded to the 7 decimals a stored boundary
 * keeps (about 1 cm), before the rings are built, so storage changes nothing.
 */
final class DemoGeography {

    static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

    /** One region (village or community) of a strip: its boundary and its grids, row by row. */
    record Region(Polygon boundary, List<Polygon> cells) {
    }

    /** A strip as described above; {@code columns[k][r]} is the number of cells in row r of region k. */
    record Strip(double[][] south, double[][] north, double[] levels, int[][] columns) {

        Strip {
            if (south.length != north.length || columns.length != south.length - 1) {
                throw new IllegalArgumentException("a strip of n regions needs n+1 points on each edge");
            }
            for (int[] rows : columns) {
                if (rows.length != levels.length - 1) {
                    throw new IllegalArgumentException("every region is cut into the strip's rows");
                }
            }
        }
    }

    private DemoGeography() {
    }

    /**
     * Cuts every region of the strip. Cell widths vary by up to a third around the even width,
     * drawn from a random source with the given seed, so the same strip always gives the same grids.
     */
    static List<Region> cut(Strip strip, long seed) {
        Random random = new Random(seed);
        List<Region> regions = new ArrayList<>();
        for (int k = 0; k < strip.columns().length; k++) {
            double[] a = strip.south()[k];
            double[] b = strip.south()[k + 1];
            double[] c = strip.north()[k + 1];
            double[] d = strip.north()[k];
            int rows = strip.levels().length - 1;
            double[][] splits = new double[rows][];
            for (int r = 0; r < rows; r++) {
                splits[r] = splits(strip.columns()[k][r], random);
            }
            List<Polygon> cells = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                double v0 = strip.levels()[r];
                double v1 = strip.levels()[r + 1];
                for (int i = 0; i + 1 < splits[r].length; i++) {
                    double u0 = splits[r][i];
                    double u1 = splits[r][i + 1];
                    List<Coordinate> ring = new ArrayList<>();
                    ring.add(point(a, b, c, d, u0, v0));
                    if (r > 0) {
                        for (double u : splits[r - 1]) {
                            if (u > u0 && u < u1) {
                                ring.add(point(a, b, c, d, u, v0));
                            }
                        }
                    }
                    ring.add(point(a, b, c, d, u1, v0));
                    ring.add(point(a, b, c, d, u1, v1));
                    if (r + 1 < rows) {
                        double[] above = splits[r + 1];
                        for (int j = above.length - 1; j >= 0; j--) {
                            if (above[j] > u0 && above[j] < u1) {
                                ring.add(point(a, b, c, d, above[j], v1));
                            }
                        }
                    }
                    ring.add(point(a, b, c, d, u0, v1));
                    ring.add(ring.get(0));
                    cells.add(GEOMETRY.createPolygon(ring.toArray(Coordinate[]::new)));
                }
            }
            Polygon boundary = GEOMETRY.createPolygon(new Coordinate[] {
                point(a, b, c, d, 0, 0), point(a, b, c, d, 1, 0), point(a, b, c, d, 1, 1), point(a, b, c, d, 0, 1),
                point(a, b, c, d, 0, 0)});
            regions.add(new Region(boundary, List.copyOf(cells)));
        }
        return List.copyOf(regions);
    }

    /** 0, the inner cuts in increasing order, 1. */
    private static double[] splits(int count, Random random) {
        double[] widths = new double[count];
        double total = 0;
        for (int i = 0; i < count; i++) {
            widths[i] = 1 + (random.nextDouble() - 0.5) * 2 / 3;
            total += widths[i];
        }
        double[] splits = new double[count + 1];
        for (int i = 1; i < count; i++) {
            splits[i] = splits[i - 1] + widths[i - 1] / total;
        }
        splits[count] = 1;
        return splits;
    }

    /**
     * The bilinear point; at u = 0 and u = 1 it reduces exactly (0·x adds nothing in floating point)
     * to the straight edge shared with the neighbouring region, so both compute the same coordinates.
     */
    private static Coordinate point(double[] a, double[] b, double[] c, double[] d, double u, double v) {
        double lon = (1 - v) * ((1 - u) * a[0] + u * b[0]) + v * ((1 - u) * d[0] + u * c[0]);
        double lat = (1 - v) * ((1 - u) * a[1] + u * b[1]) + v * ((1 - u) * d[1] + u * c[1]);
        return new Coordinate(round(lon), round(lat));
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e7) / 1e7;
    }

    static String geoJson(Polygon polygon) {
        StringBuilder json = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
        Coordinate[] ring = polygon.getExteriorRing().getCoordinates();
        for (int i = 0; i < ring.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(String.format(Locale.ROOT, "[%.7f,%.7f]", ring[i].x, ring[i].y));
        }
        return json.append("]]}").toString();
    }
}
