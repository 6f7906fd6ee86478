package org.fengqiao.notification.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.database.BeforeCommitWrites;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The inbox entries. An entry is read only by its recipient, and only while the record it points to lies
 * in the recipient's scope, where it lies now ({@link #PLACE} {@code LIKE ANY(scope)} in the SQL): anyone else, or a record
 * outside the scope, finds nothing, exactly as for an entry that does not exist.
 */
@Component
public class Inbox {

    public enum Kind {
        INCIDENT_ASSIGNED, INCIDENT_ESCALATED, INCIDENT_INFORMED, VISIT_OVERDUE, DISPUTE_AT_RISK,
        /** The resident reopened his answered report (its owner, and the grid chief). */
        INCIDENT_REOPENED,
        /** The resident added information or photos to his open report (its owner). */
        INCIDENT_INFORMATION_ADDED,
        /** A person of the grid was made a key person by the person form (the grid chief). */
        KEY_PERSON_DESIGNATED,
        /** A key person of the grid changed type by the person form (the grid chief). */
        KEY_PERSON_TYPE_CHANGED,
        /** A person of the grid is no longer a key person, by the person form (the grid chief). */
        KEY_PERSON_ENDED,
        /** A persons import changed who is a key person in the grid: one entry per grid and job (the grid chief). */
        KEY_PERSONS_IMPORTED,
        /** A left-behind child of the grid turned 16 and is one no longer (the grid chief). */
        LEFT_BEHIND_CHILD_TURNED_16,
        /** A claimed hard case of the grid was reported done and waits for confirmation (the grid chief). */
        HARD_CASE_REPORTED,
        /** The grid chief sent a reported hard case back to work (its claimers). */
        HARD_CASE_SENT_BACK,
        /** A claim on a hard case expired (its deadline passed) and the case went back to the board (its claimers). */
        HARD_CASE_EXPIRED,
        /** The lead claimer named this person a co-claimer of a hard case he claimed (that person). */
        HARD_CASE_CO_CLAIMED,
        /** The lead claimer gave up a hard case this person co-claimed, and it went back to the board (that person). */
        HARD_CASE_GIVEN_UP,
        /** A points award of the grid waits for approval (the grid chief). */
        POINTS_AWARD_PENDING,
        /** A supervision notice (督察通报) was issued to the unit (its chiefs, the responsible leader and officer). */
        SUPERVISION_NOTICE,
        /** The unit answered a supervision notice with its rectification (the inspector who issued it). */
        SUPERVISION_ANSWERED,
        /** The inspector sent the rectification back (the unit's people). */
        SUPERVISION_SENT_BACK,
        /** A supervision notice went past its deadline without rectification (the unit's people, the inspector). */
        SUPERVISION_OVERDUE,
        /** The inspector held the person to account for a supervision notice, with the measure (that person). */
        SUPERVISION_ACCOUNTABILITY,
        /** An officer's month of residents' reviews in a community is a low result (the station chief). */
        REVIEW_RESULT_LOW,
        /** A supervisor wrote a review remark on a work log entry (its author). */
        WORKLOG_REVIEWED,
        /** The author edited a work log entry after a review remark on it (each supervisor who remarked). */
        WORKLOG_EDITED,
        /** A verification task from a utility anomaly was given to this person to check the door (its assignee). */
        VERIFICATION_TASK_ASSIGNED
    }

    /**
     * items and itemCount: for an entry that gathers several records ({@link #gather}), the first of them (at most
     * {@value #ITEMS}) and how many there are; null otherwise.
     */
    public record Entry(UUID id, UUID recipientId, Kind kind, String recordType, UUID recordId, String link,
            String unitPath, String subject, String category, String reason, Boolean reasonIsKey, LocalDate dueOn,
            OffsetDateTime createdAt, OffsetDateTime readAt, List<String> items, Integer itemCount) {

        public boolean unread() {
            return readAt == null;
        }
    }

