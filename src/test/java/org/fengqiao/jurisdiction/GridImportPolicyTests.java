package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.fengqiao.jurisdiction.internal.Boundary;
import org.fengqiao.jurisdiction.internal.GridImportPolicy;
import org.fengqiao.platform.Invalid;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.ParseException;

/** The import policy on its own: every problem of a file is found and named, and good files pass. */
class GridImportPolicyTests {

    static final ObjectMapper JSON = new ObjectMapper();
    static final UUID COMMUNITY = UUID.randomUUID();
    static final UUID UNIT = UUID.randomUUID();
    static final UUID OTHER_UNIT = UUID.randomUUID();
    /** Village V1 answered for by the office /b/s/o/, village V2 by the workstation /b/s/w/ beside it. */
    static final GridImportPolicy.CommunityRef V1 = new GridImportPolicy.CommunityRef(COMMUNITY, UNIT, "/b/s/o/", "V1", "村");
    static final GridImportPolicy.CommunityRef V2 = new GridImportPolicy.CommunityRef(UUID.randomUUID(), OTHER_UNIT,
            "/b/s/w/", "V2", "二村");
    /** A work point under V1's office, and one under V2's workstation. */
    static final GridImportPolicy.UnitRef WP = new GridImportPolicy.UnitRef(UUID.randomUUID(), "WP", "工作点", "/b/s/o/wp/",
            UnitKind.WORK_POINT);
    static final GridImportPolicy.UnitRef WP2 = new GridImportPolicy.UnitRef(UUID.randomUUID(), "WP2", "二村工作点",
            "/b/s/w/wp2/", UnitKind.WORK_POINT);
    /** A second work point under V1's office, and a workstation there. */
    static final GridImportPolicy.UnitRef WP3 = new GridImportPolicy.UnitRef(UUID.randomUUID(), "WP3", "三号工作点",
            "/b/s/o/wp3/", UnitKind.WORK_POINT);
    static final GridImportPolicy.UnitRef WS = new GridImportPolicy.UnitRef(UUID.randomUUID(), "WS", "工作站",
            "/b/s/o/ws/", UnitKind.WORKSTATION);

    /**
     * A stored world with villages "V1" and "V2", work points "WP", "WP2" and "WP3", workstation "WS", and the given
     * stored grids; the units in {@code answering} answer for another grid or community than the one asking.
     */
    static final class World implements GridImportPolicy.World {
        final List<GridImportPolicy.StoredGrid> stored = new ArrayList<>();
        final java.util.Map<UUID, UUID> answering = new java.util.HashMap<>();
        Envelope communityExtent;
        Envelope bureauExtent;

        /** Where the community's stored grids lie, and its bureau's (null: none stored). */
        World extents(Envelope community, Envelope bureau) {
            communityExtent = community;
            bureauExtent = bureau;
            return this;
        }

        @Override
        public Optional<Envelope> communityExtent(GridImportPolicy.CommunityRef community) {
            return Optional.ofNullable(communityExtent);
        }

        @Override
        public Optional<Envelope> bureauExtent(GridImportPolicy.CommunityRef community) {
            return Optional.ofNullable(bureauExtent);
        }

        /** The unit holds the stored grid {@code holder} (a work point) or another village (holder null). */
        World answering(GridImportPolicy.UnitRef unit, UUID holder) {
            answering.put(unit.id(), holder);
            return this;
        }

        @Override
        public boolean answersForOthers(GridImportPolicy.CommunityRef community, GridImportPolicy.UnitRef unit,
                UUID grid) {
            return answering.containsKey(unit.id()) && (grid == null || !grid.equals(answering.get(unit.id())));
        }

        World with(String code, String polygon, boolean visible) throws ParseException {
            return with(code, polygon, visible, UNIT, V1.unitPath());
        }

