package org.fengqiao.population.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.population.IdentityNumber;
import org.fengqiao.population.Relation;
import org.fengqiao.population.Residence;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Persons, scoped through their grid's unit inside every query. Identity numbers and phones go in
 * encrypted, with blind indexes for exact search and a masked copy for lists; the full value only
 * comes back out through {@link #reveal}.
 */
@Repository
public class Persons {

    static final String SCOPED_FROM = """
            FROM person p JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id""";
    static final String COLUMNS = """
            SELECT p.id, p.grid_id, g.code AS grid_code, u.path AS unit_path, p.household_id, p.name, p.id_masked,
                   p.phone_masked, p.sex, p.birth_date, p.ethnicity, p.relation, p.residence, p.registered_on,
                   p.left_on, p.occupation, p.workplace, p.note, p.version,
                   (SELECT coalesce(array_agg(c.category || coalesce(':' || c.subtype, '') ORDER BY c.category), '{}')
                      FROM person_category c WHERE c.person_id = p.id) AS categories,
                   (SELECT h.address_text FROM household h WHERE h.id = p.household_id) AS address
            """;

    private static final String INSERT = """
                INSERT INTO person (id, grid_id, household_id, name, name_initials, name_pinyin,
                    id_cipher, id_index, id_last6, id_masked, phone_cipher, phone_index, phone_masked,
                    sex, birth_date, ethnicity, relation, residence, registered_on, left_on, occupation, workplace, note,
                    content_hash)
                VALUES (:id, :grid, :household, :name, :initials, :pinyin, :idCipher, :idIndex,
                    :idLast6, :idMasked, :phoneCipher, :phoneIndex, :phoneMasked, :sex, :birth, :ethnicity, :relation,
                    :residence, :registered, :left, :occupation, :workplace, :note, :hash)""";

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final javax.sql.DataSource dataSource;

    public Persons(JdbcClient jdbc, PersonalDataCipher cipher, javax.sql.DataSource dataSource) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.dataSource = dataSource;
    }

    private org.springframework.jdbc.core.JdbcTemplate jdbcTemplate() {
        return new org.springframework.jdbc.core.JdbcTemplate(dataSource);
    }

    /** A person as lists and pages show them: identity number and phone masked. */
    public record Row(UUID id, UUID gridId, String gridCode, String unitPath, UUID householdId, String name,
            String idMasked, String phoneMasked, String sex, LocalDate birthDate, String ethnicity, String relation,
            Residence residence, LocalDate registeredOn, LocalDate leftOn, String occupation, String workplace,
            String note, long version, List<String> categories, String address) {
    }

    /** What is written for a person; identity number and phone in the clear, encrypted here. */
    public record Fields(UUID gridId, UUID householdId, String name, IdentityNumber idNumber, String phone, String sex,
            LocalDate birthDate, String ethnicity, Relation relation, Residence residence, LocalDate registeredOn,
            LocalDate leftOn, String occupation, String workplace, String note) {
    }

    public Optional<Row> findVisible(UUID id, Caller caller) {
        GridReach reach = GridReach.of(caller);
        return jdbc.sql(COLUMNS + SCOPED_FROM + " WHERE p.id = :id AND u.path LIKE ANY(CAST(:scope AS text[]))"
                        + reach.condition("p.grid_id"))
                .param("id", id).param("scope", caller.scopePatterns()).params(reach.params()).query(Persons::map)
                .optional();
    }

    /** The person holding an identity number, whatever the scope: import uses it to update instead of duplicating. */
    public Optional<UUID> idOfNumber(IdentityNumber number) {
        return jdbc.sql("SELECT id FROM person WHERE id_last6 = ? AND id_index = ?")
                .param(cipher.blindIndex("id-last6", number.last6())).param(cipher.blindIndex("id", number.value()))
                .query(UUID.class).optional();
    }

    public UUID insert(Fields f) {
        UUID id = UUID.randomUUID();
        jdbc.sql(INSERT)
                .param("id", id).params(parameters(f)).update();
        return id;
    }

    /**
     * Many new persons in one JDBC batch, for imports and the demo district: the same columns and
     * rules as {@link #insert}, without a round trip per person. Returns their ids in order.
     */
    public List<UUID> insertBatch(List<Fields> batch) {
        List<UUID> ids = new ArrayList<>(batch.size());
        List<java.util.Map<String, Object>> rows = new ArrayList<>(batch.size());
        for (Fields f : batch) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            java.util.Map<String, Object> p = parameters(f);
            p.put("id", id);
            rows.add(p);
        }
        new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbcTemplate())
                .batchUpdate(INSERT, rows.stream().map(org.springframework.jdbc.core.namedparam.MapSqlParameterSource::new)
                        .toArray(org.springframework.jdbc.core.namedparam.SqlParameterSource[]::new));
        return ids;
    }

    /**
     * A new person made ready for {@link #insertCopy}: encrypted, indexed and hashed, as one line of
     * PostgreSQL's COPY text format in UTF-8. Pure computation, so an import prepares rows on several threads.
     */
    public record Prepared(UUID id, String idIndex, String hash, byte[] copyLine) {
    }

    /**
     * The blind indexes of an identity number: of the whole number ({@code id_index}) and of its last 6
     * ({@code id_last6}). One unique B-tree holds the pair (V101), so a look-up by number gives both.
     */
    public record NumberIndex(String whole, String last6) {
    }

    static final String COPY_COLUMNS = """
            id, grid_id, household_id, name, name_initials, name_pinyin, id_cipher, id_index,
            id_last6, id_masked, phone_cipher, phone_index, phone_masked, sex, birth_date, ethnicity, relation,
            residence, registered_on, left_on, occupation, workplace, note, content_hash""";

    public Prepared prepare(Fields f) {
        return preparer().prepare(f, UUID.randomUUID(), null);
    }

    /**
     * What prepares rows, called directly: this repository is reached through a proxy (exception translation),
     * and a bulk import calls it twice per row.
     */
    public Preparer preparer() {
        return new Preparer();
    }

    public final class Preparer {

        private final ThreadLocal<CopyText> buffers = ThreadLocal.withInitial(() -> new CopyText(1024));

        private Preparer() {
        }

        /** The keyed blind indexes of a number, as stored in {@code id_last6} and {@code id_index}. */
        public NumberIndex numberIndex(IdentityNumber number) {
            return new NumberIndex(cipher.blindIndex("id", number.value()), cipher.blindIndex("id-last6", number.last6()));
        }

        /**
         * The stored form of {@link #insert}, field for field: the same derived name columns, ciphertexts, blind
         * indexes, masks and content hash. {@code known} is the number's blind indexes when the caller already
         * has them (null computes them).
         */
        public Prepared prepare(Fields f, UUID id, NumberIndex known) {
            IdentityNumber number = f.idNumber();
            NumberIndex index = number == null ? null : known != null ? known : numberIndex(number);
            String phone = f.phone();
            ChineseNames.Pinyin pinyin = ChineseNames.pinyin(f.name());
            String hash = contentHash(f);
            CopyText line = buffers.get().reset();
            line.uuid(id).uuid(f.gridId()).uuid(f.householdId()).text(f.name()).text(pinyin.initials()).text(pinyin.full());
            if (number == null) {
                line.nul().nul().nul().nul();
            } else {
                line.bytea(cipher.encrypt(number.value())).text(index.whole()).text(index.last6()).text(number.masked());
            }
            if (phone == null) {
                line.nul().nul().nul();
            } else {
                line.bytea(cipher.encrypt(phone)).text(cipher.blindIndex("phone", phone)).text(PhoneNumbers.masked(phone));
            }
            line.text(f.sex()).date(f.birthDate()).text(f.ethnicity()).text(f.relation() == null ? null : f.relation().name())
                    .text(f.residence().name()).date(f.registeredOn()).date(f.leftOn()).text(f.occupation())
                    .text(f.workplace()).text(f.note()).text(hash).endRow();
            return new Prepared(id, index == null ? null : index.whole(), hash, line.toByteArray());
        }
    }

    /**
     * New persons through PostgreSQL's COPY, in the caller's transaction: for a million rows it is several
     * times faster than a JDBC batch of INSERTs. The identity numbers must be new (the import checked); one
     * that a concurrent writer took meanwhile fails the unique index and rolls the whole batch back.
     */
    public void insertCopy(List<Prepared> batch) {
        if (batch.isEmpty()) {
            return;
        }
        java.sql.Connection connection = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource);
        try {
            // row by row into the driver's buffer, not one array of the whole batch: megabytes in one piece are
            // what a garbage collector handles worst
            org.postgresql.copy.CopyIn in = connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
                    .copyIn("COPY person (" + COPY_COLUMNS + ") FROM STDIN");
            try {
                for (Prepared p : batch) {
                    in.writeToCopy(p.copyLine(), 0, p.copyLine().length);
                }
                in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new org.springframework.dao.DataIntegrityViolationException("COPY into person failed: " + e.getMessage(), e);
        } finally {
            org.springframework.jdbc.datasource.DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Rows already in COPY text form into the caller's transaction's connection. */
    void copy(CopyText rows, String copySql) {
        java.sql.Connection connection = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource);
        try {
            rows.copyInto(connection, copySql);
        } catch (SQLException e) {
            throw new org.springframework.dao.DataIntegrityViolationException(copySql + " failed: " + e.getMessage(), e);
        } finally {
            org.springframework.jdbc.datasource.DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * The stored version of a person, his row locked until the transaction ends: a change checked against the version
     * its form was made from cannot then be overtaken between the check and the write.
     */
    public Optional<Long> lockVersion(UUID id) {
        return jdbc.sql("SELECT version FROM person WHERE id = ? FOR UPDATE").param(id).query(Long.class).optional();
    }

    /** Writes the fields over the stored person; returns false when nothing differed (an idempotent import). */
    public boolean update(UUID id, Fields f) {
        return jdbc.sql("""
                UPDATE person SET grid_id = :grid, household_id = :household, name = :name,
                    name_initials = :initials, name_pinyin = :pinyin,
                    id_cipher = CASE WHEN id_index IS NOT DISTINCT FROM :idIndex THEN id_cipher ELSE :idCipher END,
                    id_index = :idIndex, id_last6 = :idLast6, id_masked = :idMasked,
                    phone_cipher = CASE WHEN phone_index IS NOT DISTINCT FROM :phoneIndex THEN phone_cipher ELSE :phoneCipher END,
                    phone_index = :phoneIndex, phone_masked = :phoneMasked, sex = :sex, birth_date = :birth,
                    ethnicity = :ethnicity, relation = :relation, residence = :residence, registered_on = :registered,
                    left_on = :left, occupation = :occupation, workplace = :workplace, note = :note,
                    content_hash = :hash, updated_at = now(), version = version + 1
                WHERE id = :id AND content_hash <> :hash""")
                .param("id", id).params(parameters(f)).update() > 0;
    }

    private java.util.Map<String, Object> parameters(Fields f) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("grid", f.gridId());
        p.put("household", f.householdId());
        p.put("name", f.name());
        p.put("initials", ChineseNames.initials(f.name()));
        p.put("pinyin", ChineseNames.fullPinyin(f.name()));
        IdentityNumber number = f.idNumber();
        p.put("idCipher", number == null ? null : cipher.encrypt(number.value()));
        p.put("idIndex", number == null ? null : cipher.blindIndex("id", number.value()));
        p.put("idLast6", number == null ? null : cipher.blindIndex("id-last6", number.last6()));
        p.put("idMasked", number == null ? null : number.masked());
        String phone = f.phone();
        p.put("phoneCipher", phone == null ? null : cipher.encrypt(phone));
        p.put("phoneIndex", phone == null ? null : cipher.blindIndex("phone", phone));
        p.put("phoneMasked", phone == null ? null : PhoneNumbers.masked(phone));
        p.put("sex", f.sex());
        p.put("birth", f.birthDate());
        p.put("ethnicity", f.ethnicity());
        p.put("relation", f.relation() == null ? null : f.relation().name());
        p.put("residence", f.residence().name());
        p.put("registered", f.registeredOn());
        p.put("left", f.leftOn());
        p.put("occupation", f.occupation());
        p.put("workplace", f.workplace());
        p.put("note", f.note());
        p.put("hash", contentHash(f));
        return p;
    }

    private static final ThreadLocal<java.security.MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** SHA-256 of everything written, in the clear, fields joined by U+001F: unchanged content, unchanged hash. */
    static String contentHash(Fields f) {
        StringBuilder canonical = new StringBuilder(200);
        char sep = '\u001f';
        canonical.append(f.gridId()).append(sep).append(f.householdId()).append(sep).append(f.name()).append(sep)
                .append(f.idNumber() == null ? "" : f.idNumber().value()).append(sep).append(f.phone()).append(sep)
                .append(f.sex()).append(sep).append(f.birthDate()).append(sep).append(f.ethnicity()).append(sep)
                .append(f.relation()).append(sep).append(f.residence()).append(sep).append(f.registeredOn()).append(sep)
                .append(f.leftOn()).append(sep).append(f.occupation()).append(sep).append(f.workplace()).append(sep)
                .append(f.note());
        return java.util.HexFormat.of().formatHex(SHA256.get()
                .digest(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The full identity number or phone of a visible person, decrypted; the caller audits the reveal. */
    public Optional<String> reveal(UUID id, String field, Caller caller) {
        String column = switch (field) {
            case "idNumber" -> "p.id_cipher";
            case "phone" -> "p.phone_cipher";
            default -> throw new IllegalArgumentException(field);
        };
        GridReach reach = GridReach.of(caller);
        return jdbc.sql("SELECT " + column + " " + SCOPED_FROM + " WHERE p.id = :id AND u.path LIKE ANY(CAST(:scope AS text[]))"
                        + reach.condition("p.grid_id"))
                .param("id", id).param("scope", caller.scopePatterns()).params(reach.params())
                .query((rs, n) -> Optional.ofNullable(rs.getBytes(1)).map(cipher::decrypt)).optional()
                .flatMap(o -> o);
    }

    /**
     * A page of the caller's persons that match the search, in the query's order, and how many match:
     * exactly when they are no more than {@link #COUNT_CAP} (or than the page reaches), otherwise that
     * many with {@code more} set ("more than"). {@code foundAsRead}: whether the text found anybody read as
     * {@code searchedAs}; only letters read as initials find others too, the persons a word of whose Latin name
     * they start ({@link PersonQuery#alsoByLatinWords}), after them.
     */
    public record Page(List<Row> rows, long total, boolean more, PersonQuery.Kind searchedAs, boolean foundAsRead) {
    }

    /**
     * Counting stops here: past it a search says "more than 200" (ten pages of the persons page) and the
     * officer narrows it down. A count costs a walk over every match it counts, so the cap bounds what
     * the broadest search (two letters of initials over a million people) costs; the page itself and
     * any page after the cap still come, counted up to their end.
     */
    public static final int COUNT_CAP = 200;

    /**
     * The caller's scope as a condition on a person row {@code p}: its grid lies under one of the
     * caller's units. Written as a hashed subplan (the IS TRUE keeps the planner from turning it into a
     * join), so it filters the rows an ordered index scan yields, one hash probe each, without
     * breaking their order. The patterns are hidden from the planner like every value of a search
     * (see {@link PersonQuery#value}). The grids are read in one pass for the caller's units all at once
     * ({@code unit_id = ANY(ARRAY(…))}): written as a join of units and grids, the planner, which cannot see
     * how many units the patterns take, looked the grids up unit by unit, two buffers each, a third of the
     * buffers of a county-wide name search (bench/README.md, thirty-seventh session). The units in id order give
     * their scan an index to read them by, so a plan with sequential scans turned off (PersonSearchPlanIntegrationTests)
     * has no disabled scan in every search, whose cost would hide the differences between the walks it chooses from.
     */
    static final String IN_SCOPE = inScope("p.grid_id");

    /** {@link #IN_SCOPE} for the grid column of another row (a household's), with the caller's patterns as :scope. */
    static String inScope(String gridColumn) {
        return "(" + gridColumn + """
                 IN (SELECT sg.id FROM grid sg WHERE sg.unit_id = ANY (ARRAY(SELECT su.id FROM unit su
                WHERE su.path LIKE ANY (SELECT unnest(CAST(:scope AS text[]))) ORDER BY su.id)))) IS TRUE""";
    }

    /**
     * Beside {@link #IN_SCOPE}, for one who serves grids ({@link GridReach}): only the persons of the grids he serves.
     * A grid member's unit path may be his central office's, whose grids hold the persons of five villages. For
     * everyone else (the police and the staff of a unit) the statement stays as it is.
     */
    static void inReach(Caller caller, List<String> where, java.util.Map<String, Object> params) {
        GridReach reach = GridReach.of(caller);
        if (reach.narrowed()) {
            where.add("p.grid_id = ANY(CAST(:reachGrids AS uuid[]))");
            params.putAll(reach.params());
        }
    }

    public Page search(PersonQuery query, Caller caller, int limit, int offset) {
        Statement statement = searchStatement(query, caller, limit, offset);
        long[] matched = {0, 0};
        List<Row> rows = jdbc.sql(statement.sql()).params(statement.params()).query((rs, n) -> {
                    matched[0] = rs.getLong("matched");
                    matched[1] = statement.twoParts() ? rs.getLong("matched_as_read") : matched[0];
                    return rs.getObject("id") == null ? null : map(rs, n);
                }).list().stream().filter(java.util.Objects::nonNull).toList();
        long count = matched[0];
        boolean more = count >= statement.window();
        return new Page(rows, more ? statement.window() - 1 : count, more, query.kind(), matched[1] > 0);
    }

    /**
     * A search's one statement, its named parameters, how many matches its walk goes to at most, and whether it
     * walks a second part after the first (the names letters read as initials start a Latin word of).
     */
    record Statement(String sql, java.util.Map<String, Object> params, int window, boolean twoParts) {
    }

    /** The statement {@link #search} runs: what docs/adr/0005 shows the plans of, and what PersonSearchPlanIntegrationTests explains. */
    Statement searchStatement(PersonQuery query, Caller caller, int limit, int offset) {
        List<String> where = new ArrayList<>();
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        where.add(IN_SCOPE);
        params.put("scope", caller.scopePatterns());
        inReach(caller, where, params);
        query.appendTo(where, params, cipher);
        String condition = String.join(" AND ", where);
        String order = query.order();
        // One statement and one walk: the matches in list order, straight from the index that orders them,
        // up to the cap (or the end of the page asked for) and one more; the page is the stretch of them it
        // shows, with the columns of those rows only; the count is how many the walk found, answered on a row
        // of its own when the page is past the last match. Walking the first rows once for the page and again
        // for the count cost a sixth more and built the scope twice.
        // The numbers are written into the statement: a prepared statement's generic plan then knows how
        // few rows it fetches, is as cheap as a custom one, and is kept instead of planning every search.
        int window = Math.max(COUNT_CAP, offset + limit) + 1;
        String walk = query.byAddress() ? query.doorWalk(condition, params, window)
                : "walk AS MATERIALIZED (SELECT p.id, row_number() OVER (ORDER BY " + order + ") AS ord FROM person p "
                + "WHERE " + condition + " ORDER BY " + order + " LIMIT " + window + ")";
        String also = query.alsoByLatinWords(params);
        if (also == null) {
            return new Statement("WITH " + walk + ", "
                            + "page AS (" + COLUMNS + ", walk.ord FROM walk JOIN person p ON p.id = walk.id "
                            + "JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id WHERE walk.ord > " + offset
                            + " AND walk.ord <= " + (offset + limit) + ") "
                            + "SELECT page.*, (SELECT count(*) FROM walk) AS matched FROM (SELECT 1) one LEFT JOIN page ON true "
                            + "ORDER BY page.ord", params, window, false);
        }
        // Letters read as initials that also start a word of a Latin name: after the initials' walk, as it is, the
        // walk of those names' persons the initials did not find, in name order from person_name_order, numbered on
        // after the first; the page takes its stretch of either, and the count is both walks' up to the same window.
        // Foreign names are few: the second walk is one range of name_word, mostly empty. (Gathering both walks
        // into one more materialised list first cost an initials search three times what this does.)
        List<String> later = new ArrayList<>();
        later.add(IN_SCOPE);
        inReach(caller, later, params);
        later.add(also);
        query.appendFilters(later, params);
        String byName = PersonQuery.BY_NAME;
        String from = " > " + offset;
        String to = " <= " + (offset + limit);
        return new Statement("WITH " + walk + ", "
                        + "later AS MATERIALIZED (SELECT p.id, row_number() OVER (ORDER BY " + byName + ") AS ord "
                        + "FROM person p WHERE " + String.join(" AND ", later) + " ORDER BY " + byName + " LIMIT " + window + "), "
                        + "counted AS MATERIALIZED (SELECT count(*) AS n FROM walk), "
                        + "page AS (" + COLUMNS + ", m.ord FROM (SELECT walk.id, walk.ord FROM walk WHERE walk.ord" + from
                        + " AND walk.ord" + to + " UNION ALL SELECT later.id, later.ord + counted.n FROM later, counted "
                        + "WHERE later.ord + counted.n" + from + " AND later.ord + counted.n" + to + ") m "
                        + "JOIN person p ON p.id = m.id JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id) "
                        + "SELECT page.*, least((SELECT n FROM counted) + (SELECT count(*) FROM later), " + window
                        + ") AS matched, (SELECT n FROM counted) AS matched_as_read "
                        + "FROM (SELECT 1) one LEFT JOIN page ON true ORDER BY page.ord", params, window, true);
    }

    /**
     * Where an export's walk of a search stands: after the row whose order values these are, in the part of the walk
     * they belong to (0: the search's own matches; 1: those letters read as initials find as the start of a Latin
     * word, listed after them). {@code first}, {@code second}, {@code id} and {@code n} are the row's values of its
     * walk's order: the name and id (by name); the initials, name and id (by initials); the address's stored key, the
     * address's id and the person's place at it (door by door).
     */
    public record After(int part, String first, String second, UUID id, long n) {

        /** The start of a part of the walk. */
        static After start(int part) {
            return new After(part, null, null, null, 0);
        }

        boolean atStart() {
            return id == null;
        }
    }

    /** A page of an export's walk, and where the next starts (null: the walk is done). */
    public record Stretch(List<Row> rows, After next) {
    }

    /**
     * A page of the persons a search lists, in its order, after {@code after} (null: from the first): what the export
     * reads, page after page, in one snapshot. Each page takes up from the last row of the one before (keyset), so
     * every page costs what the first does: read by offset, as the list's pages are ({@link #search}), each walked
     * every match before it again, and a county's export walked its million rows some two hundred times. No count is
     * taken. The rows and their order are those of {@link #search}.
     */
    public Stretch exportPage(PersonQuery query, Caller caller, After after, int limit) {
        After at = after == null ? After.start(0) : after;
        List<String> where = new ArrayList<>();
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        where.add(IN_SCOPE);
        params.put("scope", caller.scopePatterns());
        inReach(caller, where, params);
        params.put("limit", limit);
        if (query.byAddress()) {
            query.appendTo(where, params, cipher);
            List<Object[]> got = walk(query.doorPage(String.join(" AND ", where), params, at), params, 3);
            return stretch(got, limit, r -> new After(0, (String) r[1], null, (UUID) r[2], (Long) r[3]), null);
        }
        String also = query.alsoByLatinWords(params);
        String order;
        String[] keys;
        if (at.part() == 0) {
            query.appendTo(where, params, cipher);
            order = query.order();
            keys = query.kind() == PersonQuery.Kind.INITIALS ? new String[] {"p.name_initials", "p.name"}
                    : new String[] {"p.name"};
        } else {
            where.add(also);
            query.appendFilters(where, params);
            order = PersonQuery.BY_NAME;
            keys = new String[] {"p.name"};
        }
        if (!at.atStart()) {
            // the walk's order as a row, compared in the "C" collation its index holds: the rows after the last one
            StringBuilder row = new StringBuilder("(");
            StringBuilder last = new StringBuilder("(");
            for (int i = 0; i < keys.length; i++) {
                row.append(keys[i]).append(" COLLATE \"C\", ");
                last.append("CAST(:after").append(i).append(" AS text) COLLATE \"C\", ");
                params.put("after" + i, i == 0 ? at.first() : at.second());
            }
            where.add(row + "p.id) > " + last + "CAST(:afterId AS uuid))");
            params.put("afterId", at.id());
        }
        String keyColumns = keys.length == 2 ? "p.name_initials AS k1, p.name AS k2" : "p.name AS k1, NULL AS k2";
        List<Object[]> got = walk(COLUMNS + ", " + keyColumns + " " + SCOPED_FROM + " WHERE "
                + String.join(" AND ", where) + " ORDER BY " + order + " LIMIT :limit", params, 0);
        // the initials' own matches done, the names they start a Latin word of follow (see search)
        After then = at.part() == 0 && also != null ? After.start(1) : null;
        int part = at.part();
        return stretch(got, limit, r -> new After(part, (String) r[1], (String) r[2], ((Row) r[0]).id(), 0), then);
    }

    /**
     * Runs a page's statement: each row as the person and his order values (door by door: the address's key, its id
     * and his place at it; otherwise k1 and k2).
     */
    private List<Object[]> walk(String sql, java.util.Map<String, Object> params, int door) {
        return jdbc.sql(sql).params(params).query((rs, n) -> door > 0
                ? new Object[] {map(rs, n), rs.getString("k_sort"), rs.getObject("k_address", UUID.class),
                        rs.getLong("k_n")}
                : new Object[] {map(rs, n), rs.getString("k1"), rs.getString("k2")}).list();
    }

    private static Stretch stretch(List<Object[]> got, int limit, java.util.function.Function<Object[], After> key,
            After then) {
        List<Row> rows = got.stream().map(r -> (Row) r[0]).toList();
        After next = got.size() < limit ? then : key.apply(got.get(got.size() - 1));
        return new Stretch(rows, next);
    }

    static Row map(ResultSet rs, int n) throws SQLException {
        java.sql.Array categories = rs.getArray("categories");
        List<String> cats = categories == null ? List.of() : List.of((String[]) categories.getArray());
        java.sql.Date birth = rs.getDate("birth_date");
        java.sql.Date registered = rs.getDate("registered_on");
        java.sql.Date left = rs.getDate("left_on");
        return new Row(rs.getObject("id", UUID.class), rs.getObject("grid_id", UUID.class), rs.getString("grid_code"),
                rs.getString("unit_path"), rs.getObject("household_id", UUID.class), rs.getString("name"),
                rs.getString("id_masked"), rs.getString("phone_masked"), rs.getString("sex"),
                birth == null ? null : birth.toLocalDate(), rs.getString("ethnicity"), rs.getString("relation"),
                Residence.valueOf(rs.getString("residence")), registered == null ? null : registered.toLocalDate(),
                left == null ? null : left.toLocalDate(), rs.getString("occupation"), rs.getString("workplace"),
                rs.getString("note"), rs.getLong("version"), cats, rs.getString("address"));
    }
}