    /**
     * An entry to write. {@code reason} is a message key the system wrote ({@code reasonIsKey} true) or a person's
     * words (false), and is shown accordingly; entries written before the two were told apart hold null there.
     */
    public record New(UUID recipientId, Kind kind, String recordType, UUID recordId, String link, String unitPath,
            String subject, String category, String reason, boolean reasonIsKey, LocalDate dueOn, Instant at) {
    }

    public record Page(List<Entry> items, long total, long unread) {
    }

    /**
     * Where the entry's record lies now: an incident, a person, a dispute or a grid may have moved to another place
     * (a person moved house, an address or a grid given to another unit) since the entry was written with the place it
     * had then, and so may a hard case's claim and a points award, which lie where their grid lies, and a work log entry,
     * which its author may file under another of his units. Read by the record's current place, the entry is listed,
     * counted and opened by whoever may see the record now (where the board, the approvals and the log read it), and by
     * nobody else: he who could no longer open it is not told, nor counted, that something waits for him there. The
     * place written is kept for a record that is gone, and for the kinds of record that do not move: a supervision
     * notice keeps the unit it was issued to (a unit's path never changes, nor does the notice's unit), and a low review
     * result the community's unit (a community stays with its unit).
     */
    private static final String PLACE = """
            coalesce(CASE inbox_entry.record_type
                WHEN 'incident' THEN (SELECT u.path FROM incident r JOIN grid g ON g.id = r.grid_id
                                      JOIN unit u ON u.id = g.unit_id WHERE r.id = inbox_entry.record_id)
                WHEN 'person' THEN (SELECT u.path FROM person r JOIN grid g ON g.id = r.grid_id
                                    JOIN unit u ON u.id = g.unit_id WHERE r.id = inbox_entry.record_id)
                WHEN 'dispute' THEN (SELECT u.path FROM dispute_case r JOIN grid g ON g.id = r.grid_id
                                     JOIN unit u ON u.id = g.unit_id WHERE r.id = inbox_entry.record_id)
                WHEN 'grid' THEN (SELECT u.path FROM grid g JOIN unit u ON u.id = g.unit_id
                                  WHERE g.id = inbox_entry.record_id)
                WHEN 'claim' THEN (SELECT u.path FROM claim r JOIN grid g ON g.id = r.grid_id
                                   JOIN unit u ON u.id = g.unit_id WHERE r.id = inbox_entry.record_id)
                WHEN 'points_award' THEN (SELECT u.path FROM points_award r JOIN grid g ON g.id = r.grid_id
                                          JOIN unit u ON u.id = g.unit_id WHERE r.id = inbox_entry.record_id)
                WHEN 'worklog_entry' THEN (SELECT u.path FROM worklog_entry r JOIN unit u ON u.id = r.unit_id
                                           WHERE r.id = inbox_entry.record_id)
                WHEN 'verification_task' THEN (SELECT u.path FROM verification_task r JOIN grid g ON g.id = r.grid_id
                                               JOIN unit u ON u.id = g.unit_id WHERE r.id = inbox_entry.record_id)
              END, inbox_entry.unit_path)""";

    /**
     * The entry's record is in the caller's scope now; an incident's, for one who reads only the grids he serves
     * ({@link GridReach}), also in those grids, or his own (he owns it or filed it), as the incident's pages
     * read it; a dispute case's likewise in those grids, or his own (he sits on its team or opened it), as the case list
     * reads it: an entry he could not open is neither listed nor counted. The unit path alone let a coordinator of one
     * grid at an office read the entries of another grid of the same office.
     */
    private static final String IN_SCOPE = PLACE + " LIKE ANY(CAST(:scope AS text[]))" + """
             AND (:allGrids OR inbox_entry.record_type <> 'incident'
                  OR NOT EXISTS (SELECT 1 FROM incident r WHERE r.id = inbox_entry.record_id
                                   AND r.grid_id <> ALL(CAST(:readGrids AS uuid[])) AND r.owner_staff_id IS DISTINCT FROM :me
                                   AND r.created_by IS DISTINCT FROM :me))
             AND (:allGrids OR inbox_entry.record_type <> 'dispute'
                  OR NOT EXISTS (SELECT 1 FROM dispute_case r WHERE r.id = inbox_entry.record_id
                                   AND r.grid_id <> ALL(CAST(:readGrids AS uuid[])) AND r.opened_by IS DISTINCT FROM :me
                                   AND NOT EXISTS (SELECT 1 FROM dispute_team t WHERE t.case_id = r.id
                                                     AND t.staff_id = :me)))""";