        World with(String code, String polygon, boolean visible, UUID unitId, String unitPath) throws ParseException {
            stored.add(new GridImportPolicy.StoredGrid(UUID.randomUUID(), GridNetwork.POLICE, code,
                    Boundary.parse(polygon).geometry(), visible, unitId, unitPath, false));
            return this;
        }

        @Override
        public Optional<GridImportPolicy.CommunityRef> community(String code) {
            return Stream.of(V1, V2).filter(c -> c.code().equals(code)).findFirst();
        }

        @Override
        public Optional<GridImportPolicy.UnitRef> unit(String code) {
            return Stream.of(WP, WP2, WP3, WS).filter(u -> u.code().equals(code)).findFirst();
        }

        @Override
        public Optional<GridImportPolicy.StoredGrid> stored(GridNetwork network, String code) {
            return stored.stream().filter(s -> s.network() == network && s.code().equals(code)).findFirst();
        }

        @Override
        public List<GridImportPolicy.StoredGrid> storedIn(GridNetwork network, Envelope box) {
            return stored.stream().filter(s -> s.network() == network && s.boundary().getEnvelopeInternal().intersects(box)).toList();
        }
    }

    @Test
    void refusesAGridFarFromItsCommunitysGridsAndTakesOneNearThem() throws Exception {
        // the village's grids lie around 118.70 E 34.50 N; 39.90 N is about 595 km north of them, in China still
        World world = new World().extents(new Envelope(118.70, 118.72, 34.50, 34.52), new Envelope(118.0, 119.0, 34.0, 35.0));
        GridImportPolicy.Decision far = GridImportPolicy.decide(collection(
                feature("NEAR", "V1", square(118.73, 34.50, 0.01)),
                feature("FAR", "V1", square(118.70, 39.90, 0.01))), world);
        assertThat(far.refused()).isTrue();
        assertThat(far.problems()).extracting(Invalid.Problem::field).containsExactly("features[1].geometry");
        assertThat(far.problems().get(0).key()).isEqualTo("jurisdiction.import.farFromCommunity");
        assertThat(far.problems().get(0).args()).containsExactly("2", "FAR", "村", "595", "50");
        assertThat(GridImportPolicy.decide(collection(feature("NEAR", "V1", square(118.73, 34.50, 0.01))), world)
                .refused()).isFalse();
    }

    @Test
    void theFirstGridOfACommunityIsMeasuredFromItsBureausGridsAndAnEmptyBureauFromNothing() throws Exception {
        World world = new World().extents(null, new Envelope(118.60, 118.82, 34.50, 34.57));
        GridImportPolicy.Decision far = GridImportPolicy.decide(collection(
                feature("FAR", "V1", square(118.70, 39.90, 0.01))), world);
        assertThat(far.problems()).extracting(Invalid.Problem::key).containsExactly("jurisdiction.import.farFromBureau");
        assertThat(far.problems().get(0).args()).containsExactly("1", "FAR", "村", "589", "200");
        // a village 150 km off is still the county's (as the tests' own villages south of the demo district are)
        assertThat(GridImportPolicy.decide(collection(feature("SOUTH", "V1", square(119.10, 33.10, 0.01))), world)
                .refused()).isFalse();
        assertThat(GridImportPolicy.decide(collection(feature("FAR", "V1", square(118.70, 39.90, 0.01))),
                new World()).refused()).isFalse();
    }

