package org.fengqiao.incident.internal;

import java.util.Map;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.incident.Source;
import org.fengqiao.incident.internal.Incidents.Incident;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Refused;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reporter's full phone, for the person who must call him back: lists and pages show it masked; the full number
 * comes out one incident at a time, for an incident in the caller's scope (else 404, like a missing one), with a
 * stated reason of at least 4 characters, and every reveal is audited with that reason (action REVEAL, as a person's
 * number is in the population records). Endpoints require {@link Permission#INCIDENT_REPORTER_REVEAL}. An informant's
 * phone stays hidden from whoever may not know who gave the clue, as on the page. A mediator or grid coordinator may only
 * on the items of his own line of work ({@link ReporterRevealPolicy}): 403 on others, which he may still read.
 */
@Service
public class ReporterPhones {

    static final int MIN_REASON = 4;

    private final Incidents incidents;
    private final PersonalDataCipher cipher;
    private final ApplicationEventPublisher events;

    private final org.fengqiao.forces.Informants informants;

    ReporterPhones(Incidents incidents, PersonalDataCipher cipher, ApplicationEventPublisher events,
            org.fengqiao.forces.Informants informants) {
        this.informants = informants;
        this.incidents = incidents;
        this.cipher = cipher;
        this.events = events;
    }

    /** The full phone of the incident's reporter; the audit entry is written in the same transaction. */
    @Transactional
    public String reveal(UUID id, String reason, Caller caller) {
        if (reason == null || reason.trim().length() < MIN_REASON) {
            throw Invalid.of("reason", "incident.reveal.reason");
        }
        Incident i = incidents.findVisible(id, Reach.of(caller)).orElseThrow(() -> new NotFound("incident", id));
        String refusal = ReporterRevealPolicy.refusal(i, caller);
        if (refusal != null) {
            throw new Refused(refusal);
        }
        if (informantHidden(i, caller)) {
            // nothing beyond what the page shows: for this reader the clue has no reporter
            throw Invalid.of("reason", "incident.reveal.none");
        }
        byte[] sealed = incidents.reporterPhone(id).orElseThrow(() -> Invalid.of("reason", "incident.reveal.none"));
        events.publishEvent(new Audited("REVEAL", "incident", id.toString(), i.unitPath(), null,
                Map.of("field", "reporterPhone", "trackingCode", i.trackingCode(), "reason", reason.trim()), null));
        return cipher.decrypt(sealed);
    }

    /** Whether the page offers this caller the reveal of this item's reporter. */
    public boolean offered(Incident i, Caller caller) {
        return ReporterRevealPolicy.allows(i, caller);
    }

    /** A clue's giver shows only as {@link org.fengqiao.forces.Informants#clueGiverHiddenFrom} has it. */
    private boolean informantHidden(Incident i, Caller caller) {
        return i.source() == Source.INFORMANT && informants.clueGiverHiddenFrom(caller, i.createdBy());
    }
}
