package org.fengqiao.claims;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.claims.internal.Board;
import org.fengqiao.claims.internal.BoardUpkeep;
import org.fengqiao.claims.internal.ClaimDesk;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the demo district may ask of the board: whether any claim was made, a full refresh of the board, and the
 * commands people give (claim, report done, confirm), acted as a named staff member so each is checked against the
 * roster and audited like any other.
 */
@Service
public class ClaimsLoader {

    private final BoardUpkeep upkeep;
    private final ClaimDesk desk;
    private final Board board;
    private final JdbcClient jdbc;

    ClaimsLoader(BoardUpkeep upkeep, ClaimDesk desk, Board board, JdbcClient jdbc) {
        this.upkeep = upkeep;
        this.desk = desk;
        this.board = board;
        this.jdbc = jdbc;
    }

    public boolean anyClaims() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM claim)").query(Boolean.class).single();
    }

    /** Registers every open incident and dispute and puts up those older than the age. */
    @Transactional
    public int refresh() {
        upkeep.reconcile();
        return upkeep.sweep(null);
    }

    private static Caller actingAs(UUID staff, String name) {
        return new Caller(staff, "demo", name, "DEMO", List.of("/"), Set.of(Permission.CLAIMS_READ.authority()));
    }

    /** Claims the board item of a source record; answers the claim's id. */
    @Transactional
    public UUID claim(UUID sourceId, UUID staff, String name, LocalDate due, List<UUID> coClaimers, String note) {
        UUID item = board.itemBySource(sourceId).orElseThrow().id();
        return desk.claim(item, new ClaimDesk.ClaimForm(due, coClaimers, note), actingAs(staff, name)).id();
    }

    @Transactional
    public void report(UUID claim, UUID staff, String name, String note) {
        desk.report(claim, note, actingAs(staff, name));
    }

    @Transactional
    public void confirm(UUID claim, UUID staff, String name) {
        desk.confirm(claim, actingAs(staff, name));
    }
}
