package org.fengqiao.forces;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A handler (or the station chief) recorded a contact with an informant: the contact, who made it, on which day,
 * how, and the grid it counts in (the informant's, null when he has none). It names no informant: whoever listens
 * (the duty checklist) need not know him.
 */
public record InformantContacted(UUID contact, UUID contactedBy, LocalDate contactedOn, ContactWay way, UUID grid) {
}
