package org.fengqiao.points.internal;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The points store (积分超市): items with stock and a points price, fund accounts with their income and spending
 * in fen, redemptions and their vouchers. A redemption takes the holder's lock, then one unit of stock (a
 * conditional UPDATE that locks the item row), then the points, in one transaction, always in that order, so
 * concurrent redemptions neither oversell nor overdraw nor deadlock.
 */
@Service
public class Store {

    public record Item(UUID id, UUID unitId, String unitName, String name, String source, String donor,
            int pricePoints, int stock, boolean active, String unitPath) {
    }

    public record Fund(UUID id, UUID unitId, String unitName, String kind, String name, long balanceFen,
            String unitPath) {
    }

    public record FundEntry(long id, String kind, long amountFen, long balanceAfterFen, String itemName,
            Integer quantity, String note, String byName, Instant at) {
    }

    public record Voucher(UUID id, String code, UUID holderId, String holderName, UUID itemId, String itemName,
            String storeName, int points, Instant issuedAt, Instant usedAt, String usedByName, Instant cancelledAt,
            String unitPath) {

        public boolean used() {
            return usedAt != null;
        }

        /** Cancelled (作废) before pickup: its points and its unit went back; it is picked up no more. */
        public boolean cancelled() {
            return cancelledAt != null;
        }
    }

    /** The result of a scan: the voucher, and whether this scan used it or it was used before. */
    public record Scan(Voucher voucher, boolean alreadyUsed) {
    }

    static final Set<String> SOURCES = Set.of("DONATED", "SUPERMARKET_CARD", "VOLUNTEER_FUND", "BRAVERY_FUND");
    static final Map<String, String> FUND_OF = Map.of("VOLUNTEER_FUND", "VOLUNTEER_FUND", "BRAVERY_FUND",
            "BRAVERY_FUND");
    private static final char[] CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final ApplicationEventPublisher events;
    private final HolderNames names;

