package org.fengqiao.mediation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.mediation.internal.Actor;
import org.fengqiao.mediation.internal.Disputes;
import org.fengqiao.mediation.internal.MediationDesk;
import org.fengqiao.mediation.internal.Screenings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the demo district may do with disputes: open cases, name teams, record sessions, screenings, flag risks and
 * end cases, through the same checks as any person (as the application itself, whose scope is everything).
 */
@Service
public class MediationLoader {

    private final MediationDesk desk;
    private final Screenings screenings;
    private final JdbcClient jdbc;
    private final Disputes disputes;

    MediationLoader(MediationDesk desk, Screenings screenings, JdbcClient jdbc, Disputes disputes) {
        this.desk = desk;
        this.screenings = screenings;
        this.jdbc = jdbc;
        this.disputes = disputes;
    }

    /** Whether any case was opened other than from a 110 push (those come in with the demo incidents). */
    public boolean anyBesides110() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM dispute_case WHERE origin <> 'CALL_110')").query(Boolean.class)
                .single();
    }

    /** Opens a case; {@code parties} are name and phone (phone may be null). */
    @Transactional
    public UUID open(DisputeOrigin origin, DisputeKind kind, UUID grid, String summary, String address,
            List<String[]> parties, Map<UUID, TeamRole> team, String by) {
        List<MediationDesk.PartyForm> p = new ArrayList<>();
        for (String[] party : parties) {
            p.add(new MediationDesk.PartyForm(party[0], party.length > 1 ? party[1] : null));
        }
        List<MediationDesk.MemberForm> t = team.entrySet().stream()
                .map(e -> new MediationDesk.MemberForm(e.getKey(), e.getValue())).toList();
        return desk.open(new MediationDesk.NewCase(origin, kind, grid, summary, address, p, t), Actor.system(by)).id();
    }

    /** Adds persons of the population records (by id) as parties of a case. */
    @Transactional
    public void addPersons(UUID id, List<UUID> persons, String by) {
        desk.addParties(id, persons.stream().map(p -> new MediationDesk.PartyForm(null, null, p)).toList(),
                Actor.system(by));
    }

    @Transactional
    public void session(UUID id, LocalDate on, String place, String attendees, String said, String nextStep, String by) {
        desk.addSession(id, new MediationDesk.SessionForm(on, place, attendees, said, nextStep), Actor.system(by));
    }

    @Transactional
    public void flagRisk(UUID id, String note, String by) {
        desk.flagRisk(id, note, Actor.system(by));
    }

    @Transactional
    public void agree(UUID id, SettledLevel level, String text, boolean officerWitness, List<LocalDate> followUps,
            String by) {
        desk.end(id, new MediationDesk.EndForm(MediationDesk.Outcome.AGREEMENT, level, text, officerWitness, null, null,
                null, followUps, true), Actor.system(by));
    }

    @Transactional
    public void fail(UUID id, String note, List<LocalDate> followUps, String by) {
        desk.end(id, new MediationDesk.EndForm(MediationDesk.Outcome.FAILURE, null, null, false, null, null, note,
                followUps, null), Actor.system(by));
    }

    /** Refers the case out: {@code to} is MEDIATION_COMMITTEE, COURT or DEPARTMENT. */
    @Transactional
    public void refer(UUID id, String to, String body, String note, List<LocalDate> followUps, String by) {
        desk.end(id, new MediationDesk.EndForm(MediationDesk.Outcome.REFERRAL, null, null, false,
                org.fengqiao.mediation.internal.Disputes.Referral.valueOf(to), body, note, followUps, null),
                Actor.system(by));
    }

    /** A weekly screening of a grid; each found dispute (kind, summary) opens a case. Returns how many were opened. */
    @Transactional
    public int screening(UUID grid, LocalDate on, String participants, String findings, Map<DisputeKind, String> found,
            String by) {
        List<Screenings.Found> f = found.entrySet().stream()
                .map(e -> new Screenings.Found(e.getKey(), e.getValue(), null, List.of())).toList();
        return screenings.record(new Screenings.Form(grid, on, participants, findings, f), Actor.system(by))
                .disputesFound();
    }

    /**
     * Sets a case's opening back (the demo's old disputes, waiting for someone to take them up); a case of a 110 dispute
     * filed in the same transaction is written first, or the update would find no row.
     */
    @Transactional
    public void backdate(UUID id, java.time.Instant opened) {
        disputes.writeGathered();
        jdbc.sql("UPDATE dispute_case SET opened_at = ? WHERE id = ?")
                .param(java.time.OffsetDateTime.ofInstant(opened, java.time.ZoneOffset.UTC)).param(id).update();
    }
}
