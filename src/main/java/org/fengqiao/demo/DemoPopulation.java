package org.fengqiao.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fengqiao.demo.DemoResidents.Home;
import org.fengqiao.demo.DemoResidents.Mark;
import org.fengqiao.demo.DemoResidents.Member;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.population.AddressId;
import org.fengqiao.population.HouseholdId;
import org.fengqiao.population.PersonId;
import org.fengqiao.population.PopulationLoader;
import org.fengqiao.population.PopulationLoader.NewAddress;
import org.fengqiao.population.PopulationLoader.NewCategory;
import org.fengqiao.population.PopulationLoader.NewHousehold;
import org.fengqiao.population.PopulationLoader.NewPerson;
import org.fengqiao.population.PopulationLoader.Room;
import org.fengqiao.population.PopulationLoader.RoomUse;
import org.fengqiao.population.RoomId;
import org.springframework.stereotype.Component;

/**
 * The demo district's population (一标三实), loaded inside {@link DemoDistrict}'s transaction:
 * seed 002's five villages with exactly their stored households and people, each household at a
 * door of its village group (组 = grid number) with an address; the key persons, left-behind
 * children, elderly living alone and households in difficulty that seed 002 counts; and the urban
 * compounds of 牛山派出所, two to four buildings each with their floor plans, about 85 % of the
 * flats lived in and some of them let. Ages are counted from the first day of the current year,
 * so the district is the same on every load within a year and stays plausible in later years.
 */
@Component
class DemoPopulation {

    private static final int BATCH = 3000;
    private static final String PROVINCE = "江苏省";
    private static final String CITY = "连云港市";
    private static final String COUNTY_NAME = "东海县";
    private static final String RURAL_TOWNSHIP = "房山镇";
    private static final String RURAL_TOWNSHIP_CODE = "320722112000";
    private static final String URBAN_TOWNSHIP = "牛山街道";
    private static final String URBAN_TOWNSHIP_CODE = "320722001000";

    private final PopulationLoader loader;

    DemoPopulation(PopulationLoader loader) {
        this.loader = loader;
    }

    /** How much was loaded, for the start-up log. */
    record Loaded(int households, int persons, int buildings, int rooms) {
    }

    Loaded load(List<List<Grid>> villages, List<List<Grid>> communities) {
        return load(villages, communities, LocalDate.now(org.fengqiao.platform.web.LocalTimes.ZONE).withDayOfYear(1));
    }

