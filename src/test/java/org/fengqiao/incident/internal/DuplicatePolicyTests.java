package org.fengqiao.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.internal.DuplicatePolicy.Match;
import org.fengqiao.incident.internal.DuplicatePolicy.Report;
import org.junit.jupiter.api.Test;

/** The duplicate rules case by case: category, distance, time window, grid and address, closed items, order. */
class DuplicatePolicyTests {

    static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 30, 9, 0, 0, 0, ZoneOffset.UTC);
    static final double LON = 118.80;
    static final double LAT = 34.40;
    static final UUID GRID = UUID.randomUUID();
    static final UUID OTHER_GRID = UUID.randomUUID();

    final DuplicatePolicy policy = new DuplicatePolicy(200, Duration.ofHours(2));

    /** A point the given metres north (positive) of the reference point. */
    static double north(double metres) {
        return LAT + metres / DuplicatePolicy.METRES_PER_DEGREE_LAT;
    }

    /** A point the given metres east of the reference point, on its parallel. */
    static double east(double metres) {
        return LON + metres / (DuplicatePolicy.METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(LAT)));
    }

    static Report located(Category category, OffsetDateTime at, double lon, double lat) {
        return new Report(UUID.randomUUID(), category, at, lon, lat, GRID, "某村某号", true);
    }

    static Report unlocated(Category category, OffsetDateTime at, UUID grid, String address) {
        return new Report(UUID.randomUUID(), category, at, null, null, grid, address, true);
    }

    final Report fresh = located(Category.HELP, T0, LON, LAT);

    List<Match> offered(Report report, Report... candidates) {
        return policy.matches(report, List.of(candidates));
    }

    @Test
    void aReportOfTheSameCategoryFiftyMetresAwayTenMinutesBeforeIsOffered() {
        Report near = located(Category.HELP, T0.minusMinutes(10), LON, north(50));
        List<Match> m = offered(fresh, near);
        assertThat(m).hasSize(1);
        assertThat(m.get(0).candidate()).isEqualTo(near);
        assertThat(m.get(0).distanceMetres()).isCloseTo(50.0, within(0.5));
        assertThat(m.get(0).apart()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void anotherCategoryAtTheSamePlaceAndTimeIsNot() {
        assertThat(offered(fresh, located(Category.DISPUTE, T0, LON, LAT))).isEmpty();
    }

    @Test
    void theDistanceLimitIsInclusiveAndMeasuredOnTheGround() {
        assertThat(offered(fresh, located(Category.HELP, T0, LON, north(199)))).hasSize(1);
        assertThat(offered(fresh, located(Category.HELP, T0, LON, north(201)))).isEmpty();
        // east-west: a degree of longitude is shorter than one of latitude at 34°N
        assertThat(offered(fresh, located(Category.HELP, T0, east(199), LAT))).hasSize(1);
        assertThat(offered(fresh, located(Category.HELP, T0, east(201), LAT))).isEmpty();
        assertThat(DuplicatePolicy.metres(LON, LAT, east(150), north(0))).isCloseTo(150.0, within(0.5));
    }

    @Test
    void theWindowCountsBothWaysAndIncludesItsEnd() {
        assertThat(offered(fresh, located(Category.HELP, T0.minusHours(2), LON, LAT))).hasSize(1);
        assertThat(offered(fresh, located(Category.HELP, T0.plusHours(2), LON, LAT)))
                .as("a 110 push may say it happened later than a resident's report").hasSize(1);
        assertThat(offered(fresh, located(Category.HELP, T0.minusHours(2).minusSeconds(1), LON, LAT))).isEmpty();
        assertThat(offered(fresh, located(Category.HELP, T0.plusHours(2).plusSeconds(1), LON, LAT))).isEmpty();
    }

    @Test
    void closedItemsAndTheReportItselfAreNeverCandidates() {
        Report closed = new Report(UUID.randomUUID(), Category.HELP, T0, LON, LAT, GRID, "某村某号", false);
        assertThat(offered(fresh, closed, fresh)).isEmpty();
    }

    @Test
    void withoutALocationTheSameGridAndNormalisedAddressDecide() {
        Report report = unlocated(Category.HELP, T0, GRID, "浏览器村 东头，３号");
        Report same = unlocated(Category.HELP, T0.minusMinutes(30), GRID, "浏览器村东头3号");
        Report otherGrid = unlocated(Category.HELP, T0, OTHER_GRID, "浏览器村东头3号");
        Report otherAddress = unlocated(Category.HELP, T0, GRID, "浏览器村西头3号");
        List<Match> m = offered(report, same, otherGrid, otherAddress);
        assertThat(m).extracting(Match::candidate).containsExactly(same);
        assertThat(m.get(0).distanceMetres()).as("no distance without locations").isNull();
    }

    @Test
    void aLocatedReportMeetsAnUnlocatedOneByGridAndAddress() {
        Report report = new Report(UUID.randomUUID(), Category.HELP, T0, LON, LAT, GRID, "吴场村 5组", true);
        assertThat(offered(report, unlocated(Category.HELP, T0, GRID, "吴场村5组"))).hasSize(1);
        assertThat(offered(report, unlocated(Category.HELP, T0, GRID, "吴场村6组"))).isEmpty();
    }

    @Test
    void aBlankAddressMatchesNothing() {
        assertThat(offered(unlocated(Category.HELP, T0, GRID, "  "), unlocated(Category.HELP, T0, GRID, "  "))).isEmpty();
        assertThat(offered(unlocated(Category.HELP, T0, GRID, null), unlocated(Category.HELP, T0, GRID, null))).isEmpty();
        assertThat(offered(unlocated(Category.HELP, T0, GRID, "，。"), unlocated(Category.HELP, T0, GRID, "!")))
                .as("punctuation only is blank").isEmpty();
    }

    @Test
    void addressesAreNormalisedByWidthCaseSpaceAndPunctuation() {
        assertThat(DuplicatePolicy.normalise("  和平小区 ３栋－２单元（东） ")).isEqualTo("和平小区3栋2单元东");
        assertThat(DuplicatePolicy.normalise("ＡＢＣ Road, No.5")).isEqualTo("abcroadno5");
        assertThat(DuplicatePolicy.normalise(null)).isEmpty();
    }

    @Test
    void theNearestComeFirstThenTheClosestInTime() {
        Report far = located(Category.HELP, T0, LON, north(150));
        Report nearLate = located(Category.HELP, T0.minusMinutes(90), LON, north(20));
        Report nearEarly = located(Category.HELP, T0.minusMinutes(5), LON, north(20));
        assertThat(offered(fresh, far, nearLate, nearEarly)).extracting(Match::candidate)
                .containsExactly(nearEarly, nearLate, far);
    }

    @Test
    void theBoxHoldsEveryPointWithinTheDistance() {
        for (double lat : new double[] {0, 34.4, 60, -45}) {
            DuplicatePolicy.Box box = policy.box(LON, lat);
            for (int deg = 0; deg < 360; deg += 15) {
                double a = Math.toRadians(deg);
                double dLat = 199.9 * Math.cos(a) / DuplicatePolicy.METRES_PER_DEGREE_LAT;
                double dLon = 199.9 * Math.sin(a) / (DuplicatePolicy.METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(lat)));
                double pLon = LON + dLon;
                double pLat = lat + dLat;
                assertThat(DuplicatePolicy.metres(LON, lat, pLon, pLat)).isLessThan(200.0);
                assertThat(pLon).as("lon at %s° bearing %s", lat, deg).isBetween(box.minLon(), box.maxLon());
                assertThat(pLat).as("lat at %s° bearing %s", lat, deg).isBetween(box.minLat(), box.maxLat());
            }
            assertThat(box.maxLat() - box.minLat()).as("the box stays small").isLessThan(0.004);
        }
    }

    @Test
    void aConfiguredDistanceAndWindowAreUsed() {
        DuplicatePolicy wide = new DuplicatePolicy(500, Duration.ofMinutes(30));
        Report at400 = located(Category.HELP, T0.minusMinutes(20), LON, north(400));
        Report late = located(Category.HELP, T0.minusMinutes(40), LON, north(10));
        assertThat(wide.matches(fresh, List.of(at400, late))).extracting(Match::candidate).containsExactly(at400);
        assertThat(policy.matches(fresh, List.of(at400, late))).extracting(Match::candidate).containsExactly(late);
        assertThatThrownBy(() -> new DuplicatePolicy(0, Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
