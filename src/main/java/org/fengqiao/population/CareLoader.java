package org.fengqiao.population;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bulk loading of key-person care for system jobs (the demo district): helper teams, risk changes,
 * key-person visits and the care agreements of left-behind children, each list in one JDBC batch. Like
 * {@link PopulationLoader} it checks no scope and writes no audit entries: a start-up job, not a
 * person's act. Phones of relatives are copied from their person records, still encrypted.
 */
@Service
@Transactional
public class CareLoader {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    CareLoader(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A member of the household of a person cared for. */
    public record Relative(PersonId id, String name, Relation relation, Sex sex, Residence residence, LocalDate birthDate) {
    }

    /** A key person or left-behind child, with their grid, household and the other members of the household. */
    public record Subject(PersonId id, String name, Relation relation, GridId grid, HouseholdId household,
            KeyPersonType type, Risk risk, LocalDate since, List<Relative> relatives) {
    }

    /** The current five-level roster of a grid, one staff member per level (the first when there are more). */
    public record GridRoster(GridId grid, Holder chief, Holder coordinator, Holder manager, Holder member,
            Holder informant) {
    }

    public record Holder(UUID staffId, String name) {
    }

    /** Whether any helper team or care agreement exists for a person of these grids (the load ran already). */
    public boolean anyCare(Collection<GridId> grids) {
        UUID[] ids = grids.stream().map(GridId::value).toArray(UUID[]::new);
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM helper_membership m JOIN person p ON p.id = m.person_id WHERE p.grid_id = ANY(?))
                    OR EXISTS (SELECT 1 FROM care_agreement a JOIN person p ON p.id = a.person_id WHERE p.grid_id = ANY(?))""")
                .param(ids).param(ids).query(Boolean.class).single();
    }

    /** The key persons of these grids, or the persons of a category (LEFT_BEHIND_CHILD), ordered by id. */
    public List<Subject> subjects(Collection<GridId> grids, Category category) {
        UUID[] ids = grids.stream().map(GridId::value).toArray(UUID[]::new);
        Map<UUID, Subject> subjects = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT p.id, p.name, p.relation, p.grid_id, p.household_id, c.subtype, c.risk, c.since
                FROM person_category c JOIN person p ON p.id = c.person_id
                WHERE c.category = ? AND p.grid_id = ANY(?) ORDER BY p.id""")
                .param(category.name()).param(ids).query((rs, n) -> {
                    String subtype = rs.getString("subtype");
                    String risk = rs.getString("risk");
                    UUID household = rs.getObject("household_id", UUID.class);
                    String relation = rs.getString("relation");
                    return new Subject(new PersonId(rs.getObject("id", UUID.class)), rs.getString("name"),
                            relation == null ? null : Relation.valueOf(relation),
                            new GridId(rs.getObject("grid_id", UUID.class)), household == null ? null : new HouseholdId(household),
                            subtype == null ? null : KeyPersonType.valueOf(subtype), risk == null ? null : Risk.valueOf(risk),
                            rs.getObject("since", LocalDate.class), new ArrayList<>());
                }).list().forEach(s -> subjects.put(s.id().value(), s));
        if (subjects.isEmpty()) {
            return List.of();
        }
        jdbc.sql("""
                SELECT s.id AS subject, m.id, m.name, m.relation, m.sex, m.residence, m.birth_date
                FROM person s JOIN person m ON m.household_id = s.household_id AND m.id <> s.id
                WHERE s.id = ANY(?) ORDER BY m.birth_date NULLS LAST, m.id""")
                .param(subjects.keySet().toArray(UUID[]::new)).query(rs -> {
                    String relation = rs.getString("relation");
                    String sex = rs.getString("sex");
                    subjects.get(rs.getObject("subject", UUID.class)).relatives().add(new Relative(
                            new PersonId(rs.getObject("id", UUID.class)), rs.getString("name"),
                            relation == null ? null : Relation.valueOf(relation), sex == null ? null : Sex.valueOf(sex),
                            Residence.valueOf(rs.getString("residence")), rs.getObject("birth_date", LocalDate.class)));
                });
        return List.copyOf(subjects.values());
    }

    /** The current roster of each grid. */
    public Map<GridId, GridRoster> rosters(Collection<GridId> grids) {
        Map<UUID, Map<String, Holder>> byGrid = new HashMap<>();
        jdbc.sql("""
                SELECT r.grid_id, r.role, s.id, s.name FROM grid_role r JOIN staff s ON s.id = r.staff_id
                WHERE r.ended_on IS NULL AND r.grid_id = ANY(?) ORDER BY r.started_on, s.name""")
                .param(grids.stream().map(GridId::value).toArray(UUID[]::new)).query(rs -> {
                    byGrid.computeIfAbsent(rs.getObject("grid_id", UUID.class), k -> new HashMap<>())
                            .putIfAbsent(rs.getString("role"), new Holder(rs.getObject("id", UUID.class), rs.getString("name")));
                });
        Map<GridId, GridRoster> rosters = new HashMap<>();
        byGrid.forEach((grid, roles) -> rosters.put(new GridId(grid), new GridRoster(new GridId(grid),
                roles.get("GRID_CHIEF"), roles.get("COORDINATOR"), roles.get("MANAGER"), roles.get("MEMBER"),
                roles.get("INFORMANT"))));
        return rosters;
    }

    /**
     * A helper joining a team: a staff member (staff set), a relative whose phone is copied from their
     * record (relative set), or a named person with an optional phone in the clear (encrypted here).
     */
    public record NewMember(PersonId person, UUID staff, PersonId relative, String name, HelperRole role,
            String relation, LocalDate joinedOn) {
        public NewMember {
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(joinedOn, "joinedOn");
        }
    }

    /** The memberships in one batch; answers their ids in order. */
    public List<UUID> members(List<NewMember> members) {
        List<UUID> ids = new ArrayList<>(members.size());
        List<Object[]> rows = new ArrayList<>(members.size());
        for (NewMember m : members) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            rows.add(new Object[] {id, m.person().value(), m.staff(), m.name(), m.role().name(), m.relation(),
                m.relative() == null ? null : m.relative().value(), m.relative() == null ? null : m.relative().value(),
                m.joinedOn()});
        }
        template.batchUpdate("""
                INSERT INTO helper_membership (id, person_id, staff_id, name, role, relation, phone_cipher, phone_masked, joined_on)
                VALUES (?, ?, ?, ?, ?, ?, (SELECT phone_cipher FROM person WHERE id = ?), (SELECT phone_masked FROM person WHERE id = ?), ?)""",
                rows);
        return ids;
    }

    /** A visit to a cared-for person, by a staff member, with the person's state and the team members who came. */
    public record NewVisit(PersonId person, GridId grid, HouseholdId household, UUID visitedBy, OffsetDateTime visitedAt,
            String findings, PersonState state, List<UUID> helperIds) {
    }

    public void visits(List<NewVisit> visits) {
        List<Object[]> visitRows = new ArrayList<>(visits.size());
        List<Object[]> personRows = new ArrayList<>(visits.size());
        for (NewVisit v : visits) {
            UUID id = UUID.randomUUID();
            visitRows.add(new Object[] {id, v.grid().value(), v.household() == null ? null : v.household().value(),
                v.visitedBy(), Timestamp.from(v.visitedAt().toInstant()), v.findings()});
            personRows.add(new Object[] {id, v.person().value(), v.state() == null ? null : v.state().name(),
                v.helperIds().stream().map(UUID::toString).toArray(String[]::new)});
        }
        template.batchUpdate("""
                INSERT INTO visit (id, grid_id, household_id, visited_by, visited_at, findings, contact_card, created_at)
                VALUES (?, ?, ?, ?, ?, ?, false, now())""", visitRows);
        template.batchUpdate("INSERT INTO visit_person (visit_id, person_id, state, helper_ids) VALUES (?, ?, ?, CAST(? AS uuid[]))",
                personRows);
    }

    /** A past change of a key person's risk level; the category keeps the current level. */
    public record NewRiskChange(PersonId person, Risk from, Risk to, String reason, UUID changedBy, OffsetDateTime at) {
    }

    public void riskChanges(List<NewRiskChange> changes) {
        template.batchUpdate("""
                INSERT INTO risk_change (id, person_id, from_risk, to_risk, reason, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                changes.stream().map(c -> new Object[] {UUID.randomUUID(), c.person().value(),
                    c.from() == null ? null : c.from().name(), c.to().name(), c.reason(), c.changedBy(),
                    Timestamp.from(c.at().toInstant())}).toList());
    }

    /** A helper named in a care agreement: staff, or a named person (relative copies a phone from a record). */
    public record AgreementHelper(UUID staff, PersonId relative, String name, HelperRole role, String relation) {
    }

    /** A care agreement; the guardian's phone is copied from the guardian's own record when guardian is set. */
    public record NewAgreement(PersonId child, LocalDate signedOn, LocalDate reviewOn, PersonId guardian,
            String guardianName, String guardianRelation, String fatherWhereabouts, String motherWhereabouts,
            UUID createdBy, List<AgreementHelper> helpers) {
    }

    public void agreements(List<NewAgreement> agreements) {
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> helpers = new ArrayList<>();
        for (NewAgreement a : agreements) {
            UUID id = UUID.randomUUID();
            UUID guardian = a.guardian() == null ? null : a.guardian().value();
            rows.add(new Object[] {id, a.child().value(), a.signedOn(), a.reviewOn(), a.guardianName(),
                a.guardianRelation(), guardian, guardian, a.fatherWhereabouts(), a.motherWhereabouts(), a.createdBy()});
            for (int i = 0; i < a.helpers().size(); i++) {
                AgreementHelper h = a.helpers().get(i);
                UUID relative = h.relative() == null ? null : h.relative().value();
                helpers.add(new Object[] {id, i, h.staff(), h.name(), h.role().name(), h.relation(), relative, relative});
            }
        }
        template.batchUpdate("""
                INSERT INTO care_agreement (id, person_id, signed_on, review_on, guardian_name, guardian_relation,
                    guardian_phone_cipher, guardian_phone_masked, father_whereabouts, mother_whereabouts, created_by)
                VALUES (?, ?, ?, ?, ?, ?, (SELECT phone_cipher FROM person WHERE id = ?), (SELECT phone_masked FROM person WHERE id = ?),
                        ?, ?, ?)""", rows);
        template.batchUpdate("""
                INSERT INTO care_helper (agreement_id, position, staff_id, name, role, relation, phone_cipher, phone_masked)
                VALUES (?, ?, ?, ?, ?, ?, (SELECT phone_cipher FROM person WHERE id = ?), (SELECT phone_masked FROM person WHERE id = ?))""",
                helpers);
    }
}
