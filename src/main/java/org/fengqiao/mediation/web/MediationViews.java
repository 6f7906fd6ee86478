package org.fengqiao.mediation.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.mediation.internal.Actor;
import org.fengqiao.mediation.internal.Disputes;
import org.fengqiao.mediation.internal.CurrentParties;
import org.fengqiao.mediation.internal.CurrentParties.PartyNow;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.stereotype.Component;

/** A case with everything hanging on it, as the API and the pages show it (phones masked). */
@Component
class MediationViews {

    record Detail(Disputes.Case dispute, List<PartyNow> parties, List<Disputes.Member> team,
            List<Disputes.Session> sessions, List<Disputes.FollowUp> followUps) {
    }

    /**
     * A party as the reader sees him. A person of the population records shows his name and masked identity number
     * and phone from his record, to a reader who may read the records and sees his grid (each such read audited);
     * to anyone else the name he bore when linked, without numbers ({@code fromRecords} false).
     */

    record Period(OffsetDateTime from, OffsetDateTime to) {
    }

    private final Disputes disputes;
    private final CurrentParties parties;
    private final Clock clock;

    MediationViews(Disputes disputes, CurrentParties parties, Clock clock) {
        this.disputes = disputes;
        this.parties = parties;
        this.clock = clock;
    }

    Detail detail(Disputes.Case c, Actor reader) {
        return new Detail(c, parties(c.id(), reader), disputes.team(c.id()), disputes.sessions(c.id()),
                disputes.followUps(c.id()));
    }

    List<PartyNow> parties(UUID caseId, Actor reader) {
        return parties.of(caseId, reader);
    }

    /** The first and last year the ladder counts: the platform's cases end in this century. */
    static final int FIRST_YEAR = 2001;
    static final int LAST_YEAR = 2099;

    /**
     * The period asked for, by default this calendar year (China time); one that ends before it starts is refused
     * rather than answered with nothing.
     */
    Period period(OffsetDateTime from, OffsetDateTime to) {
        LocalDate today = LocalDate.now(clock.withZone(LocalTimes.ZONE));
        OffsetDateTime start = from != null ? from
                : today.withDayOfYear(1).atStartOfDay(LocalTimes.ZONE).toOffsetDateTime();
        OffsetDateTime end = to != null ? to : start.plusYears(1);
        if (!end.isAfter(start)) {
            throw Invalid.of("to", "mediation.ladder.toBeforeFrom");
        }
        return new Period(start, end);
    }

    /** A calendar year (China time), by default this one; a year out of range is refused, not replaced. */
    Period year(Integer year) {
        if (year == null) {
            return period(null, null);
        }
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw Invalid.of("year", "mediation.ladder.yearOutOfRange", String.valueOf(FIRST_YEAR),
                    String.valueOf(LAST_YEAR));
        }
        OffsetDateTime start = LocalDate.of(year, 1, 1).atStartOfDay(LocalTimes.ZONE).toOffsetDateTime();
        return new Period(start, start.plusYears(1));
    }
}
