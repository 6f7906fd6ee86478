package org.fengqiao.incident.internal;

import java.text.Normalizer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.incident.Category;

/**
 * Whether a new report may be a duplicate of an open one (issue 4): the same category, occurred within the
 * time window of each other (default 2 hours; {@code occurred_at} is the receipt time when the reporter gave
 * none), and near each other:
 * <ul>
 * <li>both located: within the distance (default 200 m, great-circle on lon/lat);</li>
 * <li>either without a location: the same grid and the same address once normalised (full-width forms folded,
 * case, spaces and punctuation dropped); a blank address matches nothing.</li>
 * </ul>
 * Closed items (answered, merged) and the report itself are never candidates. The candidates come nearest
 * first, then closest in time. The SQL reads only a bounding box ({@link #box}) and the window; this class
 * makes the exact decision.
 */
public final class DuplicatePolicy {

    static final double EARTH_RADIUS_M = 6_371_008.8;
    static final double METRES_PER_DEGREE_LAT = Math.PI * EARTH_RADIUS_M / 180;

    /** One report as the policy compares it. */
    public record Report(UUID id, Category category, OffsetDateTime occurredAt, Double lon, Double lat, UUID gridId,
            String address, boolean open) {

        boolean located() {
            return lon != null && lat != null;
        }
    }

    /** A possible duplicate: the open report, its distance in metres (null when matched by address) and time apart. */
    public record Match(Report candidate, Double distanceMetres, Duration apart) {
    }

    /** The box of lon/lat that holds every point within the distance of a point, for the index. */
    public record Box(double minLon, double minLat, double maxLon, double maxLat) {
    }

    private final double maxMetres;
    private final Duration window;

    public DuplicatePolicy(double maxMetres, Duration window) {
        if (maxMetres <= 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("distance and window must be positive");
        }
        this.maxMetres = maxMetres;
        this.window = window;
    }

    public double maxMetres() {
        return maxMetres;
    }

    public Duration window() {
        return window;
    }

    /** The candidates that are possible duplicates of the report, nearest first. */
    public List<Match> matches(Report report, List<Report> candidates) {
        List<Match> found = new ArrayList<>();
        for (Report c : candidates) {
            match(report, c).ifPresent(found::add);
        }
        found.sort(Comparator.comparing((Match m) -> m.distanceMetres() == null ? 0.0 : m.distanceMetres())
                .thenComparing(Match::apart)
                // as text, the order PostgreSQL gives uuids (Duplicates.CANDIDATES ranks the same way)
                .thenComparing(m -> m.candidate().id().toString()));
        return found;
    }

    java.util.Optional<Match> match(Report report, Report c) {
        if (c.id().equals(report.id()) || !c.open() || c.category() != report.category()) {
            return Optional.empty();
        }
        Duration apart = Duration.between(c.occurredAt(), report.occurredAt()).abs();
        if (apart.compareTo(window) > 0) {
            return Optional.empty();
        }
        if (report.located() && c.located()) {
            double metres = metres(report.lon(), report.lat(), c.lon(), c.lat());
            return metres <= maxMetres ? Optional.of(new Match(c, metres, apart)) : Optional.empty();
        }
        String address = normalise(report.address());
        if (report.gridId() != null && report.gridId().equals(c.gridId()) && !address.isEmpty()
                && address.equals(normalise(c.address()))) {
            return Optional.of(new Match(c, null, apart));
        }
        return Optional.empty();
    }

    /** The bounding box of the points within the distance of (lon, lat); a little wider than the circle. */
    public Box box(double lon, double lat) {
        double dLat = maxMetres / METRES_PER_DEGREE_LAT;
        double cos = Math.cos(Math.toRadians(Math.min(89.0, Math.abs(lat) + dLat)));
        double dLon = Math.min(180.0, maxMetres / (METRES_PER_DEGREE_LAT * cos));
        return new Box(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
    }

    /** Great-circle distance in metres (haversine). */
    public static double metres(double lon1, double lat1, double lon2, double lat2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }

    /**
     * An address reduced to what tells two places apart: NFKC (full-width letters and digits become
     * half-width), lower case, without white space and punctuation. "浏览器村 东头，３号" → "浏览器村东头3号".
     */
    public static String normalise(String address) {
        if (address == null) {
            return "";
        }
        String folded = Normalizer.normalize(address, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return folded.replaceAll("[\\s\\p{P}\\p{S}]+", "");
    }
}
