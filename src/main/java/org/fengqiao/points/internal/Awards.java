package org.fengqiao.points.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.account.GridChiefChanged;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffId;
import org.fengqiao.audit.Audited;
import org.fengqiao.audit.SystemActor;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Permission;
import org.fengqiao.platform.Refused;
import org.fengqiao.platform.Texts;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.points.AwardApproversChanged;
import org.fengqiao.points.AwardDecided;
import org.fengqiao.points.AwardProposed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Awards: proposed (pending), then approved or rejected by the grid chief of the award's grid (seed 002: 网格长 heads
 * the grid and approves its awards), as the roster has him on the day of the decision, or by a station chief above
 * it, who may decide for any grid of his station ({@link #mayDecide}); another who sees it is refused (403). An
 * approved award writes its entry to the ledger. The case award of
 * an investigator may name the clue giver whose clue cracked it (seed 004: 同功同奖、一案一奖): the giver's award
 * is linked to it, carries the same points and is approved or rejected with it.
 */
@Service
public class Awards {

    public record Award(UUID id, UUID holderId, String holderName, UUID gridId, String gridName, String rule,
            int points, String sourceType, String sourceId, String note, UUID linkedAwardId, String status,
            String proposedByName, Instant proposedAt, String decidedByName, Instant decidedAt, String decisionNote,
            String unitPath) {
    }

    /** Roles of the community's own forces, who earn points for what they report. */
    static final Set<String> FORCES = Set.of("GRID_COORDINATOR", "GRID_MEMBER", "INFORMANT", "VOLUNTEER",
            "SECURITY_GUARD", "MEDIATOR");
    /** The award form's limit on its note (maxlength of the page's field). */
    static final int NOTE_MAX = 500;
    /** The limit on an approval's or rejection's note (maxlength of the reject form's field). */
    static final int DECISION_NOTE_MAX = 200;

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final PointsProperties properties;
    private final ApplicationEventPublisher events;
    private final StaffDirectory staff;
    private final HolderNames names;

    private final Clock clock;

    Awards(JdbcClient jdbc, Ledger ledger, PointsProperties properties, ApplicationEventPublisher events,
            StaffDirectory staff, Clock clock, HolderNames names) {
        this.names = names;
        this.clock = clock;
        this.staff = staff;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.properties = properties;
        this.events = events;
    }

    /**
     * Proposes an award as the application (from another module's event): nothing new when the same holder,
     * rule and source record were proposed before. Returns the award's id, or empty when it was there already.
     */
    @Transactional
    public Optional<UUID> propose(UUID holder, UUID grid, String rule, String sourceType, String sourceId,
            String note, UUID proposedBy) {
        return propose(holder, grid, rule, java.math.BigDecimal.ONE, sourceType, sourceId, note, proposedBy);
    }

    /**
     * A pending award for {@code units} of a rule counted per unit (a patrol of 1.5 hours at 2 points an hour is
     * 3 points), rounded half up to whole points; nothing when that is no point at all.
     */
    public Optional<UUID> propose(UUID holder, UUID grid, String rule, java.math.BigDecimal units, String sourceType,
            String sourceId, String note, UUID proposedBy) {
        Integer rate = properties.pointsOf(rule);
        if (rate == null) {
            throw Invalid.of("rule", "points.error.rule");
        }
        int points = units.multiply(java.math.BigDecimal.valueOf(rate)).setScale(0, java.math.RoundingMode.HALF_UP)
                .intValueExact();
        if (points <= 0) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        int inserted = insert(id, holder, grid, rule, points, sourceType, sourceId, note, null, proposedBy, null);
        if (inserted == 0) {
            return Optional.empty();
        }
        Award award = award(id).orElseThrow();
        events.publishEvent(Audited.created("points_award", id, award.unitPath(), award).by(SystemActor.POINTS));
        announce(award, List.of(holder), proposedBy);
        return Optional.of(id);
    }

    /**
     * An award by hand (the grid chief's form): a rule, a holder, the grid and a note on what it is for; with a
     * clue giver, the case award and the giver's equal award linked to it.
     */
    @Transactional
    public Award award(UUID holder, UUID grid, String rule, String note, UUID clueGiver, Caller caller) {
        return award(holder, grid, rule, note, clueGiver, null, caller).award();
    }

    /** An award by hand; {@code repeated}: the form's key was used before, and this is the award it proposed. */
    public record Proposed(Award award, boolean repeated) {
    }

    /**
     * As {@link #award(UUID, UUID, String, String, UUID, Caller)}, once per form key of the proposer (see
     * {@link FormKeys}): a second submission of the same award with the key proposes nothing more and answers the
     * first; the key with another award is refused. A concurrent second submission waits on the key's unique index
     * for the first to commit, inserts nothing and then finds it.
     */
    @Transactional
    public Proposed award(UUID holder, UUID grid, String rule, String note, UUID clueGiver, String formKey,
            Caller caller) {
        if (!caller.may("POINTS_APPROVE")) {
            throw new NotFound("grid", grid);
        }
        if (grid == null) {
            throw Invalid.of("gridId", "points.error.grid");
        }
        String gridPath = gridPath(grid, caller).orElseThrow(() -> new NotFound("grid", grid));
        Integer points = properties.pointsOf(rule);
        if (points == null) {
            throw Invalid.of("rule", "points.error.rule");
        }
        if (note == null || note.isBlank()) {
            throw Invalid.of("note", "points.error.noteRequired");
        }
        if (note.strip().length() > NOTE_MAX) {
            // the award form allows 500 characters; a pasted longer text or a client of its own is refused too
            throw Invalid.of("note", "points.error.noteTooLong");
        }
        if (Texts.hasControlCharacters(note)) {
            throw Invalid.of("note", "points.error.noteControl");
        }
        if (Texts.holdsPersonalNumber(note)) {
            // the note is read whole on the approvals page, the inbox, the ledger and its export
            throw Invalid.of("note", "points.error.noteNumber");
        }
        Ledger.Holder h = holderFor(holder, caller, "holderId");
        String key = FormKeys.clean(formKey);
        Optional<Proposed> first = key == null ? Optional.empty()
                : proposedBefore(key, h.id(), grid, rule, note.strip(), clueGiver, caller);
        if (first.isPresent()) {
            return first.get();
        }
        String source = UUID.randomUUID().toString();
        UUID id = UUID.randomUUID();
        if (insert(id, h.id(), grid, rule, points, "manual", source, note.strip(), null, caller.staffId(), key) == 0) {
            return proposedBefore(key, h.id(), grid, rule, note.strip(), clueGiver, caller).orElseThrow();
        }
        List<UUID> holders = new java.util.ArrayList<>(List.of(h.id()));
        if (clueGiver != null) {
            Ledger.Holder giver = holderFor(clueGiver, caller, "clueGiverId");
            if (giver.id().equals(h.id())) {
                throw Invalid.of("clueGiverId", "points.error.clueGiverSame");
            }
            insert(UUID.randomUUID(), giver.id(), grid, rule, points, "clue", id.toString(), note.strip(), id,
                    caller.staffId(), null);
            holders.add(giver.id());
        }
        Award award = award(id).orElseThrow();
        events.publishEvent(Audited.created("points_award", id, gridPath, award));
        announce(award, holders, caller.staffId());
        return new Proposed(names.award(award, caller), false);
    }

    /**
     * Tells the grid's chiefs who may approve the award (the roles with {@code POINTS_APPROVE}) that it waits for
     * them: not its proposer, who knows, nor a holder of it (of the case award or the clue giver's linked to it),
     * who may not decide it. The clue giver's award is decided with the case award, so it is not announced apart.
     * With no grid chief to approve it but its holders (the award is his, or the grid has none), the station chiefs
     * above, who may, are told instead; a grid chief who proposed it himself approves it, so nobody else is asked.
     */
    private void announce(Award award, List<UUID> holders, UUID proposer) {
        events.publishEvent(new AwardProposed(award.id(), award.unitPath(), award.gridId(), award.holderName(),
                award.rule(), award.points(), award.note(), approvers(award, holders, proposer), award.proposedAt()));
    }

    private List<UUID> approvers(Award award, List<UUID> holders, UUID proposer) {
        List<UUID> approvers = staff.gridChiefs(new GridId(award.gridId()), today()).stream()
                .filter(chief -> !holders.contains(chief))
                .filter(chief -> staff.may(new StaffId(chief), Permission.POINTS_APPROVE)).toList();
        if (approvers.isEmpty()) {
            approvers = staff.stationChiefsOver(award.unitPath(), Permission.POINTS_APPROVE).stream()
                    .filter(chief -> !holders.contains(chief)).toList();
        }
        return approvers.stream().filter(chief -> !chief.equals(proposer)).toList();
    }

    /**
     * The grid's chief changed: each award of the grid still pending is handed to whoever would be asked to approve it
     * now (chosen as when it was proposed), so the new chief finds it in his inbox and the replaced one is not asked.
     */
    @EventListener
    void on(GridChiefChanged changed) {
        jdbc.sql("""
                SELECT id, proposed_by FROM points_award
                WHERE grid_id = ? AND status = 'PENDING' AND linked_award_id IS NULL ORDER BY proposed_at""")
                .param(changed.grid().value())
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class),
                        Optional.ofNullable(rs.getObject(2, UUID.class))))
                .list().forEach(pending -> {
                    Award award = award(pending.getKey()).orElseThrow();
                    List<UUID> holders = new java.util.ArrayList<>(List.of(award.holderId()));
                    linkedTo(award.id()).forEach(linked -> holders.add(linked.holderId()));
                    events.publishEvent(new AwardApproversChanged(award.id(), award.unitPath(),
                            approvers(award, holders, pending.getValue().orElse(null)), clock.instant()));
                });
    }

    /** The award the proposer's form key proposed before, if it was this one; refused if it was another. */
    private Optional<Proposed> proposedBefore(String key, UUID holder, UUID grid, String rule, String note,
            UUID clueGiver, Caller caller) {
        Optional<Award> before = jdbc.sql(SELECT + " WHERE a.proposed_by = ? AND a.idempotency_key = ?")
                .params(caller.staffId(), key).query(this::row).optional();
        if (before.isEmpty()) {
            return Optional.empty();
        }
        Award a = before.get();
        UUID giverBefore = linkedTo(a.id()).stream().map(Award::holderId).findFirst().orElse(null);
        if (!a.holderId().equals(holder) || !a.gridId().equals(grid) || !a.rule().equals(rule)
                || !a.note().equals(note) || !java.util.Objects.equals(giverBefore, clueGiver)) {
            throw Invalid.of("formKey", "points.error.formKeyReused");
        }
        return Optional.of(new Proposed(names.award(a, caller), true));
    }

    /**
     * Whether people of this role earn points (POINTS_EARN): not the inspector, who oversees the work and reads the
     * leaderboards, nor the three administrators.
     */
    public boolean earns(String role) {
        return earners().contains(role);
    }

    /** The roles that earn points, by name. */
    public List<String> earners() {
        return staff.rolesWith(Permission.POINTS_EARN);
    }

    /**
     * A holder in the caller's scope (checked in the query), active and of a role that earns points: one who earns
     * none (an inspector, an administrator) is refused by name and role, not offered on the form either.
     */
    private Ledger.Holder holderFor(UUID id, Caller caller, String field) {
        if (id == null) {
            throw Invalid.of(field, "points.error.holder");
        }
        Ledger.Holder h = jdbc.sql("""
                SELECT s.id, s.name, s.role, u.path, s.active FROM staff s JOIN unit u ON u.id = s.unit_id
                WHERE s.id = :id AND u.path LIKE ANY(CAST(:scope AS text[]))""")
                .param("id", id).param("scope", caller.scopePatterns())
                .query((rs, n) -> new Ledger.Holder(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getBoolean(5)))
                .optional().orElseThrow(() -> Invalid.of(field, "points.error.holder"));
        if (!h.active()) {
            throw Invalid.of(field, "points.error.holder");
        }
        refuseUnlessEarns(field, h.name(), h.role());
        return h;
    }

    private void refuseUnlessEarns(String field, String name, String role) {
        if (!earns(role)) {
            throw Invalid.of(field, "points.error.earnsNone", name,
                    new DefaultMessageSourceResolvable(new String[] {"role." + role}, role));
        }
    }

    /** Approves a pending award (and the clue giver's award linked to it): each writes its entry. */
    @Transactional
    public Award approve(UUID id, String note, Caller caller) {
        return names.award(decide(id, "APPROVED", note, caller), caller);
    }

    @Transactional
    public Award reject(UUID id, String note, Caller caller) {
        if (note == null || note.isBlank()) {
            throw Invalid.of("note", "points.error.reasonRequired");
        }
        return names.award(decide(id, "REJECTED", note, caller), caller);
    }

    private Award decide(UUID id, String status, String note, Caller caller) {
        Award before = visible(id, caller);
        if (!caller.may("POINTS_APPROVE")) {
            throw new NotFound("points award", id);
        }
        decisionNote(note);
        jdbc.sql("SELECT 1 FROM points_award WHERE id = ? FOR UPDATE").param(id).query(Integer.class).single();
        before = award(id).orElseThrow();
        if (!before.status().equals("PENDING")) {
            throw Invalid.of("award", "points.error.decided");
        }
        if (before.linkedAwardId() != null) {
            throw Invalid.of("award", "points.error.decideWithCase");
        }
        List<Award> group = new java.util.ArrayList<>();
        group.add(before);
        group.addAll(jdbc.sql(SELECT + " WHERE a.linked_award_id = ? AND a.status = 'PENDING' ORDER BY a.proposed_at")
                .param(id).query(this::row).list());
        for (Award a : group) {
            if (a.holderId().equals(caller.staffId())) {
                throw Invalid.of("award", "points.error.ownAward");
            }
        }
        if (!mayDecide(before, caller)) {
            throw new Refused("points.error.notApprover");
        }
        if (status.equals("APPROVED")) {
            // proposed while his role still earned points (or before he became an inspector): it may be rejected,
            // never approved into a ledger he no longer has
            for (Award a : group) {
                String role = staff.staff(new StaffId(a.holderId())).map(s -> s.role().name()).orElse(null);
                if (role != null) {
                    refuseUnlessEarns("award", a.holderName(), role);
                }
            }
        }
        for (Award a : group) {
            jdbc.sql("""
                    UPDATE points_award SET status = :status, decided_by = :by, decided_at = :at, decision_note = :note
                    WHERE id = :id AND status = 'PENDING'""")
                    .param("status", status).param("by", caller.staffId()).param("at", ledger.now())
                    .param("note", note == null || note.isBlank() ? null : note.strip()).param("id", a.id()).update();
            if (status.equals("APPROVED")) {
                ledger.append(a.holderId(), "AWARD", a.points(), a.rule(), a.sourceType(), a.sourceId(), a.gridId(),
                        a.id(), null, caller.staffId(), a.note());
            }
            Award after = award(a.id()).orElseThrow();
            events.publishEvent(Audited.updated("points_award", a.id(), a.unitPath(), a, after));
        }
        events.publishEvent(new AwardDecided(id, status.equals("APPROVED"), ledger.now().toInstant()));
        return award(id).orElseThrow();
    }

    /**
     * A decision's note is checked as an award's note is: the reject form allows {@link #DECISION_NOTE_MAX}
     * characters, but a pasted longer text or a client of its own is refused too, and the note is read whole by the
     * holder and on the approvals page, so it holds no control character and no identity or mobile number.
     */
    private static void decisionNote(String note) {
        if (note == null || note.isBlank()) {
            return;
        }
        if (note.strip().length() > DECISION_NOTE_MAX) {
            throw Invalid.of("note", "points.error.decisionNoteTooLong");
        }
        if (Texts.hasControlCharacters(note)) {
            throw Invalid.of("note", "points.error.decisionNoteControl");
        }
        if (Texts.holdsPersonalNumber(note)) {
            throw Invalid.of("note", "points.error.noteNumber");
        }
    }

    /**
     * Whether the caller decides the award (holding {@code POINTS_APPROVE}): a grid chief of its grid on today's
     * roster ({@link org.fengqiao.account.RosterDay}), or a station chief above the grid. A holder of the award is
     * refused apart.
     */
    public boolean mayDecide(Award award, Caller caller) {
        if (!caller.may("POINTS_APPROVE")) {
            return false;
        }
        return staff.headsGrid(new GridId(award.gridId()), new StaffId(caller.staffId()), today())
                || staff.stationChiefsOver(award.unitPath(), Permission.POINTS_APPROVE).contains(caller.staffId());
    }

    /** The names of who decides the award: the grid's chiefs of today, then the station chiefs above the grid. */
    public List<String> deciderNames(Award award) {
        List<UUID> ids = new java.util.ArrayList<>(staff.gridChiefs(new GridId(award.gridId()), today()).stream()
                .filter(chief -> staff.may(new StaffId(chief), Permission.POINTS_APPROVE)).toList());
        ids.addAll(staff.stationChiefsOver(award.unitPath(), Permission.POINTS_APPROVE));
        return ids.stream().distinct().map(id -> staff.staff(new StaffId(id)))
                .flatMap(Optional::stream).map(org.fengqiao.account.Staff::name).toList();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), LocalTimes.ZONE);
    }

    public Optional<Award> award(UUID id) {
        return jdbc.sql(SELECT + " WHERE a.id = ?").param(id).query(this::row).optional();
    }

    /** An award whose grid lies in the caller's scope (with POINTS_READ), or the caller's own; checked in the query. */
    public Award visible(UUID id, Caller caller) {
        return jdbc.sql(SELECT + """
                 WHERE a.id = :id AND (a.holder_id = :me
                    OR (CAST(:read AS boolean) AND u.path LIKE ANY(CAST(:scope AS text[]))))""")
                .param("id", id).param("me", caller.staffId()).param("read", caller.may("POINTS_READ"))
                .param("scope", caller.scopePatterns())
                .query(this::row).optional().orElseThrow(() -> new NotFound("points award", id));
    }

    /**
     * An award the caller may see ({@link #visible}) as it shows to him: an informant he may not know as holder is
     * shown as such ({@link HolderNames}).
     */
    public Award shown(UUID id, Caller caller) {
        return names.award(visible(id, caller), caller);
    }

    /**
     * The awards of the grids in the caller's scope with a status, newest first; an informant the caller may not know
     * as holder is shown as such ({@link HolderNames}).
     */
    public List<Award> list(String status, Caller caller, int limit) {
        return list(status, caller, limit, 0, false);
    }

    /**
     * A page of the awards of the grids in the caller's scope with this status (any with null): newest first, or
     * oldest first ({@code oldestFirst}), for those that have waited longest to come first.
     */
    public List<Award> list(String status, Caller caller, int limit, int offset, boolean oldestFirst) {
        String order = oldestFirst ? "a.proposed_at, a.id" : "a.proposed_at DESC, a.id";
        return names.awards(jdbc.sql(SELECT + """
                 WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND (CAST(:status AS text) IS NULL OR a.status = :status)
                ORDER BY""" + " " + order + " LIMIT :limit OFFSET :offset")
                .param("scope", caller.scopePatterns()).param("status", status).param("limit", limit)
                .param("offset", offset).query(this::row).list(), caller);
    }

    /** How many awards of the grids in the caller's scope have this status (any with null), however many a list shows. */
    public long count(String status, Caller caller) {
        return jdbc.sql("""
                SELECT count(*) FROM points_award a JOIN grid g ON g.id = a.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND (CAST(:status AS text) IS NULL OR a.status = :status)""")
                .param("scope", caller.scopePatterns()).param("status", status).query(Long.class).single();
    }

    /**
     * The awards of the grids in the caller's scope that were decided (approved or rejected), last decided first:
     * a list of its own, so that many awards proposed since (all still pending) do not push them out of it.
     */
    public List<Award> decided(Caller caller, int limit) {
        return names.awards(jdbc.sql(SELECT + """
                 WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND a.status <> 'PENDING'
                ORDER BY a.decided_at DESC, a.proposed_at DESC LIMIT :limit""")
                .param("scope", caller.scopePatterns()).param("limit", limit)
                .query(this::row).list(), caller);
    }

    public List<Award> ofHolder(UUID holder, String status) {
        return jdbc.sql(SELECT + " WHERE a.holder_id = ? AND a.status = ? ORDER BY a.proposed_at DESC")
                .params(holder, status).query(this::row).list();
    }

    public List<Award> linkedTo(UUID caseAward) {
        return jdbc.sql(SELECT + " WHERE a.linked_award_id = ?").param(caseAward).query(this::row).list();
    }

    private Optional<String> gridPath(UUID grid, Caller caller) {
        return jdbc.sql("""
                SELECT u.path FROM grid g JOIN unit u ON u.id = g.unit_id
                WHERE g.id = :id AND u.path LIKE ANY(CAST(:scope AS text[]))""")
                .param("id", grid).param("scope", caller.scopePatterns()).query(String.class).optional();
    }

    private int insert(UUID id, UUID holder, UUID grid, String rule, int points, String sourceType, String sourceId,
            String note, UUID linked, UUID proposedBy, String key) {
        return jdbc.sql("""
                INSERT INTO points_award (id, holder_id, grid_id, rule, points, source_type, source_id, note,
                    linked_award_id, status, proposed_by, proposed_at, idempotency_key)
                VALUES (:id, :holder, :grid, :rule, :points, :stype, :sid, :note, :linked, 'PENDING', :by, :at, :key)
                ON CONFLICT DO NOTHING""").param("key", key)
                .param("id", id).param("holder", holder).param("grid", grid).param("rule", rule)
                .param("points", points).param("stype", sourceType).param("sid", sourceId).param("note", note)
                .param("linked", linked).param("by", proposedBy).param("at", ledger.now()).update();
    }

    private static final String SELECT = """
            SELECT a.*, s.name AS holder_name, g.name AS grid_name, u.path AS unit_path, p.name AS proposer_name,
                d.name AS decider_name
            FROM points_award a JOIN staff s ON s.id = a.holder_id JOIN grid g ON g.id = a.grid_id
            JOIN unit u ON u.id = g.unit_id LEFT JOIN staff p ON p.id = a.proposed_by LEFT JOIN staff d ON d.id = a.decided_by""" + " ";

    private Award row(ResultSet rs, int n) throws SQLException {
        OffsetDateTime decided = rs.getObject("decided_at", OffsetDateTime.class);
        return new Award(rs.getObject("id", UUID.class), rs.getObject("holder_id", UUID.class),
                rs.getString("holder_name"), rs.getObject("grid_id", UUID.class), rs.getString("grid_name"),
                rs.getString("rule"), rs.getInt("points"), rs.getString("source_type"), rs.getString("source_id"),
                rs.getString("note"), rs.getObject("linked_award_id", UUID.class), rs.getString("status"),
                rs.getString("proposer_name"), rs.getObject("proposed_at", OffsetDateTime.class).toInstant(),
                rs.getString("decider_name"), decided == null ? null : decided.toInstant(),
                rs.getString("decision_note"), rs.getString("unit_path"));
    }
}