    private static final String COLUMNS = """
            id, recipient_id, kind, record_type, record_id, link, %s AS unit_path, subject, category, reason,
            reason_is_key, due_on, created_at, read_at, items, item_count""".formatted(PLACE);

    private final JdbcClient jdbc;
    private final BeforeCommitWrites writes;

    Inbox(JdbcClient jdbc, BeforeCommitWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    public UUID add(New n) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO inbox_entry (id, recipient_id, kind, record_type, record_id, link, unit_path, subject, category,
                                         reason, reason_is_key, due_on, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, n.recipientId(), n.kind().name(), n.recordType(), n.recordId(), n.link(), n.unitPath(),
                        n.subject(), n.category(), n.reason(), reasonIsKey(n), n.dueOn(),
                        OffsetDateTime.ofInstant(n.at(), ZoneOffset.UTC))
                .update();
        return id;
    }

    /**
     * Moves the entries of a record dated at one of the given moments (written or read then) to the moment paired with
     * it: the record's story was set back after it was announced (the demo's items). The day an entry asks for moves by
     * as many whole days as the entry did: it was the record's day then (a notice's last day), set back with its story. In a
     * transaction it is done just
     * before the commit, after the entries the transaction gathered until then are written (their batch came first).
     */
    public void redate(String recordType, UUID recordId, Map<Instant, Instant> moved) {
        writes.add(redated, new Redate(recordType, recordId, Map.copyOf(moved)));
    }

    private record Redate(String recordType, UUID recordId, Map<Instant, Instant> moved) {
    }

    private final BeforeCommitWrites.Batch<Redate> redated = rows -> rows.forEach(this::redate);

    private void redate(Redate r) {
        List<Instant> from = List.copyOf(r.moved().keySet());
        String[] was = from.stream().map(t -> OffsetDateTime.ofInstant(t, ZoneOffset.UTC).toString())
                .toArray(String[]::new);
        String[] becomes = from.stream().map(t -> OffsetDateTime.ofInstant(r.moved().get(t), ZoneOffset.UTC).toString())
                .toArray(String[]::new);
        jdbc.sql("""
                WITH m AS (SELECT * FROM unnest(CAST(:was AS timestamptz[]), CAST(:becomes AS timestamptz[]))
                           AS m (was, becomes))
                UPDATE inbox_entry e
                SET created_at = coalesce((SELECT m.becomes FROM m WHERE m.was = e.created_at), e.created_at),
                    read_at = coalesce((SELECT m.becomes FROM m WHERE m.was = e.read_at), e.read_at),
                    due_on = e.due_on + coalesce((SELECT CAST(trunc(extract(epoch FROM m.becomes - m.was) / 86400) AS int)
                                                  FROM m WHERE m.was = e.created_at), 0)
                WHERE e.record_type = :type AND e.record_id = :record
                  AND (e.created_at IN (SELECT was FROM m) OR e.read_at IN (SELECT was FROM m))""")
                .param("was", was).param("becomes", becomes).param("type", r.recordType())
                .param("record", r.recordId()).update();
    }

    /**
     * The entry of {@code n} and one of kind {@code also} for each staff id that {@code alsoQuery} selects (it may
     * name {@code entry.record_id} and {@code entry.recipient}, the first entry's record and recipient): an item's owner and
     * those kept informed of it. Written with the transaction's other such entries just before it commits, all in one
     * statement (nothing in the transaction reads them); at once without a transaction.
     */
    public void add(New n, Kind also, String alsoQuery) {
        add(n, true, also, alsoQuery);
    }

