package org.fengqiao.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.jurisdiction.internal.Boundary;
import org.fengqiao.jurisdiction.internal.GridLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Point-to-grid lookups per second over 10,000 grids: the production index (GridLocator: STRtree of
 * prepared geometries) against two baselines measured in the same run over the same grids and the
 * same random points: a bounding-box array scan (test the box of every grid, then the prepared
 * geometry of those that hold the point) and a brute-force scan of every prepared geometry.
 * The grids tile a county-sized area (0.6° × 0.5°, about 55 × 55 km) as a 100 × 100 lattice whose
 * shared corners and edge midpoints are jittered, so neighbours share their edges exactly and no
 * grid is a plain rectangle. Run with bench/locate.sh; arguments: [seconds per measurement].
 */
public final class LocateBenchmark {

    static final int SIDE = 100;
    static final double MIN_LON = 118.3, MIN_LAT = 34.2, WIDTH = 0.6, HEIGHT = 0.5;

    record Shape(Grid grid, Envelope box, PreparedGeometry prepared) {
    }

    interface Locator {
        Optional<Grid> locate(double lon, double lat);
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        Random random = new Random(20260101);
        List<GridLocator.Entry> entries = tiling(random);
        long t0 = System.nanoTime();
        GridLocator index = GridLocator.of(1, entries);
        double buildMs = (System.nanoTime() - t0) / 1e6;
        List<Shape> shapes = new ArrayList<>();
        for (GridLocator.Entry e : entries) {
            shapes.add(new Shape(e.grid(), e.boundary().getEnvelopeInternal(), PreparedGeometryFactory.prepare(e.boundary())));
        }
        double[][] points = points(new Random(7), 1 << 16);

        Locator strtree = (lon, lat) -> index.locate(lon, lat, GridNetwork.POLICE);
        Locator boxScan = (lon, lat) -> {
            Point p = Boundary.GEOMETRY.createPoint(new Coordinate(lon, lat));
            Grid best = null;
            for (Shape s : shapes) {
                if (s.box().contains(lon, lat) && (best == null || s.grid().code().compareTo(best.code()) < 0)
                        && s.prepared().covers(p)) {
                    best = s.grid();
                }
            }
            return Optional.ofNullable(best);
        };
        Locator bruteForce = (lon, lat) -> {
            Point p = Boundary.GEOMETRY.createPoint(new Coordinate(lon, lat));
            Grid best = null;
            for (Shape s : shapes) {
                if (s.prepared().covers(p) && (best == null || s.grid().code().compareTo(best.code()) < 0)) {
                    best = s.grid();
                }
            }
            return Optional.ofNullable(best);
        };

        int disagreements = 0;
        int found = 0;
        for (int i = 0; i < 2000; i++) {
            Optional<Grid> a = strtree.locate(points[i][0], points[i][1]);
            Optional<Grid> b = boxScan.locate(points[i][0], points[i][1]);
            if (!a.equals(b)) {
                disagreements++;
            }
            if (a.isPresent()) {
                found++;
            }
        }
        System.out.printf(Locale.ROOT, "grids: %d (100 x 100 jittered tiling), index built in %.0f ms%n", entries.size(), buildMs);
        System.out.printf(Locale.ROOT, "check: 2000 random points, %d inside a grid, %d answers differ between index and scan%n",
                found, disagreements);
        System.out.printf(Locale.ROOT, "cores available: %d, %.1f s per measurement after %.1f s warm-up%n",
                Runtime.getRuntime().availableProcessors(), seconds, seconds / 2);

        double idx1 = measure(strtree, points, 1, seconds);
        double idx2 = measure(strtree, points, 2, seconds);
        double box1 = measure(boxScan, points, 1, seconds);
        double box2 = measure(boxScan, points, 2, seconds);
        double brute1 = measure(bruteForce, points, 1, seconds);
        System.out.println();
        System.out.printf(Locale.ROOT, "%-46s %14s %14s%n", "lookups per second", "1 thread", "2 threads");
        System.out.printf(Locale.ROOT, "%-46s %,14.0f %,14.0f%n", "STRtree + PreparedGeometry (GridLocator)", idx1, idx2);
        System.out.printf(Locale.ROOT, "%-46s %,14.0f %,14.0f%n", "baseline: bounding-box array scan", box1, box2);
        System.out.printf(Locale.ROOT, "%-46s %,14.0f %14s%n", "baseline: brute-force prepared-geometry scan", brute1, "-");
        System.out.printf(Locale.ROOT, "ratio index / box scan: %.0fx (1 thread), %.0fx (2 threads); index / brute force: %.0fx%n",
                idx1 / box1, idx2 / box2, idx1 / brute1);
    }

