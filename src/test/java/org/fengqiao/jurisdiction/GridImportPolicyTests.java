package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
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

    /** A stored world with one community "V1" and the given stored grids. */
    static final class World implements GridImportPolicy.World {
        final List<GridImportPolicy.StoredGrid> stored = new ArrayList<>();

        World with(String code, String polygon, boolean visible) throws ParseException {
            stored.add(new GridImportPolicy.StoredGrid(UUID.randomUUID(), GridNetwork.POLICE, code,
                    Boundary.parse(polygon).geometry(), visible));
            return this;
        }

        @Override
        public Optional<GridImportPolicy.CommunityRef> community(String code) {
            return "V1".equals(code) ? Optional.of(new GridImportPolicy.CommunityRef(COMMUNITY, UNIT, "V1", "村")) : Optional.empty();
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

    static String square(double lon, double lat, double size) {
        return String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}",
                lon, lat, lon + size, lat, lon + size, lat + size, lon, lat + size, lon, lat);
    }

    static String feature(String code, String community, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"name\":\"网格" + code
                + "\",\"communityCode\":\"" + community + "\"},\"geometry\":" + geometry + "}";
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
}