    static String square(double lon, double lat, double size) {
        return String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}",
                lon, lat, lon + size, lat, lon + size, lat + size, lon, lat + size, lon, lat);
    }

    static String feature(String code, String community, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"name\":\"网格" + code
                + "\",\"communityCode\":\"" + community + "\"},\"geometry\":" + geometry + "}";
    }

    /** A feature placed under the unit with this code (a work point or workstation). */
    static String feature(String code, String community, String unitCode, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"name\":\"网格" + code
                + "\",\"communityCode\":\"" + community + "\",\"unitCode\":\"" + unitCode + "\"},\"geometry\":"
                + geometry + "}";
    }

    static JsonNode collection(String... features) throws Exception {
        return JSON.readTree("{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}");
    }

    static List<String> keys(GridImportPolicy.Decision d) {
        return d.problems().stream().map(Invalid.Problem::key).toList();
    }

    @Test
    void acceptsTilesThatOnlyShareEdgesAndReplacesAStoredGridOfTheSameCode() throws Exception {
        World world = new World().with("A", square(118.0, 34.0, 0.01), true);
        GridImportPolicy.Decision d = GridImportPolicy.decide(collection(
                feature("A", "V1", square(118.0, 34.0, 0.011)),
                feature("B", "V1", square(118.011, 34.0, 0.01))), world);
        assertThat(d.problems()).isEmpty();
        assertThat(d.accepted()).hasSize(2);
        assertThat(d.accepted().get(0).replaces()).isPresent();
        assertThat(d.accepted().get(1).replaces()).isEmpty();
    }

    @Test
    void listsEveryProblemOfTheFileWithFeatureNumberAndCode() throws Exception {
        String bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[118.0,34.0],[118.01,34.01],[118.01,34.0],[118.0,34.01],[118.0,34.0]]]}";
        String unclosed = "{\"type\":\"Polygon\",\"coordinates\":[[[118.2,34.0],[118.21,34.0],[118.21,34.01],[118.2,34.01]]]}";
        String point = "{\"type\":\"Point\",\"coordinates\":[118.3,34.0]}";
        GridImportPolicy.Decision d = GridImportPolicy.decide(collection(
                feature("BOW", "V1", bowTie),
                feature("OUT", "V1", square(34.0, 118.0, 0.01)),
                feature("OPEN", "V1", unclosed),
                feature("PT", "V1", point),
                feature("NOCOM", "V9", square(118.5, 34.0, 0.01)),
                feature("DUP", "V1", square(118.6, 34.0, 0.01)),
                feature("DUP", "V1", square(118.7, 34.0, 0.01))), new World());
        assertThat(d.refused()).isTrue();
        assertThat(d.accepted()).isEmpty();
        assertThat(keys(d)).containsExactlyInAnyOrder(
                "jurisdiction.import.geometry.selfIntersection",
                "jurisdiction.import.outsideChina",
                "jurisdiction.import.geometry.ringNotClosed",
                "jurisdiction.import.notPolygon",
                "jurisdiction.import.communityUnknown",
                "jurisdiction.import.duplicateCode");
        Invalid.Problem duplicate = d.problems().stream()
                .filter(p -> p.key().equals("jurisdiction.import.duplicateCode")).findFirst().orElseThrow();
        assertThat(duplicate.field()).isEqualTo("features[6].code");
        assertThat(duplicate.args()).containsExactly("7", "DUP", 6);
    }

    /**
     * A position that is not two numbers is named as it stands in the file, not read as a latitude 0 "outside China",
     * an "unclosed ring", or a parser's English words; in a MultiPolygon too, and a numeric altitude is fine.
     */
    @Test
    void namesAPositionThatIsNotNumbersAsItStandsInTheFile() throws Exception {
        java.util.function.Function<String, String> ring = bad -> "{\"type\":\"Polygon\",\"coordinates\":[[[118.0,34.0],"
                + bad + ",[118.01,34.0],[118.01,34.01],[118.0,34.0]]]}";
        String multi = "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[118.3,34.0],[118.31,34.0],[118.31,\"34.01\"],"
                + "[118.3,34.0]]]]}";
        GridImportPolicy.Decision d = GridImportPolicy.decide(collection(
                feature("TEXT", "V1", ring.apply("[118.005,\"a\"]")),
                feature("ONE", "V1", ring.apply("[118.005]")),
                feature("NULL", "V1", ring.apply("[118.005,null]")),
                feature("MULTI", "V1", multi),
                feature("ALT", "V1", "{\"type\":\"Polygon\",\"coordinates\":[[[118.5,34.0,1],[118.51,34.0,1],"
                        + "[118.51,34.01,1.5],[118.5,34.01,0],[118.5,34.0,1]]]}")), new World());
        assertThat(d.problems()).extracting(Invalid.Problem::field).containsExactly("features[0].geometry",
                "features[1].geometry", "features[2].geometry", "features[3].geometry");
        assertThat(keys(d)).containsOnly("jurisdiction.import.geometry.notAPosition");
        assertThat(d.problems()).extracting(p -> p.args()[2]).containsExactly("[118.005,\"a\"]", "[118.005]",
                "[118.005,null]", "[118.31,\"34.01\"]");
        org.springframework.context.support.ResourceBundleMessageSource bundle =
                new org.springframework.context.support.ResourceBundleMessageSource();
        bundle.setBasenames("i18n/jurisdiction");
        bundle.setDefaultEncoding("UTF-8");
        bundle.setFallbackToSystemLocale(false);
        Invalid.Problem text = d.problems().get(0);
        assertThat(bundle.getMessage(text.key(), text.args(), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("第 1 个要素（网格 TEXT）：边界中的位置 [118.005,\"a\"] 不是“经度, 纬度”两个数字");
        assertThat(bundle.getMessage(text.key(), text.args(), Locale.ENGLISH)).isEqualTo(
                "Feature 1 (grid TEXT): the position [118.005,\"a\"] in the boundary is not two numbers, longitude and latitude");
    }

    @Test
    void refusesALinkedCodeLongerThanTheGridPageTakesAndAcceptsOneAsLongAsIt() throws Exception {
        String linked = "{\"type\":\"Feature\",\"properties\":{\"code\":\"L\",\"name\":\"网格L\","
                + "\"communityCode\":\"V1\",\"comprehensiveCode\":\"" + "9".repeat(65) + "\",\"urbanCode\":\""
                + "8".repeat(64) + "\",\"civilizationCode\":\"" + "7".repeat(65) + "\"},\"geometry\":"
                + square(118.0, 34.0, 0.01) + "}";
        GridImportPolicy.Decision d = GridImportPolicy.decide(collection(linked), new World());
        assertThat(d.refused()).isTrue();
        assertThat(d.accepted()).isEmpty();
        assertThat(keys(d)).containsExactly("jurisdiction.import.linkedCodeTooLong",
                "jurisdiction.import.linkedCodeTooLong");
        assertThat(d.problems()).extracting(Invalid.Problem::field)
                .containsExactly("features[0].comprehensiveCode", "features[0].civilizationCode");
    }

    @Test
    void aPolygonWithoutRingsIsRefusedAsHavingTooFewPointsNotAsAnotherType() throws Exception {
        GridImportPolicy.Decision d = GridImportPolicy.decide(collection(
                feature("EMPTY", "V1", "{\"type\":\"Polygon\",\"coordinates\":[]}"),
                feature("NOPOLY", "V1", "{\"type\":\"MultiPolygon\",\"coordinates\":[]}"),
                feature("NORING", "V1", "{\"type\":\"MultiPolygon\",\"coordinates\":[[]]}")), new World());
        // not "must be a Polygon or MultiPolygon, not Polygon", nor JTS's own words
        assertThat(keys(d)).containsExactly("jurisdiction.import.geometry.tooFewPoints",
                "jurisdiction.import.geometry.tooFewPoints", "jurisdiction.import.geometry.tooFewPoints");
    }

    @Test
    void reportsOverlapsWithinTheFileAndWithStoredGridsWithTheirArea() throws Exception {
        World world = new World().with("S", square(118.0, 34.0, 0.01), true).with("HIDDEN", square(118.1, 34.0, 0.01), false);
        GridImportPolicy.Decision d = GridImportPolicy.decide(collection(
                feature("N1", "V1", square(118.005, 34.0, 0.01)),
                feature("N2", "V1", square(118.2, 34.0, 0.01)),
                feature("N3", "V1", square(118.205, 34.005, 0.01)),
                feature("N4", "V1", square(118.109, 34.0, 0.01))), world);
        double half = Boundary.squareMetres(0.005 * 0.01, 34.005);
        double quarter = Boundary.squareMetres(0.005 * 0.005, 34.0075);
        double sliver = Boundary.squareMetres(0.001 * 0.01, 34.005);
        assertThat(d.problems()).extracting(Invalid.Problem::key).containsExactlyInAnyOrder(
                "jurisdiction.import.overlapsStored", "jurisdiction.import.overlapsFeature",
                "jurisdiction.import.overlapsHidden");
        assertThat(d.problems()).anySatisfy(p -> {
            assertThat(p.key()).isEqualTo("jurisdiction.import.overlapsStored");
            assertThat(p.args()).containsExactly("1", "N1", "S", String.format(Locale.ROOT, "%.0f", half));
        });
        assertThat(d.problems()).anySatisfy(p -> {
            assertThat(p.key()).isEqualTo("jurisdiction.import.overlapsFeature");
            assertThat(p.args()).containsExactly("3", "N3", 2, "N2", String.format(Locale.ROOT, "%.0f", quarter));
        });
        // the other grid's code stays hidden from an importer who cannot see it
        assertThat(d.problems()).anySatisfy(p -> {
            assertThat(p.key()).isEqualTo("jurisdiction.import.overlapsHidden");
            assertThat(p.args()).containsExactly("4", "N4", String.format(Locale.ROOT, "%.0f", sliver));
        });
    }

    @Test
    void refusesToReplaceAGridOutsideTheImportersScope() throws Exception {
        World world = new World().with("THEIRS", square(118.0, 34.0, 0.01), false);
        GridImportPolicy.Decision d = GridImportPolicy.decide(collection(feature("THEIRS", "V1", square(118.0, 34.0, 0.01))), world);
        assertThat(keys(d)).containsExactly("jurisdiction.import.codeTaken");
    }

    @Test
    void refusesAnythingButAFeatureCollection() throws Exception {
        assertThat(keys(GridImportPolicy.decide(JSON.readTree(square(118, 34, 0.01)), new World())))
                .containsExactly("jurisdiction.import.notCollection");
        assertThat(keys(GridImportPolicy.decide(collection(), new World()))).containsExactly("jurisdiction.import.empty");
    }

    @Test
    void placesAGridAtTheUnitItsUnitCodeNamesAndANewOneWithoutAtItsCommunitysUnit() throws Exception {
        GridImportPolicy.Decision d = GridImportPolicy.decide(collection(
                feature("A", "V1", "WP", square(118.0, 34.0, 0.01)),
                feature("B", "V1", square(118.1, 34.0, 0.01))), new World());
        assertThat(d.problems()).isEmpty();
        assertThat(d.accepted()).extracting(GridImportPolicy.Accepted::unitId).containsExactly(WP.id(), UNIT);
    }

    @Test
    void refusesAUnitOutsideTheCommunitysUnitAndAnUnknownOneOnTheUnitCode() throws Exception {
        GridImportPolicy.Decision d = GridImportPolicy.decide(collection(
                feature("A", "V1", "WP2", square(118.0, 34.0, 0.01)),
                feature("B", "V1", "NOPE", square(118.1, 34.0, 0.01))), new World());
        assertThat(d.accepted()).isEmpty();
        assertThat(d.problems()).extracting(Invalid.Problem::field, Invalid.Problem::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple("features[0].unitCode", "jurisdiction.import.unitOutsideCommunity"),
                org.assertj.core.groups.Tuple.tuple("features[1].unitCode", "jurisdiction.import.unitUnknown"));
        assertThat(d.problems().get(0).args()).containsExactly("1", "A", "WP2", "二村工作点", "V1");
        assertThat(d.problems().get(1).args()).containsExactly("2", "B", "NOPE");
    }

    @Test
    void refusesAUnitThatAnswersForAnotherGridOrVillageOnTheUnitCode() throws Exception {
        World world = new World().answering(WP, UUID.randomUUID()).answering(WS, null);
        GridImportPolicy.Decision d = GridImportPolicy.decide(collection(
                feature("A", "V1", "WP", square(118.0, 34.0, 0.01)),
                feature("B", "V1", "WS", square(118.1, 34.0, 0.01)),
                feature("C", "V1", "WP3", square(118.2, 34.0, 0.01))), world);
        assertThat(d.accepted()).isEmpty();
        assertThat(d.problems()).extracting(Invalid.Problem::field, Invalid.Problem::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple("features[0].unitCode", "jurisdiction.import.unitAnswersForOthers"),
                org.assertj.core.groups.Tuple.tuple("features[1].unitCode", "jurisdiction.import.unitAnswersForOthers"));
        assertThat(d.problems().get(0).args()).containsExactly("1", "A", "WP", "工作点", "V1");
    }

    @Test
    void aReplacedGridMayNameTheWorkPointItHoldsAndAFreeOne() throws Exception {
        World world = new World().with("HOLDER", square(118.0, 34.0, 0.01), true, WP.id(), WP.path());
        world.answering(WP, world.stored.get(0).id());
        GridImportPolicy.Decision d = GridImportPolicy.decide(collection(
                feature("HOLDER", "V1", "WP", square(118.0, 34.0, 0.01)),
                feature("NEW", "V1", "WP3", square(118.1, 34.0, 0.01))), world);
        assertThat(d.problems()).isEmpty();
        assertThat(d.accepted()).extracting(GridImportPolicy.Accepted::unitId).containsExactly(WP.id(), WP3.id());
        // but not another grid, new or stored
        GridImportPolicy.Decision other = GridImportPolicy.decide(collection(
                feature("NEW", "V1", "WP", square(118.1, 34.0, 0.01))), world);
        assertThat(keys(other)).containsExactly("jurisdiction.import.unitAnswersForOthers");
    }

    @Test
    void refusesAWorkPointNamedByTwoFeaturesOfTheFile() throws Exception {
        GridImportPolicy.Decision d = GridImportPolicy.decide(collection(
                feature("A", "V1", "WP3", square(118.0, 34.0, 0.01)),
                feature("B", "V1", "WS", square(118.1, 34.0, 0.01)),
                feature("C", "V1", "WS", square(118.2, 34.0, 0.01)),
                feature("D", "V1", "WP3", square(118.3, 34.0, 0.01))), new World());
        assertThat(d.accepted()).isEmpty();
        // a workstation may hold several grids of its village; a work point stands for one
        assertThat(d.problems()).extracting(Invalid.Problem::field, Invalid.Problem::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple("features[3].unitCode", "jurisdiction.import.workPointRepeated"));
        assertThat(d.problems().get(0).args()).containsExactly("4", "D", "WP3", "三号工作点", 1, "A");
    }

    @Test
    void aReplacedGridKeepsItsUnitWhileThatLiesUnderItsCommunitysUnitElseTakesTheCommunitys() throws Exception {
        World world = new World().with("KEEP", square(118.0, 34.0, 0.01), true, WP.id(), WP.path())
                .with("MOVE", square(118.1, 34.0, 0.01), true, WP.id(), WP.path());
        GridImportPolicy.Decision d = GridImportPolicy.decide(collection(
                feature("KEEP", "V1", square(118.0, 34.0, 0.01)),
                feature("MOVE", "V2", square(118.1, 34.0, 0.01))), world);
        assertThat(d.problems()).isEmpty();
        // MOVE now belongs to V2, whose workstation does not hold V1's work point
        assertThat(d.accepted()).extracting(GridImportPolicy.Accepted::unitId).containsExactly(WP.id(), OTHER_UNIT);
    }
}
