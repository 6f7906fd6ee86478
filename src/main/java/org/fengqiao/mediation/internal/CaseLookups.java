package org.fengqiao.mediation.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.ShortLived;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What opening a case looks up and what rarely changes, remembered a short while: the case's grid, and the grid
 * chief who takes a 110 dispute up. Every dispute the 110 centre pushes opens a case inside the intake's batch, and
 * these were two of its four round trips to the database (bench/README.md, fourteenth session). Every change of
 * grids, units, staff and rosters is audited, so its audit event clears both on this instance, once when it is
 * published and again when its transaction ends; other instances and changes by hand are seen within
 * {@code fengqiao.mediation.lookup-cache} (default 5 s; 0 turns it off). A grid or chief not found is not
 * remembered.
 */
@Component
class CaseLookups {

    private static final Set<String> CLEARING = Set.of("staff", "grid_role", "unit", "grid");

    private final Function<UUID, Grid> loadGrid;
    private final Function<UUID, Grid> holdGrid;
    private final Function<UUID, Disputes.Member> loadChief;
    private final ShortLived<UUID, Grid> grids;
    private final ShortLived<UUID, Disputes.Member> chiefs;

    @Autowired
    CaseLookups(Jurisdictions jurisdictions, Disputes disputes,
            @Value("${fengqiao.mediation.lookup-cache:5s}") Duration ttl) {
        this(id -> jurisdictions.grid(new GridId(id)).orElse(null), id -> disputes.gridChief(id).orElse(null), ttl,
                id -> jurisdictions.gridForFiling(new GridId(id)).orElse(null));
    }

    CaseLookups(Function<UUID, Grid> loadGrid, Function<UUID, Disputes.Member> loadChief, Duration ttl) {
        this(loadGrid, loadChief, ttl, loadGrid);
    }

    CaseLookups(Function<UUID, Grid> loadGrid, Function<UUID, Disputes.Member> loadChief, Duration ttl,
            Function<UUID, Grid> holdGrid) {
        this.loadGrid = loadGrid;
        this.holdGrid = holdGrid;
        this.loadChief = loadChief;
        this.grids = new ShortLived<>(ttl, 10_000);
        this.chiefs = new ShortLived<>(ttl, 10_000);
    }

    Optional<Grid> grid(GridId id) {
        return Optional.ofNullable(grids.get(id.value(), loadGrid));
    }

    /**
     * The grid read now, never remembered, and held against a retirement until the caller's transaction ends
     * ({@link Jurisdictions#gridForFiling}): for a case filed into it by hand.
     */
    Optional<Grid> gridForFiling(GridId id) {
        return Optional.ofNullable(holdGrid.apply(id.value()));
    }

    /** The grid's chief now (an active person with a current term), if it has one. */
    Optional<Disputes.Member> gridChief(UUID gridId) {
        return Optional.ofNullable(chiefs.get(gridId, loadChief));
    }

    @EventListener
    void changed(Audited event) {
        if (CLEARING.contains(event.recordType())) {
            ShortLived.clearNowAndAtTransactionEnd(this::clear);
        }
    }

    void clear() {
        grids.clear();
        chiefs.clear();
    }
}
