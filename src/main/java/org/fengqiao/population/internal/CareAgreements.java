package org.fengqiao.population.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.population.HelperRole;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Care agreements of left-behind children (留守儿童 三帮一 / 四帮一 帮扶协议): the actual guardian and two
 * or three more helpers (grid manager, volunteer, a school teacher) sign with the police on a day; the
 * agreement says where the parents are and when it is reviewed. Signing a new one ends the current
 * one on its signing day, so the history stays; so does the child's ceasing to be a left-behind child
 * ({@link PersonCategories#apply}), on that day. An ended agreement says why it ended and is never in force
 * again. Phones are encrypted, pages show them masked.
 */
@Service
public class CareAgreements {

    /** Why an agreement ended: a new one was signed in its place. */
    public static final String SUPERSEDED = "SUPERSEDED";
    /** Why an agreement ended: the child is no longer a left-behind child (the category was taken away). */
    public static final String NO_LONGER_LEFT_BEHIND = "NO_LONGER_LEFT_BEHIND";
    /** Why an agreement ended: the child turned 16, and the age sweep took the category away that day. */
    public static final String TURNED_16 = "TURNED_16";

    static final int MIN_HELPERS = 2;
    static final int MAX_HELPERS = 4;

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CareAgreements(JdbcClient jdbc, PersonalDataCipher cipher, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.events = events;
        this.clock = clock;
    }

    /** A helper named in an agreement, besides the guardian. */
    public record Helper(UUID staffId, String name, HelperRole role, String relation, String phoneMasked) {
    }

    public record Agreement(UUID id, UUID personId, LocalDate signedOn, LocalDate reviewOn, String guardianName,
            String guardianRelation, String guardianPhoneMasked, String fatherWhereabouts, String motherWhereabouts,
            String note, LocalDate endedOn, String endedReason, String createdByName, List<Helper> helpers,
            List<Review> reviews) {

        /** 三帮一 with the guardian and two helpers, 四帮一 with three, 五帮一 with four. */
        @com.fasterxml.jackson.annotation.JsonProperty("helperCount")
        public int helperCount() {
            return helpers.size() + 1;
        }

        @com.fasterxml.jackson.annotation.JsonProperty("current")
        public boolean current() {
            return endedOn == null;
        }

        public boolean reviewDue(LocalDate today) {
            return current() && !reviewOn.isAfter(today);
        }
    }

    /**
     * A review of an agreement without a new one (复查): who reviewed on which day, what he found, whether
     * anything changed, and the review day it moved the agreement from and to.
     */
    public record Review(UUID id, UUID agreementId, LocalDate reviewedOn, String findings, boolean changed,
            LocalDate reviewOnBefore, LocalDate nextReviewOn, String reviewedByName) {
    }

    /** The person the agreements are about: visible to the caller, a left-behind child or not. */
    public record Child(UUID id, String name, String unitPath, UUID gridId, boolean leftBehind) {
    }

    public Optional<Child> child(UUID personId, Caller caller) {
        return jdbc.sql("""
                SELECT p.id, p.name, u.path, p.grid_id,
                       EXISTS (SELECT 1 FROM person_category c WHERE c.person_id = p.id AND c.category = 'LEFT_BEHIND_CHILD')
                FROM person p JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE p.id = :id AND u.path LIKE ANY(CAST(:scope AS text[]))""" + GridReach.of(caller).condition("p.grid_id"))
                .param("id", personId).param("scope", caller.scopePatterns()).params(GridReach.of(caller).params())
                .query((rs, n) -> new Child(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getBoolean(5))).optional();
    }

    /** Current agreement first, then the ended ones, latest first; not audited (the caller audits its read). */
    public List<Agreement> of(UUID personId) {
        Map<UUID, Agreement> agreements = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT a.id, a.person_id, a.signed_on, a.review_on, a.guardian_name, a.guardian_relation,
                       a.guardian_phone_masked, a.father_whereabouts, a.mother_whereabouts, a.note, a.ended_on,
                       a.ended_reason, s.name AS created_by_name, h.staff_id, h.name AS helper_name, h.role, h.relation, h.phone_masked
                FROM care_agreement a LEFT JOIN staff s ON s.id = a.created_by
                LEFT JOIN care_helper h ON h.agreement_id = a.id
                WHERE a.person_id = ?
                ORDER BY a.ended_on IS NOT NULL, a.signed_on DESC, a.created_at DESC, a.id, h.position""")
                .param(personId).query((ResultSet rs) -> {
                    Agreement a = agreements.computeIfAbsent(rs.getObject("id", UUID.class), k -> agreement(rs));
                    if (rs.getString("helper_name") != null) {
                        a.helpers().add(new Helper(rs.getObject("staff_id", UUID.class), rs.getString("helper_name"),
                                HelperRole.valueOf(rs.getString("role")), rs.getString("relation"),
                                rs.getString("phone_masked")));
                    }
                });
        if (!agreements.isEmpty()) {
            jdbc.sql("""
                    SELECT r.id, r.agreement_id, r.reviewed_on, r.findings, r.changed, r.review_on_before,
                           r.next_review_on, s.name
                    FROM care_agreement_review r JOIN care_agreement a ON a.id = r.agreement_id
                    LEFT JOIN staff s ON s.id = r.reviewed_by
                    WHERE a.person_id = ?
                    ORDER BY r.reviewed_on DESC, r.created_at DESC, r.id""")
                    .param(personId).query((rs, n) -> new Review(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, LocalDate.class), rs.getString(4), rs.getBoolean(5),
                            rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), rs.getString(8)))
                    .list().forEach(r -> agreements.get(r.agreementId()).reviews().add(r));
        }
        return List.copyOf(agreements.values());
    }

    /**
     * The guardians' phones in full, by agreement, of a person's agreements that name one: for his file asked for with
     * full numbers (the caller checks the right and audits the reveal).
     */
    public Map<UUID, String> guardianPhones(UUID personId) {
        Map<UUID, String> phones = new LinkedHashMap<>();
        jdbc.sql("SELECT id, guardian_phone_cipher FROM care_agreement WHERE person_id = ? "
                        + "AND guardian_phone_cipher IS NOT NULL")
                .param(personId)
                .query((ResultSet rs) -> {
                    phones.put(rs.getObject(1, UUID.class), cipher.decrypt(rs.getBytes(2)));
                });
        return phones;
    }

    /**
     * The helpers' phones in full, by agreement, each agreement's in the order of its helpers as {@link #of} lists them
     * (null for a helper without one): for the person's file asked for with full numbers, as {@link #guardianPhones}.
     */
    public Map<UUID, List<String>> helperPhones(UUID personId) {
        Map<UUID, List<String>> phones = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT h.agreement_id, h.phone_cipher FROM care_helper h JOIN care_agreement a ON a.id = h.agreement_id
                WHERE a.person_id = ? ORDER BY h.agreement_id, h.position""")
                .param(personId)
                .query((ResultSet rs) -> {
                    byte[] c = rs.getBytes(2);
                    phones.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(c == null ? null : cipher.decrypt(c));
                });
        return phones;
    }

    /** The agreements of a visible person, the read audited as a read of the person. */
    public List<Agreement> read(UUID personId, Caller caller) {
        Child child = child(personId, caller).orElseThrow(() -> new NotFound("person", personId));
        events.publishEvent(new Audited("READ", "person", personId.toString(), child.unitPath(), null,
                Map.of("view", "care-agreements"), null));
        return of(personId);
    }

    public record NewHelper(UUID staffId, String name, HelperRole role, String relation, String phone) {
    }

    public record NewAgreement(LocalDate signedOn, LocalDate reviewOn, String guardianName, String guardianRelation,
            String guardianPhone, String fatherWhereabouts, String motherWhereabouts, String note,
            List<NewHelper> helpers) {
    }

    @Transactional
    public Agreement sign(UUID personId, NewAgreement in, Caller caller) {
        return sign(personId, in, List.of(), caller);
    }

    /**
     * Signs with the problems already found in the body it was read from (a value of the wrong kind, left empty):
     * they are refused together with this check's own, nothing saved.
     */
    @Transactional
    public Agreement sign(UUID personId, NewAgreement in, List<Invalid.Problem> found, Caller caller) {
        Child child = child(personId, caller).orElseThrow(() -> new NotFound("person", personId));
        List<Invalid.Problem> problems = new ArrayList<>(found);
        if (!child.leftBehind()) {
            problems.add(KeyPersonCare.problem("personId", "care.agreement.notLeftBehind"));
        }
        LocalDate today = LocalDate.now(clock.withZone(KeyPersons.LOCAL));
        if (in.signedOn() == null) {
            problems.add(KeyPersonCare.problem("signedOn", "error.field.required"));
        } else if (in.signedOn().isAfter(today)) {
            problems.add(KeyPersonCare.problem("signedOn", "care.date.future"));
        }
        if (in.reviewOn() == null) {
            problems.add(KeyPersonCare.problem("reviewOn", "error.field.required"));
        } else if (in.signedOn() != null && !in.reviewOn().isAfter(in.signedOn())) {
            problems.add(KeyPersonCare.problem("reviewOn", "care.agreement.reviewAfterSigning"));
        }
        String guardian = text(problems, "guardianName", in.guardianName(), 64);
        if (guardian == null) {
            problems.add(KeyPersonCare.problem("guardianName", "error.field.required"));
        }
        String guardianRelation = text(problems, "guardianRelation", in.guardianRelation(), 64);
        String guardianPhone = phone(problems, "guardianPhone", in.guardianPhone());
        String father = text(problems, "fatherWhereabouts", in.fatherWhereabouts(), 200);
        String mother = text(problems, "motherWhereabouts", in.motherWhereabouts(), 200);
        String note = text(problems, "note", in.note(), 2000);
        List<NewHelper> helpers = in.helpers() == null ? List.of() : in.helpers();
        if (helpers.size() < MIN_HELPERS || helpers.size() > MAX_HELPERS) {
            problems.add(KeyPersonCare.problem("helpers", "care.agreement.helperCount", MIN_HELPERS, MAX_HELPERS));
        }
        List<String> names = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < helpers.size(); i++) {
            NewHelper h = helpers.get(i);
            String field = "helpers[" + i + "]";
            String name = KeyPersonCare.trim(h.name());
            if (h.staffId() != null) {
                // a staff member who has left cannot help the child, as on a key person's team
                Map<String, Object> staff = jdbc.sql("""
                        SELECT s.name, s.active FROM staff s JOIN unit u ON u.id = s.unit_id
                        WHERE s.id = ? AND u.path LIKE ANY(?)""")
                        .param(h.staffId()).param(caller.scopePatterns()).query().listOfRows().stream().findFirst()
                        .orElse(null);
                name = staff == null ? null : (String) staff.get("name");
                if (staff == null) {
                    problems.add(KeyPersonCare.problem(field + ".staffId", "care.staff.unknown"));
                } else if (!Boolean.TRUE.equals(staff.get("active"))) {
                    problems.add(KeyPersonCare.problem(field + ".staffId", "care.staff.inactive", staff.get("name")));
                }
            } else if (name == null) {
                problems.add(KeyPersonCare.problem(field + ".name", "error.field.required"));
            } else if (name.length() > 64) {
                problems.add(KeyPersonCare.problem(field + ".name", "care.text.tooLong", 64));
            }
            if (h.role() == null) {
                problems.add(KeyPersonCare.problem(field + ".role", "error.field.required"));
            }
            text(problems, field + ".relation", h.relation(), 64);
            names.add(name);
            phones.add(phone(problems, field + ".phone", h.phone()));
        }
        Optional<Agreement> current = of(personId).stream().filter(Agreement::current).findFirst();
        if (current.isPresent() && in.signedOn() != null && in.signedOn().isBefore(current.get().signedOn())) {
            problems.add(KeyPersonCare.problem("signedOn", "care.agreement.beforeCurrent", current.get().signedOn()));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        if (current.isPresent()) {
            jdbc.sql("UPDATE care_agreement SET ended_on = ?, ended_reason = ? WHERE id = ?")
                    .params(in.signedOn(), SUPERSEDED, current.get().id()).update();
            events.publishEvent(Audited.updated("care-agreement", current.get().id(), child.unitPath(),
                    Map.of("endedOn", "null"), Map.of("endedOn", in.signedOn().toString(), "endedReason", SUPERSEDED)));
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO care_agreement (id, person_id, signed_on, review_on, guardian_name, guardian_relation,
                    guardian_phone_cipher, guardian_phone_masked, father_whereabouts, mother_whereabouts, note, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, personId, in.signedOn(), in.reviewOn(), guardian, guardianRelation,
                        StoredPhone.of(cipher, guardianPhone).cipher(), PhoneNumbers.masked(guardianPhone),
                        father, mother, note, caller.staffId()).update();
        for (int i = 0; i < helpers.size(); i++) {
            NewHelper h = helpers.get(i);
            String phone = phones.get(i);
            jdbc.sql("""
                    INSERT INTO care_helper (agreement_id, position, staff_id, name, role, relation, phone_cipher, phone_masked)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, i, h.staffId(), names.get(i), h.role().name(), KeyPersonCare.trim(h.relation()),
                            StoredPhone.of(cipher, phone).cipher(), PhoneNumbers.masked(phone)).update();
        }
        Agreement created = of(personId).stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
        events.publishEvent(Audited.created("care-agreement", id, child.unitPath(), created));
        return created;
    }

    public record NewReview(LocalDate reviewedOn, String findings, Boolean changed, LocalDate nextReviewOn) {
    }

    /**
     * Records a review of the child's agreement in force without signing a new one: the agreement's
     * review day moves to the next one, so it leaves the "review due" marks; the review stays in the
     * history. 404 for a child outside the caller's scope or an agreement not of this child.
     */
    @Transactional
    public Review review(UUID personId, UUID agreementId, NewReview in, Caller caller) {
        return review(personId, agreementId, in, List.of(), caller);
    }

    /** Records a review with the problems already found in the body it was read from, refused with its own. */
    @Transactional
    public Review review(UUID personId, UUID agreementId, NewReview in, List<Invalid.Problem> found, Caller caller) {
        Child child = child(personId, caller).orElseThrow(() -> new NotFound("person", personId));
        Agreement agreement = of(personId).stream().filter(a -> a.id().equals(agreementId)).findFirst()
                .orElseThrow(() -> new NotFound("care-agreement", agreementId));
        List<Invalid.Problem> problems = new ArrayList<>(found);
        if (!agreement.current()) {
            problems.add(KeyPersonCare.problem("agreementId", "care.review.ended", agreement.endedOn()));
        }
        LocalDate today = LocalDate.now(clock.withZone(KeyPersons.LOCAL));
        if (in.reviewedOn() == null) {
            problems.add(KeyPersonCare.problem("reviewedOn", "error.field.required"));
        } else if (in.reviewedOn().isAfter(today)) {
            problems.add(KeyPersonCare.problem("reviewedOn", "care.date.future"));
        } else if (in.reviewedOn().isBefore(agreement.signedOn())) {
            problems.add(KeyPersonCare.problem("reviewedOn", "care.review.beforeSigning", agreement.signedOn()));
        }
        String findings = text(problems, "findings", in.findings(), 2000);
        if (findings == null) {
            problems.add(KeyPersonCare.problem("findings", "error.field.required"));
        }
        if (in.changed() == null) {
            problems.add(KeyPersonCare.problem("changed", "error.field.required"));
        }
        if (in.nextReviewOn() == null) {
            problems.add(KeyPersonCare.problem("nextReviewOn", "error.field.required"));
        } else if (in.reviewedOn() != null && !in.nextReviewOn().isAfter(in.reviewedOn())) {
            problems.add(KeyPersonCare.problem("nextReviewOn", "care.review.nextAfterReview"));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO care_agreement_review (id, agreement_id, reviewed_on, findings, changed, review_on_before,
                    next_review_on, reviewed_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, agreementId, in.reviewedOn(), findings, in.changed(), agreement.reviewOn(),
                        in.nextReviewOn(), caller.staffId()).update();
        jdbc.sql("UPDATE care_agreement SET review_on = ? WHERE id = ?").params(in.nextReviewOn(), agreementId).update();
        Agreement after = of(personId).stream().filter(a -> a.id().equals(agreementId)).findFirst().orElseThrow();
        Review review = after.reviews().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("reviewOn", agreement.reviewOn().toString());
        before.put("reviews", agreement.reviews().size());
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("reviewOn", after.reviewOn().toString());
        changed.put("reviews", after.reviews().size());
        changed.put("reviewId", id.toString());
        changed.put("reviewedOn", review.reviewedOn().toString());
        changed.put("findings", review.findings());
        changed.put("changed", review.changed());
        events.publishEvent(Audited.updated("care-agreement", agreementId, child.unitPath(), before, changed));
        return review;
    }

    private static String text(List<Invalid.Problem> problems, String field, String value, int max) {
        String t = KeyPersonCare.trim(value);
        if (t != null && t.length() > max) {
            problems.add(KeyPersonCare.problem(field, "care.text.tooLong", max));
        }
        return t;
    }

    private static String phone(List<Invalid.Problem> problems, String field, String value) {
        if (KeyPersonCare.trim(value) == null) {
            return null;
        }
        String phone = PhoneNumbers.normalised(value);
        if (phone == null) {
            problems.add(KeyPersonCare.problem(field, "population.phone.invalid"));
        }
        return phone;
    }

    private static Agreement agreement(ResultSet rs) {
        try {
            return new Agreement(rs.getObject("id", UUID.class), rs.getObject("person_id", UUID.class),
                    rs.getObject("signed_on", LocalDate.class), rs.getObject("review_on", LocalDate.class),
                    rs.getString("guardian_name"), rs.getString("guardian_relation"),
                    rs.getString("guardian_phone_masked"), rs.getString("father_whereabouts"),
                    rs.getString("mother_whereabouts"), rs.getString("note"), rs.getObject("ended_on", LocalDate.class),
                    rs.getString("ended_reason"), rs.getString("created_by_name"), new ArrayList<>(), new ArrayList<>());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
