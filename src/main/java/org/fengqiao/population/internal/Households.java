package org.fengqiao.population.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.AddressQuery;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.Invalid;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Households (户) with their members as the household page shows them: names, relation, residence
 * and categories, never identity numbers or phones. Scoped like every read: grid → unit → path.
 */
@Repository
public class Households {

    private static final String SELECT = """
            SELECT h.id, h.grid_id, g.code AS grid_code, u.path AS unit_path, h.address_id, a.full_text AS address,
                   h.room_id, r.number AS room_number, r.unit_no AS room_unit, r.floor AS room_floor,
                   b.id AS building_id, b.name AS building_name, h.number, h.trusted, h.in_difficulty,
                   h.contact_card_on, h.note, h.version
            FROM household h JOIN grid g ON g.id = h.grid_id JOIN unit u ON u.id = g.unit_id
            LEFT JOIN address a ON a.id = h.address_id
            LEFT JOIN room r ON r.id = h.room_id LEFT JOIN building b ON b.id = r.building_id
            """;

    private final JdbcClient jdbc;

    Households(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Household(UUID id, UUID gridId, String gridCode, String unitPath, UUID addressId, String address,
            UUID roomId, String roomNumber, Integer roomUnit, Integer roomFloor, UUID buildingId, String buildingName,
            String number, boolean trusted, boolean inDifficulty, LocalDate contactCardOn, String note, long version) {
    }

    public record CategoryMark(String category, String subtype, String risk) {
    }

    public record Member(UUID id, String name, String relation, String residence, List<CategoryMark> categories) {
    }

    /** A grid the caller may see, with the path of its unit (the audit trail files records under it). */
    /** A grid as a building or household is filed in; {@code retired}: merged away, nothing new goes in. */
    public record GridRef(UUID id, String code, String unitPath, String name, boolean retired) {
        public GridRef(UUID id, String code, String unitPath) {
            this(id, code, unitPath, null, false);
        }
    }

    /**
     * The grid a building or household is about to be filed into, when the caller sees it: held (FOR KEY SHARE) until
     * the transaction ends, so a retirement of it waits for the filing and counts it, or the filing waits for the
     * retirement and reads it retired. Call it in the transaction that writes.
     */
    public Optional<GridRef> gridVisible(UUID gridId, Caller caller) {
        return jdbc.sql("""
                SELECT g.id, g.code, u.path, g.name, g.retired_at IS NOT NULL FROM grid g JOIN unit u ON u.id = g.unit_id
                WHERE g.id = :id AND u.path LIKE ANY(CAST(:scope AS text[]))""" + reach(caller).condition("g.id")
                        + " FOR KEY SHARE OF g")
                .param("id", gridId).param("scope", caller.scopePatterns()).params(reach(caller).params())
                .query((rs, row) -> new GridRef(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getBoolean(5)))
                .optional();
    }

    public Optional<GridRef> gridOfAddress(UUID addressId) {
        return jdbc.sql("""
                SELECT g.id, g.code, u.path FROM address a JOIN grid g ON g.id = a.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE a.id = ?""")
                .param(addressId)
                .query((rs, row) -> new GridRef(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /**
     * Beside the unit paths, for one who serves grids (a grid member or coordinator at an office-placed grid, whose
     * unit path is the office's): only the households of the grids he serves ({@link GridReach}), as his persons.
     */
    static GridReach reach(Caller caller) {
        return GridReach.of(caller);
    }

    public Optional<Household> findVisible(UUID id, Caller caller) {
        return jdbc.sql(SELECT + " WHERE h.id = :id AND u.path LIKE ANY(CAST(:scope AS text[]))"
                        + reach(caller).condition("h.grid_id"))
                .param("id", id).param("scope", caller.scopePatterns()).params(reach(caller).params())
                .query(Households::household).optional();
    }

    /**
     * The household numbered {@code number} (户号, as its page shows it) among those the caller may see; none when
     * there is none, it lies outside his jurisdiction, or (numbers being the officers' own) two he may see share it.
     */
    public Optional<Household> findVisibleByNumber(String number, Caller caller) {
        List<Household> found = jdbc.sql(SELECT + " WHERE h.number = :number AND u.path LIKE ANY(CAST(:scope AS text[]))"
                        + reach(caller).condition("h.grid_id") + " LIMIT 2")
                .param("number", number).param("scope", caller.scopePatterns()).params(reach(caller).params())
                .query(Households::household).list();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /**
     * A household a person may be moved into, as the person form offers it: its number when it has one, where it is
     * (its address, or its building and room) and the name of its head, so one without a number can be told apart.
     */
    public record Choice(UUID id, String number, String address, String buildingName, Integer roomUnit,
            String roomNumber, String head, UUID gridId, String gridCode) {

        /** Where it is: its address, or its building and room (3号楼 1-301). */
        public String place() {
            if (address != null) {
                return address;
            }
            if (buildingName == null) {
                return null;
            }
            return buildingName + (roomNumber == null ? "" : " " + (roomUnit == null ? "" : roomUnit + "-") + roomNumber);
        }

        /** Number, place and head, those it has, the head after {@code headWord} (户主). */
        public String label(String headWord) {
            List<String> parts = new ArrayList<>();
            if (number != null) {
                parts.add(number);
            }
            if (place() != null) {
                parts.add(place());
            }
            if (head != null) {
                parts.add(headWord + " " + head);
            }
            return parts.isEmpty() ? "—" : String.join(" · ", parts);
        }

        /** {@link #label} with the household's grid after it, for a household of any grid of the officer's. */
        public String labelWithGrid(String headWord) {
            return label(headWord) + " · " + gridCode;
        }
    }

    /** The columns of a {@link Choice}: its household h, where it is, its head, its grid. */
    private static final String CHOICE = """
            SELECT h.id, h.number, a.full_text, b.name, r.unit_no, r.number AS room_number, hd.head, g.id AS grid_id,
                   g.code AS grid_code
            FROM household h JOIN grid g ON g.id = h.grid_id JOIN unit u ON u.id = g.unit_id
            LEFT JOIN address a ON a.id = h.address_id
            LEFT JOIN room r ON r.id = h.room_id LEFT JOIN building b ON b.id = r.building_id
            LEFT JOIN LATERAL (SELECT min(p.name) FILTER (WHERE p.relation = 'HEAD') AS head
                               FROM person p WHERE p.household_id = h.id) hd ON true
            """;

    /** Where they are, in door order (1组2号 before 1组10号, 3号楼 before 12号楼, 301 before 1001). */
    private static final String CHOICE_ORDER = " ORDER BY coalesce(a.sort_key, b.sort_key, "
            + "natural_sort_key(h.number), '') COLLATE \"C\", b.sort_key, r.unit_no, r.sort_key, "
            + Addresses.doorOrder("h.number") + ", h.id";

    private static Choice choice(ResultSet rs, int n) throws SQLException {
        return new Choice(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                (Integer) rs.getObject(5), rs.getString(6), rs.getString(7), rs.getObject(8, UUID.class),
                rs.getString(9));
    }

    /** The most households one grid's choice lists; a grid holds a few hundred. */
    static final int MAX_CHOICES = 2000;

    /**
     * The households of a grid the caller may see (none outside his jurisdiction), but {@code except}, ordered by
     * where they are: what the person form offers to move someone within his grid, numbered or not.
     */
    public List<Choice> choices(UUID gridId, UUID except, Caller caller) {
        return jdbc.sql(CHOICE + " WHERE h.grid_id = :grid AND u.path LIKE ANY(CAST(:scope AS text[]))"
                        + reach(caller).condition("h.grid_id") + " AND h.id IS DISTINCT FROM CAST(:except AS uuid)"
                        + CHOICE_ORDER + " LIMIT :limit")
                .param("grid", gridId).param("scope", caller.scopePatterns()).params(reach(caller).params())
                .param("except", except).param("limit", MAX_CHOICES)
                .query(Households::choice).list();
    }

    /** One household as a {@link Choice}, when the caller may see it. */
    public Optional<Choice> choice(UUID id, Caller caller) {
        return jdbc.sql(CHOICE + " WHERE h.id = :id AND u.path LIKE ANY(CAST(:scope AS text[]))"
                        + reach(caller).condition("h.grid_id"))
                .param("id", id).param("scope", caller.scopePatterns()).params(reach(caller).params())
                .query(Households::choice).optional();
    }

    /** The fewest characters a household is looked up by: two make a name's bigram and a number worth matching. */
    public static final int SHORTEST_LOOKUP = 2;

    /** How many households each kind of a {@link #lookup} gathers at most before the page is made of them. */
    static final int LOOKUP_GATHERED = 200;

    /**
     * The households of any grid the caller may see (none outside his jurisdiction), but {@code except}, whose number
     * (户号) is or holds the text, whose address holds it (read as the address list reads an address: 吴场村一组四十号,
     * 1组40), whose building's name holds it, or whose head's name does (two or more characters of it, or its pinyin
     * initials as the person search reads them: zs → 张三): what the person
     * form offers to move someone into a household of another grid, numbered or not. The number typed whole comes
     * first, then by where they are.
     * <p>
     * Each kind is its own lookup within the caller's grids, bounded to {@value #LOOKUP_GATHERED} households: the number
     * typed whole by its unique index; the address (three characters or more: two make no trigram) from its trigram
     * index; the head by the names' bigrams and persons in name order; a part of a number and building names read
     * through. Only the households gathered are then joined, ordered and cut to the page: a text many households share
     * (a village's name) lists some of them, and the officer types more. Written as one join with the scope and the
     * order after it, the planner read, joined and sorted every household of the county first, 1 to 12 s a lookup at a
     * million persons (bench/README.md, twenty-first session). An index of the numbers' trigrams would cost every
     * import of households more than the rare lookup by a part of a number saves.
     */
    public List<Choice> lookup(String text, UUID except, Caller caller, int limit) {
        String q = text == null ? "" : text.strip();
        if (q.codePointCount(0, q.length()) < SHORTEST_LOOKUP) {
            throw Invalid.of("q", "housing.lookup.tooShort", SHORTEST_LOOKUP);
        }
        Map<String, Object> params = new HashMap<>();
        // the caller's grids as a hashed filter on the rows each kind yields (IS TRUE keeps the planner from turning
        // it into a join that walks every household of those grids first), as the person search's is
        GridReach reach = reach(caller);
        String inScope = Persons.inScope("h2.grid_id") + reach.condition("h2.grid_id");
        String bounded = " LIMIT " + LOOKUP_GATHERED + ")";
        List<String> found = new ArrayList<>();
        found.add("(SELECT h2.id FROM household h2 WHERE h2.number = :number AND " + inScope + ")");
        found.add("(SELECT h2.id FROM household h2 WHERE h2.number LIKE :inside AND " + inScope + bounded);
        int[] cps = q.codePoints().toArray();
        if (cps.length >= 3) {
            // the addresses from their trigram index (OFFSET 0 keeps it the start), then their households; two
            // characters make no trigram, and an address is not looked up by two
            AddressQuery address = AddressQuery.of(q);
            found.add("(SELECT h2.id FROM (SELECT a2.id FROM address a2 WHERE " + address.anyInside("a2.full_text")
                    + " OFFSET 0) a2 JOIN household h2 ON h2.address_id = a2.id WHERE " + inScope + bounded);
            params.putAll(address.params());
        }
        found.add("(SELECT h2.id FROM household h2 JOIN room r2 ON r2.id = h2.room_id "
                + "JOIN building b2 ON b2.id = r2.building_id WHERE b2.name LIKE :inside AND " + inScope + bounded);
        // a head by two or more characters of his name: the names holding its first two (name_bigram), as the
        // person search finds a name fragment, and their persons from person_name_order
        found.add("(SELECT p2.household_id FROM person p2 WHERE p2.relation = 'HEAD' AND p2.household_id IS NOT NULL "
                + "AND p2.name COLLATE \"C\" = ANY(ARRAY(SELECT nb.name FROM name_bigram nb WHERE nb.bigram = :bigram "
                + "AND nb.name LIKE :inside)) AND " + Persons.inScope("p2.grid_id") + reach.condition("p2.grid_id")
                + bounded);
        // a head by the pinyin initials of his name (zs → 张三), read as the person search reads them, walked in
        // initials and name order on their B-tree (person_initials_order) as the person search walks it
        java.util.Optional<String> initials = PersonQuery.initials(q);
        if (initials.isPresent()) {
            found.add("(SELECT p2.household_id FROM person p2 WHERE p2.name_initials COLLATE \"C\" >= :initialsFrom "
                    + "AND p2.name_initials COLLATE \"C\" < :initialsTo AND p2.relation = 'HEAD' "
                    + "AND p2.household_id IS NOT NULL AND " + Persons.inScope("p2.grid_id")
                    + reach.condition("p2.grid_id")
                    + " ORDER BY p2.name_initials COLLATE \"C\", p2.name COLLATE \"C\", p2.id" + bounded);
            params.put("initialsFrom", initials.get());
            params.put("initialsTo", PersonQuery.successor(initials.get()));
        }
        params.put("bigram", new String(cps, 0, 2));
        params.put("number", q);
        params.put("inside", AddressQuery.inside(q));
        params.put("scope", caller.scopePatterns());
        params.putAll(reach.params());
        params.put("except", except);
        params.put("limit", Math.max(1, Math.min(limit, 50)));
        // the gathered households first (materialised), then their rows by key (as an array, so that a generic plan
        // reads them by key too rather than hashing every household): the page is made of those only
        return jdbc.sql("WITH found AS MATERIALIZED (" + String.join(" UNION ", found) + ") " + CHOICE
                        + " WHERE h.id = ANY(ARRAY(SELECT id FROM found)) AND u.path LIKE ANY(:scope)"
                        + reach.condition("h.grid_id")
                        + " AND h.id IS DISTINCT FROM CAST(:except AS uuid)"
                        + CHOICE_ORDER.replace(" ORDER BY ", " ORDER BY h.number IS NOT DISTINCT FROM :number DESC, ")
                        + " LIMIT :limit")
                .params(params).query(Households::choice).list();
    }

    public Optional<Household> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE h.id = ?").param(id).query(Households::household).optional();
    }

    public boolean numberTaken(String number) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM household WHERE number = ?)").param(number)
                .query(Boolean.class).single();
    }

    public void insert(UUID id, UUID gridId, UUID roomId, UUID addressId, String number, boolean trusted,
            boolean inDifficulty) {
        jdbc.sql("""
                INSERT INTO household (id, grid_id, room_id, address_id, number, trusted, in_difficulty)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, gridId, roomId, addressId, number, trusted, inDifficulty).update();
    }

    public void update(UUID id, boolean trusted, boolean inDifficulty, String note) {
        jdbc.sql("""
                UPDATE household SET trusted = ?, in_difficulty = ?, note = ?, updated_at = now(), version = version + 1
                WHERE id = ?""")
                .params(trusted, inDifficulty, note, id).update();
    }

    /**
     * A contact card handed to the household on {@code on}: the household shows its last card, and the day joins the
     * days it was handed one (V167), which the work figures count, so a card handed again leaves the month of the one
     * before counted as it was.
     */
    public void contactCard(UUID id, LocalDate on) {
        contactCard(id, on, false);
    }

    /**
     * As {@link #contactCard(UUID, LocalDate)}; {@code keepLater}: a later card stays the household's last (a visit
     * entered late that handed one), where the card form's day is the one the officer says the last card was handed.
     */
    public void contactCard(UUID id, LocalDate on, boolean keepLater) {
        jdbc.sql("""
                UPDATE household SET contact_card_on = CASE WHEN ? THEN greatest(contact_card_on, ?) ELSE ? END,
                    updated_at = now(), version = version + 1
                WHERE id = ?""")
                .params(keepLater, on, on, id).update();
        jdbc.sql("INSERT INTO contact_card_handed (household_id, handed_on) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(id, on).update();
    }

    /** The numbers (户号) of the given households that have one, by id: what an export writes beside each person. */
    public Map<UUID, String> numbers(java.util.Collection<UUID> ids) {
        Map<UUID, String> numbers = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return numbers;
        }
        jdbc.sql("SELECT id, number FROM household WHERE id = ANY(?) AND number IS NOT NULL")
                .param(ids.toArray(UUID[]::new))
                .query((rs, n) -> numbers.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        return numbers;
    }

    /** The members, head first, each with its categories, in one query. */
    public List<Member> members(UUID householdId) {
        Map<UUID, Member> members = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT p.id, p.name, p.relation, p.residence, pc.category, pc.subtype, pc.risk
                FROM person p LEFT JOIN person_category pc ON pc.person_id = p.id
                WHERE p.household_id = ?
                ORDER BY (p.relation = 'HEAD') DESC NULLS LAST, p.residence = 'LEFT', p.birth_date NULLS LAST,
                         p.created_at, p.id, pc.category""")
                .param(householdId).query((ResultSet rs) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    Member m = members.computeIfAbsent(id, k -> member(rs));
                    if (rs.getString("category") != null) {
                        m.categories().add(new CategoryMark(rs.getString("category"), rs.getString("subtype"),
                                rs.getString("risk")));
                    }
                });
        return List.copyOf(members.values());
    }

    private static Member member(ResultSet rs) {
        try {
            return new Member(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("relation"),
                    rs.getString("residence"), new ArrayList<>());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Household household(ResultSet rs, int row) throws SQLException {
        return new Household(rs.getObject("id", UUID.class), rs.getObject("grid_id", UUID.class),
                rs.getString("grid_code"), rs.getString("unit_path"), rs.getObject("address_id", UUID.class),
                rs.getString("address"), rs.getObject("room_id", UUID.class), rs.getString("room_number"),
                (Integer) rs.getObject("room_unit"), (Integer) rs.getObject("room_floor"),
                rs.getObject("building_id", UUID.class),
                rs.getString("building_name"), rs.getString("number"), rs.getBoolean("trusted"),
                rs.getBoolean("in_difficulty"), rs.getObject("contact_card_on", LocalDate.class), rs.getString("note"),
                rs.getLong("version"));
    }
}
