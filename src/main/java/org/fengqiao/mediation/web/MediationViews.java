package org.fengqiao.mediation.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.fengqiao.mediation.internal.Disputes;
import org.springframework.stereotype.Component;

/** A case with everything hanging on it, as the API and the pages show it (phones masked). */
@Component
class MediationViews {

    record Detail(Disputes.Case dispute, List<Disputes.Party> parties, List<Disputes.Member> team,
            List<Disputes.Session> sessions, List<Disputes.FollowUp> followUps) {
    }

    record Period(OffsetDateTime from, OffsetDateTime to) {
    }

    private final Disputes disputes;
    private final Clock clock;

    MediationViews(Disputes disputes, Clock clock) {
        this.disputes = disputes;
        this.clock = clock;
    }

    Detail detail(Disputes.Case c) {
        return new Detail(c, disputes.parties(c.id()), disputes.team(c.id()), disputes.sessions(c.id()),
                disputes.followUps(c.id()));
    }

    /** The period asked for, by default this calendar year (China time). */
    Period period(OffsetDateTime from, OffsetDateTime to) {
        LocalDate today = LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai")));
        OffsetDateTime start = from != null ? from
                : today.withDayOfYear(1).atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toOffsetDateTime();
        OffsetDateTime end = to != null ? to : start.plusYears(1);
        return new Period(start, end);
    }
}
