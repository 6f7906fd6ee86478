package org.fengqiao.jurisdiction.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.locationtech.jts.io.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This instance's in-memory spatial index of the grids. It is rebuilt from the database at start,
 * after each local change commits, and whenever the poll sees that grid_revision moved, which is
 * how a change made by another instance behind the load balancer reaches this one. The poll runs
 * on every instance: each keeps its own index, so it is not a job for one elected instance.
 * Readers always see one complete snapshot; a rebuild swaps the reference in one step.
 */
@Component
public class GridIndex {

    private static final Logger log = LoggerFactory.getLogger(GridIndex.class);

    private final Grids grids;
    private final TransactionTemplate snapshotRead;
    private volatile GridLocator current = GridLocator.empty();

    GridIndex(Grids grids, PlatformTransactionManager transactions) {
        this.grids = grids;
        this.snapshotRead = new TransactionTemplate(transactions);
        // the revision and the boundaries must come from one snapshot, or the index could claim a
        // revision whose changes it does not hold and never catch up
        this.snapshotRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshotRead.setReadOnly(true);
        this.snapshotRead.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public Optional<Grid> locate(double lon, double lat, GridNetwork network) {
        return current.locate(lon, lat, network);
    }

    public long revision() {
        return current.revision();
    }

    public int size() {
        return current.size();
    }

    @EventListener(ApplicationStartedEvent.class)
    void buildAtStart() {
        rebuild();
    }

    /** Rebuilds once the current transaction commits (or at once outside a transaction). */
    public void refreshAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    refreshIfBehind();
                }
            });
        } else {
            refreshIfBehind();
        }
    }

    @Scheduled(initialDelayString = "${fengqiao.grids.sync-interval:2s}", fixedDelayString = "${fengqiao.grids.sync-interval:2s}")
    void poll() {
        try {
            refreshIfBehind();
        } catch (RuntimeException e) {
            // a database hiccup must not stop the poll; the next round tries again
            log.warn("Grid index poll failed: {}", e.toString());
        }
    }

    /** Rebuilds when the database holds a revision other than the one indexed; cheap when nothing changed. */
    public void refreshIfBehind() {
        if (grids.revision() != current.revision()) {
            rebuild();
        }
    }

    /** Serialised, so a slow rebuild of an older revision can never replace a newer index. */
    public synchronized void rebuild() {
        GridLocator fresh = snapshotRead.execute(status -> {
            long revision = grids.revision();
            List<GridLocator.Entry> entries = new ArrayList<>();
            for (Grids.Shape shape : grids.shapes()) {
                try {
                    entries.add(new GridLocator.Entry(shape.grid(), Boundary.parse(shape.boundary()).geometry()));
                } catch (ParseException | IllegalArgumentException e) {
                    log.error("Grid {} has an unreadable boundary and is left out of the index", shape.grid().code(), e);
                }
            }
            return GridLocator.of(revision, entries);
        });
        if (fresh != null && fresh.revision() >= current.revision()) {
            current = fresh;
            log.debug("Grid index at revision {} with {} grids", fresh.revision(), fresh.size());
        }
    }
}
