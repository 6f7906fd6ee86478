package org.fengqiao.duty;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * When each officer took up his duties, as the checklist reckons it (a period that began before that day is not
 * owed): his account's day (China time), or the day of his first duty record when that is earlier (records carried
 * over from paper). Other modules that ask who owed something of a past period (the work log's analyses and
 * summaries) reckon from the same day, so the two pages never disagree on whether a newcomer owed it.
 */
public interface OnDuty {

    /** The day each of these staff took up his duties; one unknown is left out. */
    Map<UUID, LocalDate> since(Collection<UUID> staff);
}