    /** A 100 × 100 lattice with jittered shared corners and shared jittered edge midpoints. */
    static List<GridLocator.Entry> tiling(Random random) {
        double dx = WIDTH / SIDE, dy = HEIGHT / SIDE;
        Coordinate[][] corner = new Coordinate[SIDE + 1][SIDE + 1];
        for (int i = 0; i <= SIDE; i++) {
            for (int j = 0; j <= SIDE; j++) {
                // the outer frame stays straight; inner corners move by up to 25% of a cell each way
                double jx = i == 0 || i == SIDE ? 0 : (random.nextDouble() - 0.5) * 0.5 * dx;
                double jy = j == 0 || j == SIDE ? 0 : (random.nextDouble() - 0.5) * 0.5 * dy;
                corner[i][j] = new Coordinate(MIN_LON + i * dx + jx, MIN_LAT + j * dy + jy);
            }
        }
        // midpoint of the edge between corner (i,j) and (i+1,j), pushed sideways a little, shared by both neighbours
        Coordinate[][] horizontal = new Coordinate[SIDE][SIDE + 1];
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j <= SIDE; j++) {
                Coordinate a = corner[i][j], b = corner[i + 1][j];
                double push = j == 0 || j == SIDE ? 0 : (random.nextDouble() - 0.5) * 0.2 * dy;
                horizontal[i][j] = new Coordinate((a.x + b.x) / 2, (a.y + b.y) / 2 + push);
            }
        }
        Coordinate[][] vertical = new Coordinate[SIDE + 1][SIDE];
        for (int i = 0; i <= SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                Coordinate a = corner[i][j], b = corner[i][j + 1];
                double push = i == 0 || i == SIDE ? 0 : (random.nextDouble() - 0.5) * 0.2 * dx;
                vertical[i][j] = new Coordinate((a.x + b.x) / 2 + push, (a.y + b.y) / 2);
            }
        }
        List<GridLocator.Entry> entries = new ArrayList<>(SIDE * SIDE);
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                Coordinate[] ring = {
                    corner[i][j], horizontal[i][j], corner[i + 1][j], vertical[i + 1][j],
                    corner[i + 1][j + 1], horizontal[i][j + 1], corner[i][j + 1], vertical[i][j], corner[i][j]};
                Polygon polygon = Boundary.GEOMETRY.createPolygon(copy(ring));
                if (!polygon.isValid()) {
                    throw new IllegalStateException("generated an invalid grid at " + i + "," + j);
                }
                String code = String.format(Locale.ROOT, "B-%03d-%03d", i, j);
                Grid grid = new Grid(new GridId(UUID.randomUUID()), GridNetwork.POLICE, code, code,
                        new CommunityId(UUID.randomUUID()), new UnitId(UUID.randomUUID()), "/bench/");
                entries.add(new GridLocator.Entry(grid, polygon));
            }
        }
        return entries;
    }

    static Coordinate[] copy(Coordinate[] ring) {
        Coordinate[] out = new Coordinate[ring.length];
        for (int k = 0; k < ring.length; k++) {
            out[k] = ring[k].copy();
        }
        return out;
    }

    /** Uniform points over the tiled area plus a 2% margin, so a few fall outside every grid. */
    static double[][] points(Random random, int n) {
        double[][] points = new double[n][2];
        for (int k = 0; k < n; k++) {
            points[k][0] = MIN_LON - 0.02 * WIDTH + random.nextDouble() * WIDTH * 1.04;
            points[k][1] = MIN_LAT - 0.02 * HEIGHT + random.nextDouble() * HEIGHT * 1.04;
        }
        return points;
    }

    /** Lookups per second of all threads together, after a warm-up of half the measuring time. */
    static double measure(Locator locator, double[][] points, int threads, double seconds) throws InterruptedException {
        run(locator, points, threads, seconds / 2);
        return run(locator, points, threads, seconds);
    }

    static double run(Locator locator, double[][] points, int threads, double seconds) throws InterruptedException {
        LongAdder done = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        long[] sink = new long[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                int k = id * 9973;
                long count = 0, hits = 0;
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (!stop.get()) {
                    for (int b = 0; b < 64; b++) {
                        double[] p = points[k++ & (points.length - 1)];
                        if (locator.locate(p[0], p[1]).isPresent()) {
                            hits++;
                        }
                    }
                    count += 64;
                }
                done.add(count);
                // keeps the JIT from discarding the lookups as unused
                sink[id] = hits;
            });
            workers.add(worker);
            worker.start();
        }
        long begin = System.nanoTime();
        start.countDown();
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        return done.sum() / elapsed;
    }
}