    /**
     * As {@link #add(New, Kind, String)}, the first entry written only when {@code itself}: without it, its recipient
     * still stands for {@code entry.recipient} in {@code alsoQuery} (the owner left out of those kept informed).
     */
    public void add(New n, boolean itself, Kind also, String alsoQuery) {
        writes.add(withOthers.computeIfAbsent(alsoQuery, q -> rows -> addAll(rows, q)),
                new WithOthers(n, also, itself, null, null));
    }

    /**
     * An entry with those of kind {@code also}, waiting to be written; {@code readAt} and {@code alsoReadAt}: when the
     * entry and the others were answered before they were written ({@link #answeredUnwritten}), null while unread.
     */
    private record WithOthers(New entry, Kind also, boolean itself, Instant readAt, Instant alsoReadAt) {

        WithOthers answered(List<Kind> kinds, Instant at) {
            return new WithOthers(entry, also, itself,
                    readAt == null && kinds.contains(entry.kind()) ? at : readAt,
                    alsoReadAt == null && kinds.contains(also) ? at : alsoReadAt);
        }
    }

    /**
     * As {@link #answered(List, String, UUID, UUID, Instant)} for every recipient, without a statement, for a record
     * all of whose entries were asked for in the caller's transaction and still wait to be written with its others
     * ({@link #add(New, boolean, Kind, String)}): they are written read at {@code at}. So a report taken up by its own
     * filing (a 110 dispute handed to mediation as it is filed, right after its routing asked its owner to handle it)
     * costs no statement of its own, where each dispute of a batch of the 110 push wrote the batch's entries so far
     * and marked its owner's read. Answers false, having done nothing, when no entry of the record waits to be written
     * (written already, or none asked for): {@code answered} then finds what there is.
     */
    public boolean answeredUnwritten(List<Kind> kinds, String recordType, UUID recordId, Instant at) {
        boolean found = false;
        for (BeforeCommitWrites.Batch<WithOthers> batch : withOthers.values()) {
            List<WithOthers> rows = writes.pending(batch);
            for (int i = 0; i < rows.size(); i++) {
                WithOthers w = rows.get(i);
                if (recordType.equals(w.entry().recordType()) && recordId.equals(w.entry().recordId())) {
                    rows.set(i, w.answered(kinds, at));
                    found = true;
                }
            }
        }
        return found;
    }

    private final Map<String, BeforeCommitWrites.Batch<WithOthers>> withOthers = new ConcurrentHashMap<>();

