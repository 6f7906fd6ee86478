package org.fengqiao.points;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Permission;
import org.fengqiao.points.internal.Awards;
import org.fengqiao.points.internal.Store;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the demo district may ask of the points: whether a store is there, and the same commands staff give
 * (open a fund, take in a grant, stock an item, award and approve), acted as a named staff member over the
 * whole tree so each is audited like any other.
 */
@Service
public class PointsLoader {

    private final Awards awards;
    private final Store store;
    private final JdbcClient jdbc;

    PointsLoader(Awards awards, Store store, JdbcClient jdbc) {
        this.awards = awards;
        this.store = store;
        this.jdbc = jdbc;
    }

    public boolean anyStore() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM store_item)").query(Boolean.class).single();
    }

    private static Caller actingAs(UUID staff) {
        Set<String> all = Stream.of(Permission.values()).map(Permission::authority).collect(Collectors.toSet());
        return new Caller(staff, "demo", "demo", "DEMO", List.of("/"), all);
    }

    @Transactional
    public UUID openFund(UUID unit, String kind, String name, long incomeFen, String incomeNote, UUID by) {
        UUID fund = store.openFund(unit, kind, name, actingAs(by)).id();
        store.income(fund, incomeFen, incomeNote, actingAs(by));
        return fund;
    }

    /** An item; donated goods and cards come with their stock, bought ones spend {@code costFen} of the fund. */
    @Transactional
    public UUID stock(UUID unit, String name, String source, String donor, int price, int quantity, long costFen,
            UUID by) {
        boolean bought = source.endsWith("_FUND");
        UUID item = store.createItem(unit, name, source, donor, price, bought ? 0 : quantity, actingAs(by)).id();
        if (bought) {
            store.addStock(item, quantity, costFen, name, actingAs(by));
        }
        return item;
    }

    /** An award by hand, approved at once by another staff member (the grid chief). */
    @Transactional
    public UUID awardApproved(UUID holder, UUID grid, String rule, String note, UUID clueGiver, UUID proposer,
            UUID approver) {
        UUID id = awards.award(holder, grid, rule, note, clueGiver, actingAs(proposer)).id();
        awards.approve(id, null, actingAs(approver));
        return id;
    }
}