    Loaded load(List<List<Grid>> villages, List<List<Grid>> communities, LocalDate asOf) {
        DemoResidents residents = new DemoResidents(DemoDistrict.SEED + 100, asOf);
        List<Placed> placed = new ArrayList<>();

        List<Home> rural = new ArrayList<>();
        for (int v = 0; v < villages.size(); v++) {
            List<Grid> grids = villages.get(v);
            String village = DemoDistrict.RURAL_VILLAGES[v] + "村";
            List<Home> homes = residents.village(DemoDistrict.RURAL_SURNAMES[v], DemoDistrict.RURAL_HOUSEHOLDS[v],
                    DemoDistrict.RURAL_POPULATION[v], grids.size());
            int[] doors = new int[grids.size()];
            for (Home home : homes) {
                int group = home.grid + 1;
                String door = String.valueOf(++doors[home.grid]);
                NewAddress address = new NewAddress(grids.get(home.grid).id(), DemoDistrict.COUNTY, RURAL_TOWNSHIP_CODE,
                        PROVINCE, CITY, COUNTY_NAME, RURAL_TOWNSHIP, village, group + "组", door, null, null, null, null,
                        null, PROVINCE + CITY + COUNTY_NAME + RURAL_TOWNSHIP + village + group + "组" + door + "号");
                String number = "FS" + (v + 1) + String.format("%02d%04d", group, doors[home.grid]);
                placed.add(new Placed(home, grids.get(home.grid).id(), address, null, number));
            }
            rural.addAll(homes);
        }
        residents.follow(rural);

        int buildings = 0;
        int rooms = 0;
        Random plan = new Random(DemoDistrict.SEED + 101);
        List<Home> flats = new ArrayList<>();
        List<Placed> flatPlaces = new ArrayList<>();
        List<RoomUse> uses = new ArrayList<>();
        List<RoomId> usedRooms = new ArrayList<>();
        for (int c = 0; c < communities.size(); c++) {
            String community = DemoDistrict.URBAN_COMMUNITIES[c] + "社区";
            List<Grid> grids = communities.get(c);
            for (int g = 0; g < grids.size(); g++) {
                Grid grid = grids.get(g);
                String compound = DemoDistrict.COMPOUNDS[c][g];
                int count = 2 + plan.nextInt(3);
                for (int b = 1; b <= count; b++) {
                    String name = b + "号楼";
                    PopulationLoader.Building building = loader.building(grid.id(), null, name, 6 + plan.nextInt(13),
                            1 + plan.nextInt(3), 2 + plan.nextInt(3));
                    buildings++;
                    rooms += building.rooms().size();
                    for (Room room : building.rooms()) {
                        if (plan.nextInt(100) >= 85) {
                            uses.add(new RoomUse(room.id(), null, true, false));
                            continue;
                        }
                        boolean rental = plan.nextInt(100) < 15;
                        Home home = residents.flat(g, rental);
                        String unit = room.unit() + "单元";
                        String text = PROVINCE + CITY + COUNTY_NAME + URBAN_TOWNSHIP + community + compound + name + unit
                                + room.number() + "室";
                        NewAddress address = new NewAddress(grid.id(), DemoDistrict.COUNTY, URBAN_TOWNSHIP_CODE, PROVINCE,
                                CITY, COUNTY_NAME, URBAN_TOWNSHIP, community, null, null, compound, name,
                                String.valueOf(room.unit()), String.valueOf(room.floor()), room.number(), text);
                        flats.add(home);
                        usedRooms.add(room.id());
                        flatPlaces.add(new Placed(home, grid.id(), address, room.id(),
                                grid.code() + "-" + b + "-" + room.unit() + "-" + room.number()));
                    }
                }
            }
        }
        residents.followFlats(flats);
        placed.addAll(flatPlaces);

        List<AddressId> addresses = new ArrayList<>(placed.size());
        for (List<Placed> chunk : chunks(placed)) {
            addresses.addAll(loader.addresses(chunk.stream().map(Placed::address).toList()));
        }
        // the rooms lived in get the address of the household in them
        int flatIndex = placed.size() - flatPlaces.size();
        for (int i = 0; i < usedRooms.size(); i++) {
            uses.add(new RoomUse(usedRooms.get(i), addresses.get(flatIndex + i), false, flatPlaces.get(i).home().rental));
        }
        for (List<RoomUse> chunk : chunks(uses)) {
            loader.useRooms(chunk);
        }

        List<NewHousehold> newHouseholds = new ArrayList<>(placed.size());
        for (int i = 0; i < placed.size(); i++) {
            Placed p = placed.get(i);
            newHouseholds.add(new NewHousehold(p.grid(), addresses.get(i), p.room(), p.number(), p.home().trusted,
                    p.home().inDifficulty));
        }
        List<HouseholdId> households = new ArrayList<>(placed.size());
        for (List<NewHousehold> chunk : chunks(newHouseholds)) {
            households.addAll(loader.households(chunk));
        }

        List<NewPerson> people = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < placed.size(); i++) {
            Placed p = placed.get(i);
            for (Member m : p.home().members) {
                people.add(new NewPerson(p.grid(), households.get(i), m.name, m.idNumber, m.phone, m.sex, m.birth,
                        m.ethnicity, m.relation, m.residence, m.registeredOn, m.leftOn));
                members.add(m);
            }
        }
        List<PersonId> ids = new ArrayList<>(people.size());
        for (List<NewPerson> chunk : chunks(people)) {
            ids.addAll(loader.persons(chunk));
        }
        List<NewCategory> categories = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            for (Mark mark : members.get(i).marks) {
                categories.add(new NewCategory(ids.get(i), mark.category(), mark.subtype(), mark.risk(), mark.since()));
            }
        }
        for (List<NewCategory> chunk : chunks(categories)) {
            loader.categories(chunk);
        }
        return new Loaded(households.size(), ids.size(), buildings, rooms);
    }

    private record Placed(Home home, GridId grid, NewAddress address, RoomId room, String number) {
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += BATCH) {
            chunks.add(all.subList(i, Math.min(all.size(), i + BATCH)));
        }
        return chunks;
    }
}