    private void addAll(List<WithOthers> rows, String alsoQuery) {
        jdbc.sql("""
                INSERT INTO inbox_entry (id, recipient_id, kind, record_type, record_id, link, unit_path, subject, category,
                                         reason, reason_is_key, due_on, created_at, read_at)
                SELECT gen_random_uuid(), x.recipient, x.kind, entry.record_type, entry.record_id, entry.link, entry.unit_path, entry.subject,
                       entry.category, entry.reason, entry.reason_is_key, entry.due_on, entry.at, x.read_at
                FROM unnest(CAST(:recipients AS uuid[]), CAST(:kinds AS text[]), CAST(:alsos AS text[]),
                            CAST(:recordTypes AS text[]), CAST(:recordIds AS uuid[]), CAST(:links AS text[]),
                            CAST(:unitPaths AS text[]), CAST(:subjects AS text[]), CAST(:categories AS text[]),
                            CAST(:reasons AS text[]), CAST(:reasonIsKeys AS boolean[]), CAST(:dueOns AS date[]),
                            CAST(:ats AS timestamptz[]), CAST(:itselves AS boolean[]), CAST(:readAts AS timestamptz[]),
                            CAST(:alsoReadAts AS timestamptz[])) WITH ORDINALITY
                     AS entry (recipient, kind, also, record_type, record_id, link, unit_path, subject, category, reason,
                           reason_is_key, due_on, at, itself, read_at, also_read_at, ord)
                CROSS JOIN LATERAL (SELECT entry.recipient, entry.kind, entry.read_at WHERE entry.itself
                                    UNION ALL
                                    SELECT a.id, entry.also, entry.also_read_at FROM (""" + alsoQuery + """
                ) a (id)) x (recipient, kind, read_at)
                ORDER BY entry.ord""")
                .param("recipients", rows.stream().map(w -> w.entry().recipientId()).toArray(UUID[]::new))
                .param("kinds", rows.stream().map(w -> w.entry().kind().name()).toArray(String[]::new))
                .param("alsos", rows.stream().map(w -> w.also().name()).toArray(String[]::new))
                .param("recordTypes", rows.stream().map(w -> w.entry().recordType()).toArray(String[]::new))
                .param("recordIds", rows.stream().map(w -> w.entry().recordId()).toArray(UUID[]::new))
                .param("links", rows.stream().map(w -> w.entry().link()).toArray(String[]::new))
                .param("unitPaths", rows.stream().map(w -> w.entry().unitPath()).toArray(String[]::new))
                .param("subjects", rows.stream().map(w -> w.entry().subject()).toArray(String[]::new))
                .param("categories", rows.stream().map(w -> w.entry().category()).toArray(String[]::new))
                .param("reasons", rows.stream().map(w -> w.entry().reason()).toArray(String[]::new))
                .param("reasonIsKeys", rows.stream().map(w -> reasonIsKey(w.entry())).toArray(Boolean[]::new))
                .param("dueOns", rows.stream().map(w -> w.entry().dueOn() == null ? null : w.entry().dueOn().toString())
                        .toArray(String[]::new))
                .param("ats", rows.stream().map(w -> OffsetDateTime.ofInstant(w.entry().at(), ZoneOffset.UTC).toString())
                        .toArray(String[]::new))
                .param("itselves", rows.stream().map(WithOthers::itself).toArray(Boolean[]::new))
                .param("readAts", rows.stream().map(w -> timestamp(w.readAt())).toArray(String[]::new))
                .param("alsoReadAts", rows.stream().map(w -> timestamp(w.alsoReadAt())).toArray(String[]::new))
                .update();
    }

    /**
     * One record for an entry that gathers the records of one occasion ({@code group}, say an import job) under one
     * subject ({@code recordId}, say a grid): the first gathered makes the entry, later ones add their item to it, count
     * in {@code itemCount}, bring its due day forward to the earliest and make it unread again. Gathered with the
     * transaction's others and written just before it commits, one statement for all; at once without a transaction.
     *
     * @param item  what the entry lists of this record (the first {@value #ITEMS} are kept)
     * @param dueOn a day the record asks something by, null for none
     */
    public record Gathered(UUID recipientId, Kind kind, UUID group, String recordType, UUID recordId, String link,
            String unitPath, String subject, String item, LocalDate dueOn, Instant at) {
    }

    /** How many items an entry that gathers records lists: it says what came, the page it links to has them all. */
    public static final int ITEMS = 20;

    public void gather(Gathered g) {
        writes.add(gathered, g);
    }

    private final BeforeCommitWrites.Batch<Gathered> gathered = this::gatherAll;

