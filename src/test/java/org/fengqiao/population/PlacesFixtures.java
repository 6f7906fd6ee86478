package org.fengqiao.population;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the address, rental and organisation tests create for themselves through the API, in demo
 * grids, with names and numbers of their own: persons with identity numbers and phones, addresses,
 * a point inside a grid.
 */
final class PlacesFixtures {

    private static final AtomicInteger DOORS = new AtomicInteger((int) (System.nanoTime() % 10_000));
    private static final AtomicInteger PHONES = new AtomicInteger((int) (System.nanoTime() % 1_000_000));

    final HousingFixtures fx;
    private final JdbcClient jdbc;
    private final Jurisdictions jurisdictions;

    PlacesFixtures(int port, JdbcClient jdbc, Jurisdictions jurisdictions) {
        this.fx = new HousingFixtures(port, jdbc);
        this.jdbc = jdbc;
        this.jurisdictions = jurisdictions;
    }

    /** A person registered through the API, with the identity number and phone in the clear for the assertions. */
    record Person(UUID id, String name, String idNumber, String phone) {
    }

    Person person(String user, String gridCode, String name, Residence residence, LocalDate registeredOn) {
        String number = TestIdentityNumbers.next(Sex.MALE);
        String phone = "139" + String.format("%08d", PHONES.incrementAndGet() % 100_000_000);
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", fx.gridId(gridCode));
        body.put("name", name);
        body.put("idNumber", number);
        body.put("sex", "MALE");
        body.put("phone", phone);
        body.put("residence", residence.name());
        body.put("registeredOn", registeredOn == null ? null : registeredOn.toString());
        HousingFixtures.Answer a = fx.call(user, "POST", "/api/v1/persons", body);
        if (a.status() != 201) {
            throw new IllegalStateException("person not registered: " + a.status() + " " + a.body());
        }
        return new Person(UUID.fromString(a.body().get("id").asText()), name, number, phone);
    }

    /** A door number no other test uses, so that each test's addresses are its own. */
    static String door() {
        return String.valueOf(10_000 + DOORS.incrementAndGet());
    }

    /** An address on a street of a village of 房山镇 (or a community of 牛山街道), in a grid chosen. */
    Map<String, Object> addressBody(String gridCode, String street) {
        Map<String, Object> body = new HashMap<>();
        boolean urban = gridCode.startsWith("NS-");
        body.put("countyCode", "320722");
        body.put("townshipCode", urban ? "320722001000" : "320722112000");
        body.put("community", urban ? "和平社区" : "吴场村");
        body.put("street", street);
        body.put("doorNumber", door());
        body.put("gridId", fx.gridId(gridCode));
        return body;
    }

    UUID address(String user, String gridCode, String street) {
        HousingFixtures.Answer a = fx.call(user, "POST", "/api/v1/addresses", addressBody(gridCode, street));
        if (a.status() != 201) {
            throw new IllegalStateException("address not created: " + a.status() + " " + a.body());
        }
        return UUID.fromString(a.body().get("id").asText());
    }

    /** A point (lon, lat) that the grid index places in the police grid of the code. */
    double[] pointIn(String gridCode) {
        Map<String, Object> box = jdbc.sql("SELECT min_lon, min_lat, max_lon, max_lat FROM grid WHERE code = ? AND network = 'POLICE'")
                .param(gridCode).query().singleRow();
        double minLon = ((Number) box.get("min_lon")).doubleValue();
        double minLat = ((Number) box.get("min_lat")).doubleValue();
        double maxLon = ((Number) box.get("max_lon")).doubleValue();
        double maxLat = ((Number) box.get("max_lat")).doubleValue();
        for (int i = 1; i < 10; i++) {
            for (int j = 1; j < 10; j++) {
                double lon = minLon + (maxLon - minLon) * i / 10;
                double lat = minLat + (maxLat - minLat) * j / 10;
                if (jurisdictions.locate(lat, lon, GridNetwork.POLICE).map(Grid::code).filter(gridCode::equals).isPresent()) {
                    return new double[] {lon, lat};
                }
            }
        }
        throw new IllegalStateException("no point found in " + gridCode);
    }

    long lastAuditSeq() {
        return jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_entry").query(Long.class).single();
    }
}
