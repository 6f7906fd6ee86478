package org.fengqiao.forces;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.audit.SystemActor;
import org.fengqiao.forces.internal.Companies;
import org.fengqiao.forces.internal.Members;
import org.fengqiao.forces.internal.Posts;
import org.fengqiao.forces.internal.Teams;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Writes the forces' rosters without a signed-in caller, for the demo district: teams, memberships, profiles,
 * trainings, security companies, posts and shifts. Whoever calls it has already chosen places that exist;
 * nothing here checks a scope.
 */
@Service
public class ForcesLoader {

    private final Teams teams;
    private final Members members;
    private final Companies companies;
    private final Posts posts;
    private final PersonalDataCipher cipher;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    ForcesLoader(Teams teams, Members members, Companies companies, Posts posts, PersonalDataCipher cipher,
            JdbcClient jdbc, ApplicationEventPublisher events) {
        this.teams = teams;
        this.members = members;
        this.companies = companies;
        this.posts = posts;
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Whether any team exists yet (the demo loads only into an empty roster). */
    public boolean anyTeams() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM force_team)").query(Boolean.class).single();
    }

    public UUID team(UUID unitId, UUID gridId, TeamKind kind, String name, String note) {
        UUID id = UUID.randomUUID();
        teams.insert(id, unitId, gridId, kind, name, note);
        events.publishEvent(Audited.created("force_team", id, pathOfUnit(unitId),
                Map.of("kind", kind, "name", name)).by(SystemActor.DEMO));
        return id;
    }

    public void join(UUID teamId, UUID staffId, boolean leader, LocalDate on) {
        teams.join(UUID.randomUUID(), teamId, staffId, leader, on);
    }

    public void profile(UUID staffId, UUID gridId, UUID zoneId, String phone, List<String> skills, String availability,
            UUID handlerId, UUID companyId, String licenceNumber) {
        members.upsert(staffId, gridId, zoneId, phone == null ? null : cipher.encrypt(phone),
                phone == null ? null : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4), true,
                skills, availability, MemberStatus.ACTIVE, handlerId, companyId, licenceNumber);
    }

    public void training(UUID staffId, LocalDate heldOn, String topic, BigDecimal hours) {
        members.addTraining(UUID.randomUUID(), staffId, heldOn, topic, hours);
    }

    public UUID company(UUID unitId, String name, String licenceNumber, LocalDate validUntil, String contactName,
            String contactPhone, String address, List<UUID> zones) {
        UUID id = UUID.randomUUID();
        companies.insert(id, unitId, name, licenceNumber, validUntil, contactName, cipher.encrypt(contactPhone),
                contactPhone.substring(0, 3) + "****" + contactPhone.substring(contactPhone.length() - 4), address, zones);
        events.publishEvent(Audited.created("security_company", id, pathOfUnit(unitId),
                Map.of("name", name, "licenceNumber", licenceNumber)).by(SystemActor.DEMO));
        return id;
    }

    public UUID post(UUID gridId, String name, String place, Double lon, Double lat) {
        UUID id = UUID.randomUUID();
        posts.insert(id, gridId, name, place, lon, lat);
        return id;
    }

    /** A shift, checked in and out already when those times are given (a past shift). */
    public UUID shift(UUID postId, UUID staffId, OffsetDateTime startsAt, OffsetDateTime endsAt,
            OffsetDateTime checkedInAt, OffsetDateTime checkedOutAt) {
        UUID id = UUID.randomUUID();
        posts.insertShift(id, postId, staffId, startsAt, endsAt, null);
        if (checkedInAt != null) {
            posts.checkIn(id, checkedInAt);
        }
        if (checkedOutAt != null) {
            posts.checkOut(id, checkedOutAt);
        }
        return id;
    }

    private String pathOfUnit(UUID unitId) {
        return jdbc.sql("SELECT path FROM unit WHERE id = ?").param(unitId).query(String.class).single();
    }
}