    private void gatherAll(List<Gathered> rows) {
        // one row per entry, as ON CONFLICT may touch a row once per statement; in a fixed order, so two
        // transactions adding to the same entries lock them in the same order
        Map<List<UUID>, List<Gathered>> byEntry = new java.util.TreeMap<>(java.util.Comparator
                .comparing((List<UUID> k) -> k.get(0)).thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        for (Gathered g : rows) {
            byEntry.computeIfAbsent(List.of(g.recipientId(), g.group(), g.recordId()), k -> new java.util.ArrayList<>())
                    .add(g);
        }
        int n = byEntry.size();
        UUID[] recipients = new UUID[n];
        String[] kinds = new String[n];
        UUID[] groups = new UUID[n];
        String[] recordTypes = new String[n];
        UUID[] recordIds = new UUID[n];
        String[] links = new String[n];
        String[] unitPaths = new String[n];
        String[] subjects = new String[n];
        String[] items = new String[n];
        int[] counts = new int[n];
        String[] dueOns = new String[n];
        String[] ats = new String[n];
        int i = 0;
        for (List<Gathered> entry : byEntry.values()) {
            Gathered first = entry.get(0);
            LocalDate due = null;
            Instant at = first.at();
            List<String> listed = new java.util.ArrayList<>();
            for (Gathered g : entry) {
                if (listed.size() < ITEMS) {
                    listed.add(g.item());
                }
                if (g.dueOn() != null && (due == null || g.dueOn().isBefore(due))) {
                    due = g.dueOn();
                }
                if (g.at().isAfter(at)) {
                    at = g.at();
                }
            }
            recipients[i] = first.recipientId();
            kinds[i] = first.kind().name();
            groups[i] = first.group();
            recordTypes[i] = first.recordType();
            recordIds[i] = first.recordId();
            links[i] = first.link();
            unitPaths[i] = first.unitPath();
            subjects[i] = first.subject();
            items[i] = String.join(ITEM_SEPARATOR, listed);
            counts[i] = entry.size();
            dueOns[i] = due == null ? null : due.toString();
            ats[i] = OffsetDateTime.ofInstant(at, ZoneOffset.UTC).toString();
            i++;
        }
        jdbc.sql("""
                INSERT INTO inbox_entry (id, recipient_id, kind, group_id, record_type, record_id, link, unit_path, subject,
                                         items, item_count, due_on, created_at)
                SELECT gen_random_uuid(), g.recipient, g.kind, g.group_id, g.record_type, g.record_id, g.link, g.unit_path,
                       g.subject, string_to_array(g.items, :separator), g.item_count, g.due_on, g.at
                FROM unnest(CAST(:recipients AS uuid[]), CAST(:kinds AS text[]), CAST(:groups AS uuid[]),
                            CAST(:recordTypes AS text[]), CAST(:recordIds AS uuid[]), CAST(:links AS text[]),
                            CAST(:unitPaths AS text[]), CAST(:subjects AS text[]), CAST(:items AS text[]),
                            CAST(:counts AS int[]), CAST(:dueOns AS date[]), CAST(:ats AS timestamptz[])) WITH ORDINALITY
                     AS g (recipient, kind, group_id, record_type, record_id, link, unit_path, subject, items, item_count,
                           due_on, at, ord)
                ORDER BY g.ord
                ON CONFLICT (recipient_id, group_id, record_id) WHERE group_id IS NOT NULL DO UPDATE
                SET items = (inbox_entry.items || EXCLUDED.items)[1 : %d],
                    item_count = inbox_entry.item_count + EXCLUDED.item_count,
                    due_on = least(inbox_entry.due_on, EXCLUDED.due_on),
                    read_at = NULL""".formatted(ITEMS))
                .param("separator", ITEM_SEPARATOR)
                .param("recipients", recipients).param("kinds", kinds).param("groups", groups)
                .param("recordTypes", recordTypes).param("recordIds", recordIds).param("links", links)
                .param("unitPaths", unitPaths).param("subjects", subjects).param("items", items)
                .param("counts", java.util.Arrays.stream(counts).boxed().toArray(Integer[]::new))
                .param("dueOns", dueOns).param("ats", ats)
                .update();
    }

    /** Between the items of an entry on their way to the database: a character no name or code holds. */
    private static final String ITEM_SEPARATOR = "\u001f";

    /** The caller's entries, unread first, newest first within each. */
    public Page list(Caller caller, boolean unreadOnly, int limit, int offset) {
        List<Entry> items = jdbc.sql("SELECT " + COLUMNS + " FROM inbox_entry " + """
                WHERE recipient_id = :me AND %s
                  AND (NOT :unreadOnly OR read_at IS NULL)
                ORDER BY read_at IS NOT NULL, created_at DESC, id
                LIMIT :limit OFFSET :offset""".formatted(IN_SCOPE))
                .param("me", caller.staffId()).param("scope", caller.scopePatterns()).param("allGrids", allGrids(caller))
                .param("readGrids", readGrids(caller)).param("unreadOnly", unreadOnly)
                .param("limit", limit).param("offset", offset)
                .query(Inbox::entry).list();
        long total = jdbc.sql("""
                SELECT count(*) FROM inbox_entry WHERE recipient_id = :me AND %s
                  AND (NOT :unreadOnly OR read_at IS NULL)""".formatted(IN_SCOPE))
                .param("me", caller.staffId()).param("scope", caller.scopePatterns()).param("allGrids", allGrids(caller))
                .param("readGrids", readGrids(caller)).param("unreadOnly", unreadOnly)
                .query(Long.class).single();
        return new Page(items, total, unread(caller));
    }

    public long unread(Caller caller) {
        if (caller.staffId() == null) {
            return 0;
        }
        return jdbc.sql("""
                SELECT count(*) FROM inbox_entry WHERE recipient_id = :me AND read_at IS NULL
                  AND %s""".formatted(IN_SCOPE))
                .param("me", caller.staffId()).param("scope", caller.scopePatterns()).param("allGrids", allGrids(caller))
                .param("readGrids", readGrids(caller)).query(Long.class).single();
    }

    public Optional<Entry> find(UUID id, Caller caller) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM inbox_entry " + """
                 WHERE id = :id AND recipient_id = :me AND %s""".formatted(IN_SCOPE))
                .param("id", id).param("me", caller.staffId()).param("scope", caller.scopePatterns()).param("allGrids", allGrids(caller))
                .param("readGrids", readGrids(caller))
                .query(Inbox::entry).optional();
    }

    /** The grids of an incident's entries the caller reads, for {@link #IN_SCOPE} (none when he reads all). */
    /** Whether he reaches every grid of his scope ({@link GridReach}): the police. */
    private static boolean allGrids(Caller caller) {
        return !GridReach.of(caller).narrowed();
    }

    /** The grids he reaches when narrower than his scope ({@link GridReach}), else none. */
    private static UUID[] readGrids(Caller caller) {
        GridReach reach = GridReach.of(caller);
        return reach.narrowed() ? reach.grids().toArray(UUID[]::new) : new UUID[0];
    }

    /** Marks the caller's entry read (once: the first reading's time stays); answers whether it was his. */
    public boolean markRead(UUID id, Caller caller, Instant at) {
        return jdbc.sql("""
                UPDATE inbox_entry SET read_at = coalesce(read_at, :at)
                WHERE id = :id AND recipient_id = :me AND %s""".formatted(IN_SCOPE))
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("id", id)
                .param("me", caller.staffId()).param("scope", caller.scopePatterns()).param("allGrids", allGrids(caller))
                .param("readGrids", readGrids(caller)).update() == 1;
    }

    /**
     * The entries this transaction gathered so far, written now: a statement that marks entries read must find those
     * asked for earlier in its transaction (an item filed, then taken up or answered in one transaction, as the demo
     * loads its items), which were otherwise written after it, unread, and counted as work long done.
     */
    private void writeGathered() {
        withOthers.values().forEach(writes::flush);
        writes.flush(gathered);
    }

    /**
     * Marks read every recipient's unread entries of {@code kind} about a record, at {@code at}: what they asked for
     * was done (a key person's overdue visit was made), so they no longer wait in anyone's inbox; answers how many.
     */
    public int answered(Kind kind, String recordType, UUID recordId, Instant at) {
        writeGathered();
        return jdbc.sql("""
                UPDATE inbox_entry SET read_at = :at
                WHERE kind = :kind AND record_type = :type AND record_id = :record AND read_at IS NULL""")
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("kind", kind.name())
                .param("type", recordType).param("record", recordId).update();
    }

    /**
     * Marks read the unread entries of {@code kinds} about a record of every recipient but {@code except} (null: of
     * every recipient), at {@code at}: what they asked of those recipients is done or no longer theirs to do (an item
     * taken up by its owner, or given to another); answers how many.
     */
    public int answered(List<Kind> kinds, String recordType, UUID recordId, UUID except, Instant at) {
        writeGathered();
        // the kinds written out (names of the enum), so a partial index on them (V225) serves every execution
        String in = kinds.stream().map(k -> "'" + k.name() + "'").collect(java.util.stream.Collectors.joining(", "));
        return jdbc.sql("""
                UPDATE inbox_entry SET read_at = :at
                WHERE kind IN (%s) AND record_type = :type AND record_id = :record AND read_at IS NULL
                  AND (CAST(:except AS uuid) IS NULL OR recipient_id <> :except)""".formatted(in))
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("type", recordType)
                .param("record", recordId).param("except", except).update();
    }

    /**
     * As {@link #answered}, for one recipient only: what he was told is answered by what he did himself (a supervisor
     * told a log he remarked on was edited remarks on it again), while the others told the same still wait.
     */
    public int answeredFor(Kind kind, String recordType, UUID recordId, UUID recipient, Instant at) {
        writeGathered();
        return jdbc.sql("""
                UPDATE inbox_entry SET read_at = :at
                WHERE kind = :kind AND record_type = :type AND record_id = :record AND recipient_id = :recipient
                  AND read_at IS NULL""")
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("kind", kind.name())
                .param("type", recordType).param("record", recordId).param("recipient", recipient).update();
    }

    /**
     * Hands the open entries of {@code kind} about a record (a decision that waits) to {@code recipients}, those who
     * decide it now: each of them without an open one gets a copy of the latest entry, new at {@code at}; the others'
     * open entries are closed (marked read), as they no longer wait for them. Answers how many entries were written.
     */
    public int handOver(Kind kind, String recordType, UUID recordId, List<UUID> recipients, Instant at) {
        writeGathered();
        return jdbc.sql("""
                WITH latest AS (
                    SELECT * FROM inbox_entry WHERE kind = :kind AND record_type = :type AND record_id = :record
                    ORDER BY created_at DESC LIMIT 1),
                closed AS (
                    UPDATE inbox_entry SET read_at = :at
                    WHERE kind = :kind AND record_type = :type AND record_id = :record AND read_at IS NULL
                      AND recipient_id <> ALL(CAST(:to AS uuid[])) RETURNING id)
                INSERT INTO inbox_entry (id, recipient_id, kind, record_type, record_id, link, unit_path, subject,
                                         category, reason, reason_is_key, due_on, created_at)
                SELECT gen_random_uuid(), t.recipient, l.kind, l.record_type, l.record_id, l.link, l.unit_path,
                       l.subject, l.category, l.reason, l.reason_is_key, l.due_on, :at
                FROM unnest(CAST(:to AS uuid[])) AS t (recipient) CROSS JOIN latest l
                WHERE NOT EXISTS (SELECT 1 FROM inbox_entry o WHERE o.kind = :kind AND o.record_type = :type
                                    AND o.record_id = :record AND o.read_at IS NULL
                                    AND o.recipient_id = t.recipient)""")
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("kind", kind.name())
                .param("type", recordType).param("record", recordId)
                .param("to", recipients.stream().distinct().toArray(UUID[]::new)).update();
    }

    public int markAllRead(Caller caller, Instant at) {
        return jdbc.sql("""
                UPDATE inbox_entry SET read_at = :at
                WHERE recipient_id = :me AND read_at IS NULL AND %s""".formatted(IN_SCOPE))
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("me", caller.staffId()).param("scope", caller.scopePatterns()).param("allGrids", allGrids(caller))
                .param("readGrids", readGrids(caller)).update();
    }

    private static String timestamp(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC).toString();
    }

    /** Stored with the reason only: null where there is none. */
    private static Boolean reasonIsKey(New n) {
        return n.reason() == null ? null : n.reasonIsKey();
    }

    private static Entry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        java.sql.Date due = rs.getDate("due_on");
        return new Entry(rs.getObject("id", UUID.class), rs.getObject("recipient_id", UUID.class),
                Kind.valueOf(rs.getString("kind")), rs.getString("record_type"), rs.getObject("record_id", UUID.class),
                rs.getString("link"), rs.getString("unit_path"), rs.getString("subject"), rs.getString("category"),
                rs.getString("reason"), rs.getObject("reason_is_key", Boolean.class), due == null ? null : due.toLocalDate(),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("read_at", OffsetDateTime.class),
                items(rs.getArray("items")), (Integer) rs.getObject("item_count"));
    }

    private static List<String> items(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? null : List.of((String[]) array.getArray());
    }
}
