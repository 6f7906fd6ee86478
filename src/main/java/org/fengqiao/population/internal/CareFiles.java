package org.fengqiao.population.internal;

import org.fengqiao.platform.pdf.PdfLayout;
import java.sql.Array;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.population.Residence;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The printed files of seed 002: the household register (一户一册: address, members, categories,
 * visits, contact card) and a person's file (一人一档: personal data, categories, helper team, care
 * agreement, visits), as PDF. Identity numbers and phones are masked; a role that may reveal them
 * gets them in full only by giving a reason, and then each person in the file is audited as a
 * REVEAL with that reason. Every person whose data the file carries is audited as read.
 */
@Service
public class CareFiles {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final JdbcClient jdbc;
    private final Households households;
    private final VisitLog visitLog;
    private final KeyPersonCare care;
    private final CareAgreements agreements;
    private final PersonalDataCipher cipher;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final VisitChangeTexts changeTexts;

    CareFiles(JdbcClient jdbc, Households households, VisitLog visitLog, KeyPersonCare care, CareAgreements agreements,
            PersonalDataCipher cipher, MessageSource messages, ApplicationEventPublisher events, Clock clock,
            VisitChangeTexts changeTexts) {
        this.changeTexts = changeTexts;
        this.jdbc = jdbc;
        this.households = households;
        this.visitLog = visitLog;
        this.care = care;
        this.agreements = agreements;
        this.cipher = cipher;
        this.messages = messages;
        this.events = events;
        this.clock = clock;
    }

    /** A person as the files print them; idNumber and phone masked unless revealed. */
    record Person(UUID id, String name, String unitPath, UUID householdId, String gridCode, String relation, String sex,
            java.time.LocalDate birthDate, String ethnicity, String residence, java.time.LocalDate registeredOn,
            java.time.LocalDate leftOn, String occupation, String workplace, String note, String idNumber,
            String phone, String address, List<String> categories) {
    }

    private static final String PERSON = """
            SELECT p.id, p.name, u.path, p.household_id, g.code, p.relation, p.sex, p.birth_date, p.ethnicity, p.residence,
                   p.registered_on, p.left_on, p.occupation, p.workplace, p.note, p.id_masked, p.phone_masked,
                   p.id_cipher, p.phone_cipher,
                   (SELECT h.address_text FROM household h WHERE h.id = p.household_id) AS address,
                   (SELECT coalesce(array_agg(c.category || coalesce('.' || c.subtype, '') || coalesce(':' || c.risk, '')
                                              ORDER BY c.category), '{}')
                      FROM person_category c WHERE c.person_id = p.id) AS categories
            FROM person p JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id
            """;

    private List<Person> persons(String where, Object param, Caller caller, boolean reveal) {
        // one who serves grids prints the persons of those grids only (GridReach), as he reads them
        GridReach reach = GridReach.of(caller);
        return jdbc.sql(PERSON + where + " AND u.path LIKE ANY(CAST(:scope AS text[]))" + reach.condition("p.grid_id")
                        + " ORDER BY (p.relation = 'HEAD') DESC NULLS LAST,"
                        + " p.residence = 'LEFT', p.birth_date NULLS LAST, p.created_at, p.id")
                .param("param", param).param("scope", caller.scopePatterns()).params(reach.params()).query((rs, n) -> {
                    Array cats = rs.getArray("categories");
                    byte[] idCipher = rs.getBytes("id_cipher");
                    byte[] phoneCipher = rs.getBytes("phone_cipher");
                    return new Person(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getObject(8, java.time.LocalDate.class), rs.getString(9), rs.getString(10),
                            rs.getObject(11, java.time.LocalDate.class), rs.getObject(12, java.time.LocalDate.class),
                            rs.getString(13), rs.getString(14), rs.getString(15),
                            reveal && idCipher != null ? cipher.decrypt(idCipher) : rs.getString("id_masked"),
                            reveal && phoneCipher != null ? cipher.decrypt(phoneCipher) : rs.getString("phone_masked"),
                            rs.getString("address"), cats == null ? List.of() : List.of((String[]) cats.getArray()));
                }).list();
    }