    Store(JdbcClient jdbc, Ledger ledger, ApplicationEventPublisher events, HolderNames names) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.events = events;
        this.names = names;
    }

    // ---- items ----

    /** The items a holder may redeem: those of the stores of his unit and the units above it. */
    public List<Item> forHolder(UUID holder) {
        String path = ledger.holder(holder).map(Ledger.Holder::unitPath).orElse("-");
        return jdbc.sql(ITEM + """
                 WHERE i.active AND :path LIKE u.path || '%' ORDER BY i.price_points, i.name""")
                .param("path", path).query(this::itemRow).list();
    }

    public List<Item> items(Caller caller) {
        return jdbc.sql(ITEM + " WHERE u.path LIKE ANY(CAST(:scope AS text[])) ORDER BY u.path, i.name")
                .param("scope", caller.scopePatterns()).query(this::itemRow).list();
    }

    public Optional<Item> item(UUID id) {
        return jdbc.sql(ITEM + " WHERE i.id = ?").param(id).query(this::itemRow).optional();
    }

    /** An item of a store in the caller's scope, for its staff (POINTS_STORE); checked in the query. */
    public Item visibleItem(UUID id, Caller caller) {
        return jdbc.sql(ITEM + " WHERE i.id = :id AND CAST(:store AS boolean) AND u.path LIKE ANY(CAST(:scope AS text[]))")
                .param("id", id).param("store", caller.may("POINTS_STORE")).param("scope", caller.scopePatterns())
                .query(this::itemRow).optional().orElseThrow(() -> new NotFound("store item", id));
    }

    @Transactional
    public Item createItem(UUID unitId, String name, String source, String donor, Integer price, Integer stock,
            Caller caller) {
        String path = unitPath(unitId, caller).orElseThrow(() -> Invalid.of("unitId", "points.error.unit"));
        if (name == null || name.isBlank() || name.length() > 100) {
            throw Invalid.of("name", "points.error.itemName");
        }
        if (source == null || !SOURCES.contains(source)) {
            throw Invalid.of("source", "points.error.source");
        }
        if (source.equals("DONATED") && (donor == null || donor.isBlank())) {
            throw Invalid.of("donor", "points.error.donor");
        }
        if (price == null || price <= 0 || price > 100_000) {
            throw Invalid.of("pricePoints", "points.error.price");
        }
        int initial = stock == null ? 0 : stock;
        if (initial < 0 || initial > 100_000) {
            throw Invalid.of("stock", "points.error.quantity");
        }
        if (FUND_OF.containsKey(source) && initial > 0) {
            // bought stock comes in through a purchase that spends the fund
            throw Invalid.of("stock", "points.error.boughtStock");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO store_item (id, unit_id, name, source, donor, price_points, stock, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, unitId, name.strip(), source, donor == null || donor.isBlank() ? null : donor.strip(), price,
                        initial, ledger.now()).update();
        Item item = item(id).orElseThrow();
        events.publishEvent(Audited.created("store_item", id, path, item));
        return item;
    }

    /**
     * Adds stock: donated goods and supermarket cards come in as given; an item bought with a fund spends
     * {@code costFen} from the fund of its kind at the item's unit, which may not go below zero.
     */
    @Transactional
    public Item addStock(UUID itemId, Integer quantity, Long costFen, String note, Caller caller) {
        Item before = visibleItem(itemId, caller);
        if (quantity == null || quantity <= 0 || quantity > 100_000) {
            throw Invalid.of("quantity", "points.error.quantity");
        }
        String fundKind = FUND_OF.get(before.source());
        if (fundKind != null) {
            if (costFen == null || costFen <= 0) {
                throw Invalid.of("costFen", "points.error.cost");
            }
            Fund fund = jdbc.sql(FUND + " WHERE f.unit_id = ? AND f.kind = ?").params(before.unitId(), fundKind)
                    .query(this::fundRow).optional().orElseThrow(() -> Invalid.of("costFen", "points.error.noFund"));
            spend(fund, costFen, itemId, quantity, note == null || note.isBlank() ? before.name() : note.strip(),
                    caller);
        }
        jdbc.sql("UPDATE store_item SET stock = stock + ?, version = version + 1 WHERE id = ?").params(quantity, itemId)
                .update();
        Item after = item(itemId).orElseThrow();
        events.publishEvent(Audited.updated("store_item", itemId, after.unitPath(), before, after));
        return after;
    }

    /**
     * Takes an item off sale (下架, {@code onSale} false) or puts it back: a withdrawn item is not offered and cannot
     * be redeemed, while the vouchers it gave (honoured at pickup), its stock and its fund history stay as they are.
     * The conditional UPDATE waits for a redemption holding the row, so none slips past a withdrawal; asked for what
     * the item already is, it says so and changes nothing.
     */
    @Transactional
    public Item setOnSale(UUID itemId, boolean onSale, Caller caller) {
        Item before = visibleItem(itemId, caller);
        int n = jdbc.sql("UPDATE store_item SET active = ?, version = version + 1 WHERE id = ? AND active <> ?")
                .params(onSale, itemId, onSale).update();
        if (n == 0) {
            throw Invalid.of("item", onSale ? "points.error.onSale" : "points.error.withdrawn");
        }
        Item after = item(itemId).orElseThrow();
        events.publishEvent(Audited.updated("store_item", itemId, after.unitPath(), before, after));
        return after;
    }

    // ---- funds ----

    public List<Fund> funds(Caller caller) {
        return jdbc.sql(FUND + " WHERE u.path LIKE ANY(CAST(:scope AS text[])) ORDER BY u.path, f.kind")
                .param("scope", caller.scopePatterns()).query(this::fundRow).list();
    }

    public Fund visibleFund(UUID id, Caller caller) {
        return jdbc.sql(FUND + " WHERE f.id = :id AND CAST(:store AS boolean) AND u.path LIKE ANY(CAST(:scope AS text[]))")
                .param("id", id).param("store", caller.may("POINTS_STORE")).param("scope", caller.scopePatterns())
                .query(this::fundRow).optional().orElseThrow(() -> new NotFound("fund", id));
    }

    public List<FundEntry> fundEntries(UUID fund) {
        return jdbc.sql("""
                SELECT e.*, i.name AS item_name, s.name AS by_name FROM fund_entry e
                LEFT JOIN store_item i ON i.id = e.item_id LEFT JOIN staff s ON s.id = e.by_staff
                WHERE e.fund_id = ? ORDER BY e.id DESC""").param(fund)
                .query((rs, n) -> new FundEntry(rs.getLong("id"), rs.getString("kind"), rs.getLong("amount_fen"),
                        rs.getLong("balance_after_fen"), rs.getString("item_name"),
                        (Integer) rs.getObject("quantity"), rs.getString("note"), rs.getString("by_name"),
                        rs.getObject("at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Opens a fund account of a unit (one per kind). */
    @Transactional
    public Fund openFund(UUID unitId, String kind, String name, Caller caller) {
        String path = unitPath(unitId, caller).orElseThrow(() -> Invalid.of("unitId", "points.error.unit"));
        if (kind == null || !FUND_OF.containsKey(kind)) {
            throw Invalid.of("kind", "points.error.fundKind");
        }
        if (name == null || name.isBlank()) {
            throw Invalid.of("name", "points.error.fundName");
        }
        UUID id = UUID.randomUUID();
        int n = jdbc.sql("INSERT INTO fund_account (id, unit_id, kind, name) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(id, unitId, kind, name.strip()).update();
        if (n == 0) {
            throw Invalid.of("kind", "points.error.fundExists");
        }
        Fund fund = visibleFund(id, caller);
        events.publishEvent(Audited.created("fund_account", id, path, fund));
        return fund;
    }

    /** Money coming into a fund (a grant), in fen. */
    @Transactional
    public Fund income(UUID fundId, Long amountFen, String note, Caller caller) {
        Fund before = visibleFund(fundId, caller);
        if (amountFen == null || amountFen <= 0 || amountFen > 100_000_000_00L) {
            throw Invalid.of("amountFen", "points.error.amount");
        }
        if (note == null || note.isBlank()) {
            throw Invalid.of("note", "points.error.noteRequired");
        }
        long after = jdbc.sql("UPDATE fund_account SET balance_fen = balance_fen + ? WHERE id = ? RETURNING balance_fen")
                .params(amountFen, fundId).query(Long.class).single();
        jdbc.sql("""
                INSERT INTO fund_entry (fund_id, kind, amount_fen, balance_after_fen, note, by_staff, at)
                VALUES (?, 'INCOME', ?, ?, ?, ?, ?)""")
                .params(fundId, amountFen, after, note.strip(), caller.staffId(), ledger.now()).update();
        Fund fund = visibleFund(fundId, caller);
        events.publishEvent(Audited.updated("fund_account", fundId, fund.unitPath(), before, fund));
        return fund;
    }

    private void spend(Fund fund, long costFen, UUID itemId, int quantity, String note, Caller caller) {
        Long after = jdbc.sql("""
                UPDATE fund_account SET balance_fen = balance_fen - :cost WHERE id = :id AND balance_fen >= :cost
                RETURNING balance_fen""").param("cost", costFen).param("id", fund.id()).query(Long.class)
                .optional().orElseThrow(() -> Invalid.of("costFen", "points.error.fundShort"));
        jdbc.sql("""
                INSERT INTO fund_entry (fund_id, kind, amount_fen, balance_after_fen, item_id, quantity, note, by_staff, at)
                VALUES (?, 'PURCHASE', ?, ?, ?, ?, ?, ?, ?)""")
                .params(fund.id(), -costFen, after, itemId, quantity, note, caller.staffId(), ledger.now()).update();
    }

    // ---- redemptions and vouchers ----

    /** A redemption's voucher; {@code repeated}: the form's key was used before, and this is the voucher it gave. */
    public record Redeemed(Voucher voucher, boolean repeated) {
    }

    /** Takes one unit of stock and the price in points from the caller's balance; gives a voucher. */
    @Transactional
    public Voucher redeem(UUID itemId, Caller caller) {
        return redeem(itemId, null, caller).voucher();
    }

    /**
     * As {@link #redeem(UUID, Caller)}, once per form key (see {@link FormKeys}): a second submission with the key
     * takes nothing more and answers the voucher of the first; the key used for another item is refused. The
     * holder's lock, taken first, makes a concurrent second submission wait for the first and then find it.
     */
    @Transactional
    public Redeemed redeem(UUID itemId, String formKey, Caller caller) {
        String key = FormKeys.clean(formKey);
        // the holder's lock first, with a form key or without: one redemption holding the item's row and waiting for
        // the holder while another of his held the holder and waited for the row deadlocked, and one of them failed
        ledger.lock(caller.staffId());
        if (key != null) {
            Optional<Voucher> before = jdbc.sql(VOUCHER + " WHERE v.holder_id = ? AND v.idempotency_key = ?")
                    .params(caller.staffId(), key).query(this::voucherRow).optional();
            if (before.isPresent()) {
                if (!before.get().itemId().equals(itemId)) {
                    throw Invalid.of("formKey", "points.error.formKeyReused");
                }
                return new Redeemed(before.get(), true);
            }
        }
        // an item of a store above the holder; withdrawn (下架), it is said so rather than not found
        String path = ledger.holder(caller.staffId()).map(Ledger.Holder::unitPath).orElse("-");
        Item item = jdbc.sql(ITEM + " WHERE i.id = :id AND :path LIKE u.path || '%'").param("id", itemId)
                .param("path", path).query(this::itemRow).optional()
                .orElseThrow(() -> new NotFound("store item", itemId));
        if (!item.active()) {
            throw Invalid.of("item", "points.error.withdrawn");
        }
        Integer price = jdbc.sql("""
                UPDATE store_item SET stock = stock - 1, version = version + 1 WHERE id = ? AND active AND stock > 0
                RETURNING price_points""").param(itemId).query(Integer.class).optional()
                .orElseThrow(() -> Invalid.of("item", item(itemId).map(Item::active).orElse(false)
                        ? "points.error.outOfStock" : "points.error.withdrawn"));
        long entry = ledger.append(caller.staffId(), "REDEMPTION", -price, null, "store_item", itemId.toString(),
                null, null, null, null, item.name());
        UUID id = UUID.randomUUID();
        String code = newCode();
        jdbc.sql("""
                INSERT INTO points_voucher (id, code, holder_id, item_id, entry_id, points, issued_at, idempotency_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, code, caller.staffId(), itemId, entry, price, ledger.now(), key).update();
        Voucher voucher = voucher(code).orElseThrow();
        events.publishEvent(Audited.created("points_voucher", id, item.unitPath(), voucher));
        return new Redeemed(voucher, false);
    }

    public Optional<Voucher> voucher(String code) {
        return jdbc.sql(VOUCHER + " WHERE v.code = ?").param(code).query(this::voucherRow).optional();
    }

    /**
     * A voucher its holder or the store's staff may see; its holder named only to those who may know him
     * ({@link HolderNames}).
     */
    public Voucher visibleVoucher(String code, Caller caller) {
        return names.voucher(jdbc.sql(VOUCHER + """
                 WHERE v.code = :code AND (v.holder_id = :me
                    OR (CAST(:store AS boolean) AND u.path LIKE ANY(CAST(:scope AS text[]))))""")
                .param("code", code).param("me", caller.staffId()).param("store", caller.may("POINTS_STORE"))
                .param("scope", caller.scopePatterns())
                .query(this::voucherRow).optional().orElseThrow(() -> new NotFound("voucher", code)), caller);
    }

    /**
     * A voucher of a store in the caller's scope, for the store's staff at pickup; checked in the query. Its holder
     * is named only to those who may know him ({@link HolderNames}): the store redeems an informant's voucher
     * without learning who he is.
     */
    public Voucher storeVoucher(String code, Caller caller) {
        return names.voucher(inStore(code, caller), caller);
    }

    private Voucher inStore(String code, Caller caller) {
        return jdbc.sql(VOUCHER + " WHERE v.code = :code AND CAST(:store AS boolean) AND u.path LIKE ANY(CAST(:scope AS text[]))")
                .param("code", code).param("store", caller.may("POINTS_STORE")).param("scope", caller.scopePatterns())
                .query(this::voucherRow).optional().orElseThrow(() -> new NotFound("voucher", code));
    }

    public List<Voucher> vouchersOf(UUID holder) {
        return jdbc.sql(VOUCHER + " WHERE v.holder_id = ? ORDER BY v.issued_at DESC").param(holder)
                .query(this::voucherRow).list();
    }

    /** The store's scan at pickup: marks the voucher used once; a second scan answers that it was used. */
    @Transactional
    public Scan scan(String code, Caller caller) {
        Voucher before = inStore(code, caller);
        int n = jdbc.sql("""
                UPDATE points_voucher SET used_at = ?, used_by = ? WHERE code = ? AND used_at IS NULL
                    AND cancelled_at IS NULL""")
                .params(ledger.now(), caller.staffId(), code).update();
        Voucher after = voucher(code).orElseThrow();
        if (after.cancelled()) {
            // its points went back to the holder: handing the goods out too would give them twice
            throw Invalid.of("code", "points.error.voucherCancelled");
        }
        if (n == 1) {
            events.publishEvent(Audited.updated("points_voucher", after.id(), after.unitPath(), before, after));
        }
        return new Scan(names.voucher(after, caller), n == 0);
    }

    /**
     * Cancels (作废) a voucher not picked up, by its holder or by the keeper of its store: in one transaction the
     * voucher is marked, its points come back as the reversal of its redemption entry and its unit goes back to
     * stock. The holder's lock first, as a redemption takes it, then the conditional UPDATE: of two cancellations at
     * once the second finds it cancelled and takes nothing; the ledger reverses an entry once besides. A used or
     * cancelled voucher is refused with why.
     */
    @Transactional
    public Voucher cancel(String code, Caller caller) {
        Voucher before = jdbc.sql(VOUCHER + """
                 WHERE v.code = :code AND (v.holder_id = :me
                    OR (CAST(:store AS boolean) AND u.path LIKE ANY(CAST(:scope AS text[]))))""")
                .param("code", code).param("me", caller.staffId()).param("store", caller.may("POINTS_STORE"))
                .param("scope", caller.scopePatterns())
                .query(this::voucherRow).optional().orElseThrow(() -> new NotFound("voucher", code));
        ledger.lock(before.holderId());
        int n = jdbc.sql("""
                UPDATE points_voucher SET cancelled_at = ?, cancelled_by = ?
                WHERE code = ? AND used_at IS NULL AND cancelled_at IS NULL""")
                .params(ledger.now(), caller.staffId(), code).update();
        if (n == 0) {
            Voucher now = voucher(code).orElseThrow();
            throw Invalid.of("code", now.used() ? "points.error.voucherUsed" : "points.error.voucherCancelled");
        }
        long entry = jdbc.sql("SELECT entry_id FROM points_voucher WHERE code = ?").param(code).query(Long.class)
                .single();
        ledger.append(before.holderId(), "REVERSAL", before.points(), null, "store_item", before.itemId().toString(),
                null, null, entry, caller.staffId(), before.itemName() + " " + code);
        jdbc.sql("UPDATE store_item SET stock = stock + 1, version = version + 1 WHERE id = ?").param(before.itemId())
                .update();
        Voucher after = voucher(code).orElseThrow();
        events.publishEvent(Audited.updated("points_voucher", after.id(), after.unitPath(), before, after));
        return names.voucher(after, caller);
    }

    private static String newCode() {
        StringBuilder b = new StringBuilder("JF");
        for (int i = 0; i < 12; i++) {
            b.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
        }
        return b.toString();
    }

    /**
     * The path of a unit in the caller's scope, for the store's staff to open an item or a fund in: a retired unit is
     * no longer in his area (as the jurisdiction's own choices have it), so nothing new is opened in it.
     */
    private Optional<String> unitPath(UUID unit, Caller caller) {
        if (unit == null || !caller.may("POINTS_STORE")) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT path FROM unit WHERE id = :id AND path LIKE ANY(CAST(:scope AS text[]))"
                        + " AND retired_at IS NULL")
                .param("id", unit).param("scope", caller.scopePatterns()).query(String.class).optional();
    }

    private static final String ITEM = """
            SELECT i.*, u.name AS unit_name, u.path AS unit_path FROM store_item i JOIN unit u ON u.id = i.unit_id""" + " ";
    private static final String FUND = """
            SELECT f.*, u.name AS unit_name, u.path AS unit_path FROM fund_account f JOIN unit u ON u.id = f.unit_id""" + " ";
    private static final String VOUCHER = """
            SELECT v.*, s.name AS holder_name, i.name AS item_name, u.name AS store_name, u.path AS unit_path,
                w.name AS used_by_name
            FROM points_voucher v JOIN staff s ON s.id = v.holder_id JOIN store_item i ON i.id = v.item_id
            JOIN unit u ON u.id = i.unit_id LEFT JOIN staff w ON w.id = v.used_by""" + " ";

    private Item itemRow(ResultSet rs, int n) throws SQLException {
        return new Item(rs.getObject("id", UUID.class), rs.getObject("unit_id", UUID.class), rs.getString("unit_name"),
                rs.getString("name"), rs.getString("source"), rs.getString("donor"), rs.getInt("price_points"),
                rs.getInt("stock"), rs.getBoolean("active"), rs.getString("unit_path"));
    }

    private Fund fundRow(ResultSet rs, int n) throws SQLException {
        return new Fund(rs.getObject("id", UUID.class), rs.getObject("unit_id", UUID.class), rs.getString("unit_name"),
                rs.getString("kind"), rs.getString("name"), rs.getLong("balance_fen"), rs.getString("unit_path"));
    }

    private Voucher voucherRow(ResultSet rs, int n) throws SQLException {
        OffsetDateTime used = rs.getObject("used_at", OffsetDateTime.class);
        OffsetDateTime cancelled = rs.getObject("cancelled_at", OffsetDateTime.class);
        return new Voucher(rs.getObject("id", UUID.class), rs.getString("code"), rs.getObject("holder_id", UUID.class),
                rs.getString("holder_name"), rs.getObject("item_id", UUID.class), rs.getString("item_name"),
                rs.getString("store_name"), rs.getInt("points"), rs.getObject("issued_at", OffsetDateTime.class).toInstant(),
                used == null ? null : used.toInstant(), rs.getString("used_by_name"),
                cancelled == null ? null : cancelled.toInstant(), rs.getString("unit_path"));
    }
}
