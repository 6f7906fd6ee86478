package org.fengqiao.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.population.RoomId;
import org.fengqiao.population.UtilityLoader;
import org.fengqiao.population.UtilityLoader.NewReading;
import org.fengqiao.population.UtilityLoader.RoomState;
import org.springframework.stereotype.Component;

/**
 * Six months of water, power and gas readings for every flat of the urban compounds (seed 000: the
 * community office keeps in touch with the water, power and gas companies), loaded inside
 * {@link DemoDistrict}'s transaction after the population. A flat with registered residents uses what
 * that many people use; an empty one shows a refrigerator's standby at most. Planted among them, in the
 * first ten compounds, five empty flats that are lived in by someone unregistered and five registered
 * flats unused for three months, so the demo opens verification tasks of both kinds. The readings run
 * up to the last full month before today.
 */
@Component
class DemoUtilities {

    static final int MONTHS = 6;
    static final int PLANTED_GRIDS = 10;

    private final UtilityLoader loader;

    DemoUtilities(UtilityLoader loader) {
        this.loader = loader;
    }

    record Loaded(int readings, int tasks) {
    }

    Loaded load(List<List<Grid>> communities) {
        return load(communities, YearMonth.from(LocalDate.now(LocalTimes.ZONE)).minusMonths(1));
    }

    Loaded load(List<List<Grid>> communities, YearMonth last) {
        List<GridId> grids = new ArrayList<>();
        communities.forEach(c -> c.forEach(g -> grids.add(g.id())));
        if (loader.anyReadings(grids)) {
            // loaded before: rooms added since are people's own records, not the demo's to invent readings for
            return new Loaded(0, 0);
        }
        List<RoomState> rooms = loader.rooms(grids);
        Map<String, List<RoomState>> byGrid = new LinkedHashMap<>();
        for (RoomState r : rooms) {
            byGrid.computeIfAbsent(r.gridCode(), k -> new ArrayList<>()).add(r);
        }
        Random random = new Random(DemoDistrict.SEED + 300);
        // planted: in each of the first compounds, alternately an empty flat in use and a registered one unused
        Map<RoomId, Boolean> planted = new LinkedHashMap<>();
        int g = 0;
        for (List<RoomState> gridRooms : byGrid.values()) {
            if (g >= PLANTED_GRIDS) {
                break;
            }
            boolean wantEmpty = g % 2 == 0;
            List<RoomState> candidates = gridRooms.stream().filter(r -> (r.registered() == 0) == wantEmpty).toList();
            if (!candidates.isEmpty()) {
                planted.put(candidates.get(random.nextInt(candidates.size())).room(), wantEmpty);
            }
            g++;
        }
        YearMonth first = last.minusMonths(MONTHS - 1L);
        List<NewReading> readings = new ArrayList<>(rooms.size() * MONTHS * 3);
        for (RoomState room : rooms) {
            Boolean plant = planted.get(room.room());
            boolean gas = random.nextInt(100) < 70;
            BigDecimal[] meters = {BigDecimal.valueOf(200 + random.nextInt(1800)),
                BigDecimal.valueOf(2000 + random.nextInt(30000)), BigDecimal.valueOf(100 + random.nextInt(2000))};
            String number = room.room().value().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                int people = room.registered();
                boolean lived = people > 0;
                if (Boolean.TRUE.equals(plant) && !m.isBefore(last.minusMonths(1))) {
                    people = 2;
                    lived = true;
                } else if (Boolean.FALSE.equals(plant) && !m.isBefore(last.minusMonths(2))) {
                    lived = false;
                }
                BigDecimal water = lived ? amount(random, 2.2 * people + 1.0, 0.25) : amount(random, 0.15, 1.0);
                BigDecimal power = lived ? amount(random, 35.0 * people + 55, 0.2) : amount(random, 3.0, 1.0);
                BigDecimal fuel = lived ? amount(random, 2.0 * people + 5, 0.3) : BigDecimal.ZERO.setScale(1);
                meters[0] = meters[0].add(water);
                meters[1] = meters[1].add(power);
                readings.add(new NewReading(room.room(), room.grid(), "WATER", m, meters[0], water, "SB-" + number, "东海县自来水公司"));
                readings.add(new NewReading(room.room(), room.grid(), "POWER", m, meters[1], power, "DB-" + number,
                        "国网东海县供电公司"));
                if (gas || Boolean.TRUE.equals(plant)) {
                    meters[2] = meters[2].add(fuel);
                    readings.add(new NewReading(room.room(), room.grid(), "GAS", m, meters[2], fuel, "QB-" + number,
                            "东海港华燃气公司"));
                }
            }
        }
        int written = 0;
        for (int i = 0; i < readings.size(); i += 20_000) {
            written += loader.readings(readings.subList(i, Math.min(readings.size(), i + 20_000)));
        }
        int tasks = loader.evaluate(rooms.stream().map(RoomState::room).toList());
        return new Loaded(written, tasks);
    }

    /** A month's use around a mean, spread by the given share, never below zero, one decimal. */
    private static BigDecimal amount(Random random, double mean, double spread) {
        double value = mean * (1 + spread * (random.nextDouble() * 2 - 1));
        return BigDecimal.valueOf(Math.max(0, value)).setScale(1, RoundingMode.HALF_UP);
    }
}
