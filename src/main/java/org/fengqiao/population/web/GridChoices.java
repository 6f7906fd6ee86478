package org.fengqiao.population.web;

import java.util.List;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.springframework.stereotype.Component;

/** The police grids a caller may choose in a page's filter or form, and the county they lie in. */
@Component
class GridChoices {

    private final Jurisdictions jurisdictions;

    GridChoices(Jurisdictions jurisdictions) {
        this.jurisdictions = jurisdictions;
    }

    List<Grid> of(Caller caller) {
        return jurisdictions.visibleGrids(caller).stream().filter(g -> g.network() == GridNetwork.POLICE).toList();
    }

    /**
     * The police grids in use whose records the caller reads, as a list's filter offers them: {@link #of}, and of
     * those, for one who serves grids, the grids he serves (Jurisdictions.readableGrids): a grid member at an
     * office-placed grid is not offered the office's other grids, whose records he does not read.
     */
    List<Grid> readable(Caller caller) {
        return jurisdictions.readableGrids(caller).stream().filter(g -> g.network() == GridNetwork.POLICE).toList();
    }

    /**
     * The police grids a list of persons filters by: {@link #readable}, then the retired grids among those he reads
     * (marked so on the page), since a person who moved away stays on the records of the grid he left, and a grid
     * handed over keeps those who left it: an officer lists who is still recorded there.
     */
    List<Grid> filter(Caller caller) {
        List<java.util.UUID> read = caller.readGrids();
        List<Grid> all = new java.util.ArrayList<>(readable(caller));
        jurisdictions.visibleRetiredGrids(caller).stream()
                .filter(g -> g.network() == GridNetwork.POLICE)
                .filter(g -> read == null || read.contains(g.id().value()))
                .forEach(all::add);
        return all;
    }

    /**
     * {@link #of} for the form of a record kept in {@code kept}: a grid since retired is offered too (marked so in the
     * form), as the record may stay on its records there (a person who moved away), where the form would otherwise
     * offer no grid of his and he could be saved only by moving him into another.
     */
    List<Grid> of(Caller caller, java.util.UUID kept) {
        List<Grid> inUse = of(caller);
        if (kept == null || inUse.stream().anyMatch(g -> g.id().value().equals(kept))) {
            return inUse;
        }
        return jurisdictions.visibleGrid(new org.fengqiao.jurisdiction.GridId(kept), caller)
                .filter(Grid::retired).map(g -> {
                    List<Grid> all = new java.util.ArrayList<>(inUse);
                    all.add(0, g);
                    return all;
                }).orElse(inUse);
    }

    /** The six-digit county code of the first of the caller's grids whose community has one, to start an address form with. */
    String county(List<Grid> grids) {
        // the first grid whose village or community carries a division code: a grid drawn without one
        // (a new village not yet coded) must not leave the caller without the county's townships
        return grids.stream().map(g -> jurisdictions.community(g.communityId()))
                .flatMap(java.util.Optional::stream)
                .map(c -> c.divisionCode())
                .filter(code -> code != null && code.length() >= 6)
                .map(code -> code.substring(0, 6))
                .findFirst().orElse(null);
    }
}