    /**
     * Whether the file shows full numbers: only with the right to reveal and a reason of 4 characters or more. No
     * reason asks for the masked file; a reason given but blank (four spaces pass a field's minlength) is refused,
     * not read as no reason: whoever sent it asked for full numbers and must learn that he did not get them.
     */
    private static String revealReason(String reason, Caller caller) {
        if (reason == null) {
            return null;
        }
        if (!caller.may("POPULATION_REVEAL")) {
            throw new AccessDeniedException("no right to reveal personal data");
        }
        String r = reason.strip();
        if (r.length() < 4 || r.length() > 200) {
            throw Invalid.of("reason", "population.reveal.reason");
        }
        return r;
    }

    private void auditPerson(Person p, String export, String reason) {
        auditPerson(p, export, reason, "idNumber,phone");
    }

    /** fields: what the file showed in full when it was asked for with a reason. */
    private void auditPerson(Person p, String export, String reason, String fields) {
        events.publishEvent(personEntry(p, export, reason, fields));
    }

    /** The entry of a person's file read (no reason) or revealed with the reason. */
    private static Audited personEntry(Person p, String export, String reason, String fields) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("export", export);
        if (reason != null) {
            details.put("field", fields);
            details.put("reason", reason);
            return new Audited("REVEAL", "person", p.id().toString(), p.unitPath(), null, details, null);
        }
        return new Audited("READ", "person", p.id().toString(), p.unitPath(), null, details, null);
    }

    /** 一户一册: the household's register as PDF; 404 outside the caller's scope. */
    public byte[] householdRegister(UUID householdId, String reason, Caller caller, Locale locale) {
        Households.Household h = households.findVisible(householdId, caller)
                .orElseThrow(() -> new NotFound("household", householdId));
        String revealed = revealReason(reason, caller);
        List<Person> members = persons("WHERE p.household_id = :param", householdId, caller, revealed != null);
        List<VisitLog.Visit> visits = visitLog.ofHousehold(householdId);
        Msg m = new Msg(locale);
        String title = m.t("care.pdf.register.title");
        byte[] pdf;
        try (PdfLayout pdfDoc = new PdfLayout(title + " " + (h.number() == null ? "" : h.number()), caller.displayName())) {
            pdfDoc.title(title, m.t("care.pdf.register.subtitle", h.number() == null ? "—" : h.number(), h.gridCode()));
            pdfDoc.heading(m.t("care.pdf.household"));
            List<String[]> facts = new ArrayList<>();
            facts.add(new String[] {m.t("care.pdf.householdNumber"), dash(h.number())});
            facts.add(new String[] {m.t("care.pdf.grid"), h.gridCode()});
            facts.add(new String[] {m.t("care.pdf.address"), dash(h.address())});
            facts.add(new String[] {m.t("care.pdf.room"), h.buildingName() == null ? "—"
                    : h.buildingName() + " " + m.t("housing.plan.roomLabel", h.roomUnit(), h.roomNumber())});
            List<String> marks = new ArrayList<>();
            if (h.trusted()) {
                marks.add(m.t("housing.mark.TRUSTED"));
            }
            if (h.inDifficulty()) {
                marks.add(m.t("housing.mark.IN_DIFFICULTY"));
            }
            facts.add(new String[] {m.t("care.pdf.marks"), marks.isEmpty() ? "—" : String.join(m.t("text.listSeparator"), marks)});
            facts.add(new String[] {m.t("care.pdf.contactCard"), h.contactCardOn() == null
                    ? m.t("housing.household.noCard") : h.contactCardOn().toString()});
            // those living here: a member recorded as left stays listed (marked 已离开) but lives elsewhere
            long left = members.stream().filter(p -> "LEFT".equals(p.residence())).count();
            facts.add(new String[] {m.t("care.pdf.memberCount"), left == 0 ? String.valueOf(members.size())
                    : m.t("care.pdf.memberCountWithLeft", members.size() - left, left)});
            facts.add(new String[] {m.t("care.pdf.note"), dash(h.note())});
            pdfDoc.facts(facts);

            pdfDoc.heading(m.t("care.pdf.members"));
            List<String[]> rows = new ArrayList<>();
            for (Person p : members) {
                rows.add(new String[] {p.name(), p.relation() == null ? "—" : m.t("population.relation." + p.relation()),
                    p.sex() == null ? "—" : m.t("population.sex." + p.sex()), p.birthDate() == null ? "—" : p.birthDate().toString(),
                    dash(p.idNumber()), dash(p.phone()), m.t("population.residence." + p.residence()),
                    categories(m, p.categories())});
            }
            pdfDoc.table(new String[] {m.t("population.person.name"), m.t("population.person.relation"),
                m.t("population.person.sex"), m.t("population.person.birthDate"), m.t("population.person.idNumber"),
                m.t("population.person.phone"), m.t("population.person.residence"), m.t("population.person.categories")},
                    new float[] {11, 9, 5, 12, 20, 13, 8, 22}, rows);

            pdfDoc.heading(m.t("care.pdf.visits"));
            if (visits.isEmpty()) {
                pdfDoc.paragraph(m.t("housing.visits.none"));
            } else {
                List<String[]> visitRows = new ArrayList<>();
                Map<UUID, List<String>> visitedKeyPersons = keyPersonVisits(householdId, m);
                for (VisitLog.Visit v : visits) {
                    // a key person's visit says whose it was: its findings ("本人情绪低落") are about him, not the head
                    StringBuilder what = new StringBuilder();
                    for (String whose : visitedKeyPersons.getOrDefault(v.id(), List.of())) {
                        what.append(whose).append("\n");
                    }
                    what.append(dash(v.findings()));
                    if (v.contactCard()) {
                        what.append("\n").append(m.t("housing.visits.cardGiven"));
                    }
                    for (VisitLog.Change c : v.changes()) {
                        what.append("\n· ").append(changeTexts.text(c, locale));
                    }
                    visitRows.add(new String[] {v.visitedAt().atZoneSameInstant(KeyPersons.LOCAL).format(DAY_TIME),
                        v.visitedByName(), what.toString()});
                }
                pdfDoc.table(new String[] {m.t("care.pdf.visitedAt"), m.t("care.pdf.visitedBy"), m.t("care.pdf.findings")},
                        new float[] {19, 12, 69}, visitRows);
            }
            pdfDoc.paragraph(revealed != null ? m.t("care.pdf.revealedNote", revealed) : m.t("care.pdf.maskedNote"));
            pdf = pdfDoc.finish(footer(m, title, caller));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("export", "register.pdf");
        details.put("identity", revealed != null ? "full" : "masked");
        details.put("members", members.size());
        Audited household = new Audited("READ", "household", householdId.toString(), h.unitPath(), null, details, null);
        if (revealed == null) {
            // read masked: one statement for the household and all its members, one entry each, as the household page
            // writes them (a household of eight printed at the door was nine round trips to the trail)
            List<Audited> read = new ArrayList<>(members.size() + 1);
            read.add(household);
            for (Person p : members) {
                read.add(personEntry(p, "household-register", null, "idNumber,phone"));
            }
            events.publishEvent(Audited.reads(read));
        } else {
            // full numbers revealed with a reason: each reveal is written and committed as every reveal is
            events.publishEvent(household);
            for (Person p : members) {
                auditPerson(p, "household-register", revealed);
            }
        }
        return pdf;
    }

    /** 一人一档: a person's file as PDF; 404 outside the caller's scope. */
    public byte[] personFile(UUID personId, String reason, Caller caller, Locale locale) {
        String revealed = revealReason(reason, caller);
        Person p = persons("WHERE p.id = :param", personId, caller, revealed != null).stream().findFirst()
                .orElseThrow(() -> new NotFound("person", personId));
        Msg m = new Msg(locale);
        String title = m.t("care.pdf.file.title");
        byte[] pdf;
        Map<UUID, String> guardianPhones;
        boolean helperPhonesShown = false;
        try (PdfLayout pdfDoc = new PdfLayout(title + " " + p.name(), caller.displayName())) {
            pdfDoc.title(title, m.t("care.pdf.file.subtitle", p.name(), p.gridCode()));
            pdfDoc.heading(m.t("care.pdf.personal"));
            List<String[]> facts = new ArrayList<>();
            facts.add(new String[] {m.t("population.person.name"), p.name()});
            facts.add(new String[] {m.t("population.person.idNumber"), dash(p.idNumber())});
            facts.add(new String[] {m.t("population.person.sex"), p.sex() == null ? "—" : m.t("population.sex." + p.sex())});
            facts.add(new String[] {m.t("population.person.birthDate"), p.birthDate() == null ? "—" : p.birthDate().toString()});
            facts.add(new String[] {m.t("care.pdf.ethnicity"), dash(Ethnicities.shown(p.ethnicity(), locale))});
            facts.add(new String[] {m.t("population.person.phone"), dash(p.phone())});
            facts.add(new String[] {m.t("population.person.residence"), m.t("population.residence." + p.residence())});
            facts.add(new String[] {m.t("population.person.relation"), p.relation() == null ? "—" : m.t("population.relation." + p.relation())});
            if (p.registeredOn() != null) {
                facts.add(new String[] {m.t("population.person.registeredOn"), p.registeredOn().toString()});
            }
            LocalDate permitFrom = p.residence() == null ? null
                    : Residence.valueOf(p.residence()).residencePermitFrom(p.registeredOn());
            if (permitFrom != null) {
                facts.add(new String[] {m.t("population.person.permitFrom"), permitFrom.toString()});
            }
            if (p.leftOn() != null) {
                facts.add(new String[] {m.t("care.pdf.leftOn"), p.leftOn().toString()});
            }
            facts.add(new String[] {m.t("population.person.grid"), p.gridCode()});
            facts.add(new String[] {m.t("population.person.occupation"), dash(p.occupation())});
            facts.add(new String[] {m.t("population.person.workplace"), dash(p.workplace())});
            facts.add(new String[] {m.t("population.person.address"), dash(p.address())});
            pdfDoc.facts(facts);

            pdfDoc.heading(m.t("population.person.categories"));
            pdfDoc.paragraph(p.categories().isEmpty() ? m.t("care.pdf.noCategories") : categories(m, p.categories()));

            var keyPerson = care.find(personId, caller);
            List<KeyPersons.Visit> visits;
            // the team members who came to each visit, as his page lists them (an informant by his role alone)
            java.util.function.Function<KeyPersons.Visit, List<String>> came = v -> List.of();
            if (keyPerson.isPresent()) {
                KeyPersonCare.Detail d = care.detail(personId, caller, locale);
                visits = d.visits();
                came = d::helperNames;
                pdfDoc.heading(m.t("care.pdf.team", d.currentTeam().size()));
                List<String[]> team = new ArrayList<>();
                // the helpers' phones are numbers the file is asked for in full for too: an informant withheld from
                // the reader has none shown (his masked phone is gone), so none is revealed either
                Map<UUID, String> teamPhones = revealed == null ? Map.of() : teamPhones(personId);
                for (KeyPersons.Member member : d.team()) {
                    String phone = member.phoneMasked() == null ? null : teamPhones.get(member.id());
                    if (phone != null) {
                        helperPhonesShown = true;
                    }
                    team.add(new String[] {member.name(), m.t("care.role." + member.role()), dash(member.relation()),
                        dash(phone != null ? phone : member.phoneMasked()), member.joinedOn().toString(),
                        member.leftOn() == null ? m.t("care.team.current") : member.leftOn() + " " + dash(member.leftReason())});
                }
                if (team.isEmpty()) {
                    pdfDoc.paragraph(m.t("care.team.none"));
                } else {
                    pdfDoc.table(new String[] {m.t("care.member.name"), m.t("care.member.role"), m.t("care.member.relation"),
                        m.t("care.member.phone"), m.t("care.member.joinedOn"), m.t("care.member.leftOn")},
                            new float[] {14, 14, 14, 16, 14, 28}, team);
                }
                VisitRhythm.Status s = d.status();
                List<String[]> rhythm = new ArrayList<>();
                rhythm.add(new String[] {m.t("care.risk"), d.person().risk() == null ? m.t("care.risk.none")
                        : m.t("care.risk." + d.person().risk())});
                rhythm.add(new String[] {m.t("care.rhythm"), s.exemption() != null ? m.t("care.exempt." + s.exemption())
                        : m.period(s.interval())});
                rhythm.add(new String[] {m.t("care.lastVisit"), s.lastVisitOn() == null ? m.t("care.never") : s.lastVisitOn().toString()});
                rhythm.add(new String[] {m.t("care.nextDue"), s.nextDue() == null ? "—"
                        : s.nextDue() + (s.overdue() ? " " + m.t("care.overdueDays", s.daysOverdue()) : "")});
                pdfDoc.facts(rhythm);
                if (!d.riskHistory().isEmpty()) {
                    List<String[]> changes = new ArrayList<>();
                    for (KeyPersons.RiskChange c : d.riskHistory()) {
                        changes.add(new String[] {c.changedAt().atZoneSameInstant(KeyPersons.LOCAL).format(DAY_TIME),
                            (c.from() == null ? "—" : m.t("care.risk." + c.from())) + " → " + m.t("care.risk." + c.to()),
                            c.reason(), dash(c.changedBy())});
                    }
                    pdfDoc.table(new String[] {m.t("care.risk.changedAt"), m.t("care.risk"), m.t("care.risk.reasonLabel"),
                        m.t("care.risk.changedBy")}, new float[] {18, 18, 46, 18}, changes);
                }
            } else {
                visits = care.visitsOf(personId, p.householdId(), locale);
            }

            List<CareAgreements.Agreement> signed = agreements.of(personId);
            // the guardian's phone is the number the file is asked for in full for: shown as the child's own are
            guardianPhones = revealed == null || signed.isEmpty() ? Map.of() : agreements.guardianPhones(personId);
            Map<UUID, List<String>> helperPhones = revealed == null || signed.isEmpty() ? Map.of()
                    : agreements.helperPhones(personId);
            if (!signed.isEmpty()) {
                for (CareAgreements.Agreement a : signed) {
                    pdfDoc.heading(m.t(a.current() ? "care.agreement.current" : "care.agreement.ended",
                            m.t("care.agreement.model." + Math.min(a.helperCount(), 5))));
                    List<String[]> facts2 = new ArrayList<>();
                    facts2.add(new String[] {m.t("care.agreement.signedOn"), a.signedOn().toString()});
                    facts2.add(new String[] {m.t("care.agreement.reviewOn"), a.reviewOn().toString()});
                    facts2.add(new String[] {m.t("care.agreement.guardian"), a.guardianRelation() == null
                            ? a.guardianName() : m.t("text.aside", a.guardianName(), a.guardianRelation())});
                    facts2.add(new String[] {m.t("care.agreement.guardianPhone"),
                        dash(guardianPhones.getOrDefault(a.id(), a.guardianPhoneMasked()))});
                    facts2.add(new String[] {m.t("care.agreement.father"), dash(a.fatherWhereabouts())});
                    facts2.add(new String[] {m.t("care.agreement.mother"), dash(a.motherWhereabouts())});
                    if (a.endedOn() != null) {
                        facts2.add(new String[] {m.t("care.agreement.endedOn"), a.endedOn().toString()});
                    }
                    if (a.endedReason() != null) {
                        facts2.add(new String[] {m.t("care.agreement.endedReason"),
                            m.t("care.agreement.endedReason." + a.endedReason())});
                    }
                    if (a.note() != null) {
                        facts2.add(new String[] {m.t("care.pdf.note"), a.note()});
                    }
                    pdfDoc.facts(facts2);
                    List<String[]> helpers = new ArrayList<>();
                    List<String> full = helperPhones.getOrDefault(a.id(), List.of());
                    for (int i = 0; i < a.helpers().size(); i++) {
                        CareAgreements.Helper helper = a.helpers().get(i);
                        String phone = i < full.size() ? full.get(i) : null;
                        if (phone != null) {
                            helperPhonesShown = true;
                        }
                        helpers.add(new String[] {helper.name(), m.t("care.role." + helper.role()), dash(helper.relation()),
                            dash(phone != null ? phone : helper.phoneMasked())});
                    }
                    pdfDoc.table(new String[] {m.t("care.member.name"), m.t("care.member.role"),
                        m.t("care.member.relation"), m.t("care.member.phone")}, new float[] {25, 25, 25, 25}, helpers);
                    if (!a.reviews().isEmpty()) {
                        List<String[]> reviews = new ArrayList<>();
                        for (CareAgreements.Review r : a.reviews()) {
                            reviews.add(new String[] {r.reviewedOn().toString(), r.findings(),
                                m.t(r.changed() ? "care.review.changedYes" : "care.review.changedNo"),
                                r.nextReviewOn().toString(), dash(r.reviewedByName())});
                        }
                        pdfDoc.table(new String[] {m.t("care.review.reviewedOn"), m.t("care.review.findings"),
                            m.t("care.review.changed"), m.t("care.review.nextReviewOn"), m.t("care.review.reviewedBy")},
                            new float[] {16, 40, 14, 16, 14}, reviews);
                    }
                }
            }

            pdfDoc.heading(m.t("care.pdf.visits"));
            if (visits.isEmpty()) {
                pdfDoc.paragraph(m.t("housing.visits.none"));
            } else {
                List<String[]> rows = new ArrayList<>();
                for (KeyPersons.Visit v : visits) {
                    StringBuilder what = new StringBuilder(v.state() == null ? "" : m.t("care.state." + v.state()) + "\n");
                    what.append(dash(v.findings()));
                    List<String> helpers = came.apply(v);
                    if (!helpers.isEmpty()) {
                        what.append("\n").append(m.t("care.visit.came", String.join(m.t("text.listSeparator"), helpers)));
                    }
                    if (v.contactCard()) {
                        what.append("\n").append(m.t("housing.visits.cardGiven"));
                    }
                    // what was changed at his door, as the household's register lists it (already in the reader's language)
                    for (VisitLog.Change c : v.changes()) {
                        what.append("\n· ").append(dash(c.summary()));
                    }
                    rows.add(new String[] {v.visitedAt().atZoneSameInstant(KeyPersons.LOCAL).format(DAY_TIME),
                        v.visitedByName(), what.toString()});
                }
                pdfDoc.table(new String[] {m.t("care.pdf.visitedAt"), m.t("care.pdf.visitedBy"), m.t("care.pdf.findings")},
                        new float[] {19, 12, 69}, rows);
            }
            pdfDoc.paragraph(revealed != null ? m.t("care.pdf.revealedNote", revealed) : m.t("care.pdf.maskedNote"));
            pdf = pdfDoc.finish(footer(m, title, caller));
        }
        auditPerson(p, "file.pdf", revealed, "idNumber,phone" + (guardianPhones.isEmpty() ? "" : ",guardianPhone")
                + (helperPhonesShown ? ",helperPhone" : ""));
        return pdf;
    }

    /** Of the household's visits recorded as a key person's visit: whose, and how he was found, by visit. */
    private Map<UUID, List<String>> keyPersonVisits(UUID householdId, Msg m) {
        Map<UUID, List<String>> whose = new HashMap<>();
        jdbc.sql("""
                SELECT vp.visit_id, p.name, vp.state FROM visit_person vp JOIN visit v ON v.id = vp.visit_id
                JOIN person p ON p.id = vp.person_id WHERE v.household_id = ? ORDER BY p.name, p.id""")
                .param(householdId)
                .query((java.sql.ResultSet rs) -> {
                    String state = rs.getString("state");
                    whose.computeIfAbsent(rs.getObject("visit_id", UUID.class), k -> new ArrayList<>())
                            .add(m.t("care.pdf.keyPersonVisit", rs.getString("name"),
                                    state == null ? "—" : m.t("care.state." + state)));
                });
        return whose;
    }

    /** The phones in full of a key person's helpers (N帮一), by membership, for his file asked for with full numbers. */
    private Map<UUID, String> teamPhones(UUID personId) {
        Map<UUID, String> phones = new HashMap<>();
        jdbc.sql("SELECT id, phone_cipher FROM helper_membership WHERE person_id = ? AND phone_cipher IS NOT NULL")
                .param(personId)
                .query((java.sql.ResultSet rs) -> {
                    phones.put(rs.getObject(1, UUID.class), cipher.decrypt(rs.getBytes(2)));
                });
        return phones;
    }

    private String footer(Msg m, String title, Caller caller) {
        return m.t("care.pdf.footer", title, caller.displayName(),
                OffsetDateTime.now(clock).atZoneSameInstant(KeyPersons.LOCAL).format(DAY_TIME));
    }

    private static String categories(Msg m, List<String> codes) {
        List<String> names = new ArrayList<>();
        for (String code : codes) {
            String[] parts = code.split(":");
            String name = m.t("population.mark." + parts[0]);
            if (parts.length > 1) {
                name = m.t("text.aside", name, m.t("care.risk." + parts[1]));
            }
            names.add(name);
        }
        return names.isEmpty() ? "—" : String.join(m.t("text.listSeparator"), names);
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    /** Messages in the caller's language. */
    private final class Msg {
        private final Locale locale;

        Msg(Locale locale) {
            this.locale = locale;
        }

        String t(String key, Object... args) {
            return messages.getMessage(key, args, key, locale);
        }

        String period(java.time.Period p) {
            Object[] d = VisitRhythm.describe(p);
            return t((String) d[0], d[1]);
        }
    }
}
