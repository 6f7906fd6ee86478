package org.fengqiao.supplies;

import java.time.LocalDate;
import java.util.UUID;
import org.fengqiao.supplies.internal.Actor;
import org.fengqiao.supplies.internal.SupplyDesk;
import org.fengqiao.supplies.internal.SupplyLedger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the demo district may do with the supplies ledgers, through the same checks as any person (as the application
 * itself, whose scope is everything): issue a standard kind to a unit, confirm its receipt, record a use.
 */
@Service
public class SuppliesLoader {

    private final SupplyDesk desk;
    private final SupplyLedger ledger;
    private final JdbcClient jdbc;

    SuppliesLoader(SupplyDesk desk, SupplyLedger ledger, JdbcClient jdbc) {
        this.desk = desk;
        this.ledger = ledger;
        this.jdbc = jdbc;
    }

    public boolean any() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM supply_entry)").query(Boolean.class).single();
    }

    /**
     * Issues {@code quantity} of the standard kind {@code code} to a unit, costing {@code costFen}, from
     * {@code supplier}; confirmed received by the staff member {@code receiverId} ({@code receiverName}) when not
     * null. Answers the line's id.
     */
    @Transactional
    public UUID issue(UUID unit, String code, int quantity, long costFen, LocalDate on, String supplier,
            UUID receiverId, String receiverName, String by) {
        UUID kind = ledger.kindByCode(SupplyLedger.bureau(desk.place(unit, Actor.system(by)).path()), code)
                .orElseThrow().id();
        UUID id = desk.issue(unit, new SupplyDesk.IssueForm(kind, quantity, costFen, on, supplier, null),
                Actor.system(by)).id();
        if (receiverId != null) {
            desk.confirm(id, new Actor(receiverId, receiverName, null, null));
        }
        return id;
    }

    /** Records {@code quantity} of the standard kind {@code code} used up (or lost) at a unit, with the reason. */
    @Transactional
    public void use(UUID unit, String code, int quantity, boolean lost, LocalDate on, String reason, String by) {
        UUID kind = ledger.kindByCode(SupplyLedger.bureau(desk.place(unit, Actor.system(by)).path()), code)
                .orElseThrow().id();
        desk.use(unit, new SupplyDesk.UseForm(lost ? EntryType.LOST : EntryType.USED, kind, quantity, on, reason),
                Actor.system(by));
    }
}
