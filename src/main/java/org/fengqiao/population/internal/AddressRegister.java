package org.fengqiao.population.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.GridRetired;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering and changing standard addresses. The parts are checked against the division tables
 * and composed into the one-line text; an address already registered under that text is the same
 * address and comes back as it is. The grid is the one chosen, or the police grid that holds the
 * location; either way the caller must see it. Every change is audited with before and after.
 */
@Service
public class AddressRegister {

    private final Addresses addresses;
    private final Jurisdictions jurisdictions;
    private final ApplicationEventPublisher events;

    AddressRegister(Addresses addresses, Jurisdictions jurisdictions, ApplicationEventPublisher events) {
        this.addresses = addresses;
        this.jurisdictions = jurisdictions;
        this.events = events;
    }

    /** What a user typed: the parts, and a grid chosen or a location (WGS84) to find it by. */
    public record Input(StandardAddress.Parts parts, UUID gridId, Double lon, Double lat) {
    }

    /** The address, and whether this call registered it (false: it was there already). */
    public record Outcome(Addresses.Address address, boolean created) {
    }

    @Transactional
    public Outcome register(Input in, Caller caller) {
        return register(in, List.of(), caller);
    }

    /**
     * {@link #register(Input, Caller)} with the problems a client's body already showed (a value of the wrong kind):
     * refused with them and the address's own at once, nothing registered.
     */
    @Transactional
    public Outcome register(Input in, List<Invalid.Problem> found, Caller caller) {
        List<Invalid.Problem> problems = new ArrayList<>(found);
        StandardAddress.Checked checked = StandardAddress.check(in.parts(), problems);
        checkLocation(in, problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Optional<Addresses.Address> existing = addresses.byText(checked.fullText());
        if (existing.isPresent()) {
            return known(existing.get(), caller);
        }
        Grid grid = grid(in, null, caller, problems).orElse(null);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        UUID id = UUID.randomUUID();
        if (!addresses.insert(id, grid.id().value(), checked, in.lon(), in.lat())) {
            // registered by someone else between our look-up and our insert
            return known(addresses.byText(checked.fullText()).orElseThrow(), caller);
        }
        Addresses.Address created = addresses.find(id).orElseThrow();
        events.publishEvent(Audited.created("address", id, created.unitPath(), state(created)));
        return new Outcome(created, true);
    }

    @Transactional
    public Addresses.Address change(UUID id, Input in, Caller caller) {
        return change(id, in, List.of(), caller);
    }

    /** {@link #change(UUID, Input, Caller)} with the problems a client's body already showed, refused at once with its own. */
    @Transactional
    public Addresses.Address change(UUID id, Input in, List<Invalid.Problem> found, Caller caller) {
        return change(id, in, java.util.Set.of(), found, caller);
    }

    /**
     * The API's PUT: {@link #change(UUID, Input, List, Caller)} where each part named in {@code leftOut} (left out of
     * the body) keeps its stored value: the codes, community, street, door, building, unit, floor, room, and the
     * location (lon and lat). The names of province, city, county and township left out follow from the codes, as on
     * registering. A part sent as null is taken away (the county code, being required, is refused). The grid is looked
     * for again only for a gridId or a location sent.
     */
    @Transactional
    public Addresses.Address change(UUID id, Input in, java.util.Set<String> leftOut, List<Invalid.Problem> found,
            Caller caller) {
        Addresses.Address before = addresses.findVisible(id, caller).orElseThrow(() -> new NotFound("address", id));
        boolean locationSent = in.lon() != null;
        in = keepingLeftOut(before, in, leftOut);
        List<Invalid.Problem> problems = new ArrayList<>(found);
        StandardAddress.Checked checked = StandardAddress.check(in.parts(), problems);
        checkLocation(in, problems);
        UUID gridId = before.gridId();
        if (problems.isEmpty() && (in.gridId() != null || locationSent)) {
            Grid grid = grid(in, before.gridId(), caller, problems).orElse(null);
            if (grid != null) {
                gridId = grid.id().value();
            }
        }
        if (!gridId.equals(before.gridId()) && addresses.uses(id) > 0) {
            problems.add(StandardAddress.problem("gridId", "places.address.gridInUse"));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Optional<Addresses.Address> holder = addresses.byText(checked.fullText());
        if (holder.isPresent() && !holder.get().id().equals(id)) {
            throw new Conflict("places.address.taken", checked.fullText());
        }
        addresses.update(id, gridId, checked, in.lon(), in.lat());
        Addresses.Address after = addresses.find(id).orElseThrow();
        events.publishEvent(Audited.updated("address", id, after.unitPath(), state(before), state(after)));
        return after;
    }

    private static Input keepingLeftOut(Addresses.Address before, Input in, java.util.Set<String> leftOut) {
        if (leftOut.isEmpty()) {
            return in;
        }
        StandardAddress.Parts b = before.parts();
        StandardAddress.Parts p = in.parts();
        java.util.function.BiFunction<String, String, String> kept = (field, sent) -> leftOut.contains(field)
                ? switch (field) {
                    case "countyCode" -> b.countyCode();
                    case "townshipCode" -> b.townshipCode();
                    case "community" -> b.community();
                    case "villageGroup" -> b.villageGroup();
                    case "street" -> b.street();
                    case "doorNumber" -> b.doorNumber();
                    case "compound" -> b.compound();
                    case "building" -> b.building();
                    case "unit" -> b.unit();
                    case "floor" -> b.floor();
                    case "room" -> b.room();
                    default -> sent;
                } : sent;
        StandardAddress.Parts parts = new StandardAddress.Parts(kept.apply("countyCode", p.countyCode()),
                kept.apply("townshipCode", p.townshipCode()), p.province(), p.city(), p.county(), p.township(),
                kept.apply("community", p.community()), kept.apply("villageGroup", p.villageGroup()),
                kept.apply("street", p.street()), kept.apply("doorNumber", p.doorNumber()),
                kept.apply("compound", p.compound()), kept.apply("building", p.building()),
                kept.apply("unit", p.unit()), kept.apply("floor", p.floor()), kept.apply("room", p.room()));
        // the location is one thing: kept whole when neither half was sent
        boolean keepLocation = leftOut.contains("lon") && leftOut.contains("lat");
        return new Input(parts, in.gridId(), keepLocation ? before.lon() : in.lon(),
                keepLocation ? before.lat() : in.lat());
    }

    /** An address known already: the caller gets it when he may see it, else only the word that it is taken. */
    private static Outcome known(Addresses.Address existing, Caller caller) {
        if (!caller.sees(existing.unitPath())) {
            throw new Conflict("places.address.elsewhere");
        }
        return new Outcome(existing, false);
    }

    private static void checkLocation(Input in, List<Invalid.Problem> problems) {
        if ((in.lon() == null) != (in.lat() == null)) {
            problems.add(StandardAddress.problem("location", "places.address.location.both"));
        } else if (in.lon() != null && (in.lon() < 73 || in.lon() > 136 || in.lat() < 3 || in.lat() > 54)) {
            problems.add(StandardAddress.problem("location", "places.address.location.range"));
        }
    }

    /** The grid chosen or located; a retired one only for an address kept in it ({@code keptGrid}), never one moved in. */
    private Optional<Grid> grid(Input in, UUID keptGrid, Caller caller, List<Invalid.Problem> problems) {
        if (in.gridId() != null) {
            Optional<Grid> chosen = jurisdictions.visibleGridForFiling(new GridId(in.gridId()), caller);
            if (chosen.isEmpty()) {
                problems.add(StandardAddress.problem("gridId", "places.grid.unknown"));
            } else if (chosen.get().retired() && !in.gridId().equals(keptGrid)) {
                problems.add(GridRetired.problem("gridId", chosen.get()));
                return Optional.empty();
            }
            return chosen;
        }
        if (in.lon() == null) {
            problems.add(StandardAddress.problem("gridId", "places.address.grid.required"));
            return Optional.empty();
        }
        Optional<Grid> located = jurisdictions.locate(in.lat(), in.lon(), GridNetwork.POLICE);
        if (located.isEmpty()) {
            problems.add(StandardAddress.problem("location", "places.address.location.noGrid"));
            return Optional.empty();
        }
        // the grid holding the point must be one the caller may see: located grids are not scoped
        Optional<Grid> visible = jurisdictions.visibleGridForFiling(located.get().id(), caller);
        if (visible.isEmpty()) {
            problems.add(StandardAddress.problem("location", "places.address.location.outsideScope"));
        } else if (visible.get().retired() && !visible.get().id().value().equals(keptGrid)) {
            // retired since this instance's map was built (another instance, a moment ago)
            problems.add(GridRetired.problem("gridId", visible.get()));
            return Optional.empty();
        }
        return visible;
    }

    static Map<String, Object> state(Addresses.Address a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gridId", a.gridId());
        m.put("fullText", a.fullText());
        m.put("countyCode", a.parts().countyCode());
        m.put("townshipCode", a.parts().townshipCode());
        m.put("lon", a.lon());
        m.put("lat", a.lat());
        return m;
    }
}
