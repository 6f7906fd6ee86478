package org.fengqiao.duty.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.fengqiao.duty.DutyPeriod;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The rhythm of the duty checklist: its items in order, each with its period, by default seed 000's 十五个一; a bureau
 * adapts it ({@code fengqiao.duty.items[0].code=patrol}, {@code ...period=DAY}). An item's label is the bundle's
 * {@code duty.item.<code>}, or the {@code label} given here for an item the bundles do not know. {@code ticked-by}
 * names the record the officer keeps in another module that ticks the item by itself ({@link #SOURCES}: a patrol
 * shift checked out of, a visit to a key person, a visit to a rental or a floating resident's household, a grid's
 * dispute screening, a fire-safety inspection of an organisation, a contact in person with an informant); he may still record it by hand. How many days back
 * a day done may be recorded: {@code backdate-days}. Checked when the application starts: a rhythm with no item, a
 * code twice, a bad code, an item without period, an unknown source or a source ticking two items refuses to start,
 * naming what is wrong.
 */
@ConfigurationProperties("fengqiao.duty")
public record DutyProperties(List<Item> items, Integer backdateDays) {

    static final Pattern CODE = Pattern.compile("^[a-z][a-z0-9-]{1,39}$");
    /** forces: a patrol shift the officer checked out of (source id: the shift). */
    public static final String FORCES_SHIFT = "FORCES_SHIFT";
    /** population: a visit by the officer that reached a key person (source id: the visit). */
    public static final String KEY_PERSON_VISIT = "KEY_PERSON_VISIT";
    /** population: a visit by the officer to a household in a rental or with a floating resident (the visit). */
    public static final String RENTAL_FLOATING_VISIT = "RENTAL_FLOATING_VISIT";
    /** mediation: a grid's dispute screening by the officer (the screening). */
    public static final String DISPUTE_SCREENING = "DISPUTE_SCREENING";
    /** population: a fire-safety inspection of an organisation the officer recorded (the inspection). */
    public static final String FIRE_INSPECTION = "FIRE_INSPECTION";
    /** forces: an in-person contact of the officer with an informant he handles (the contact). */
    public static final String INFORMANT_CONTACT = "INFORMANT_CONTACT";
    /** What may tick an item; each ticks one item at most, so one record ticks the checklist once. */
    public static final List<String> SOURCES = List.of(FORCES_SHIFT, KEY_PERSON_VISIT, RENTAL_FLOATING_VISIT,
            DISPUTE_SCREENING, FIRE_INSPECTION, INFORMANT_CONTACT);

    public record Item(String code, DutyPeriod period, String label, String tickedBy) {

        public Item(String code, DutyPeriod period) {
            this(code, period, null, null);
        }
    }

    /** Seed 000, line 71: 每日"三个一", 每周"五个一", 每月"四个一", 每季"三个一". */
    public static final List<Item> SEED = List.of(
            new Item("patrol", DutyPeriod.DAY, null, FORCES_SHIFT),
            new Item("info-entry", DutyPeriod.DAY),
            new Item("review-meeting", DutyPeriod.DAY),
            new Item("floating-rental-check", DutyPeriod.WEEK, null, RENTAL_FLOATING_VISIT),
            new Item("dispute-screening", DutyPeriod.WEEK, null, DISPUTE_SCREENING),
            new Item("informant-visit", DutyPeriod.WEEK, null, INFORMANT_CONTACT),
            new Item("law-publicity", DutyPeriod.WEEK),
            new Item("work-report", DutyPeriod.WEEK),
            new Item("safety-inspection", DutyPeriod.MONTH, null, FIRE_INSPECTION),
            new Item("key-person-talk", DutyPeriod.MONTH, null, KEY_PERSON_VISIT),
            new Item("council-meeting", DutyPeriod.MONTH),
            new Item("convenience-service", DutyPeriod.MONTH),
            new Item("deputies-visit", DutyPeriod.QUARTER),
            new Item("duty-report", DutyPeriod.QUARTER),
            new Item("key-person-assessment", DutyPeriod.QUARTER));

    public DutyProperties {
        items = items == null || items.isEmpty() ? SEED : List.copyOf(items);
        backdateDays = backdateDays == null ? 7 : backdateDays;
        if (backdateDays < 0 || backdateDays > 92) {
            throw new IllegalArgumentException("fengqiao.duty.backdate-days must be 0..92, not " + backdateDays);
        }
        Set<String> seen = new HashSet<>();
        Set<String> sources = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String at = "fengqiao.duty.items[" + i + "]";
            if (item == null || item.code() == null || !CODE.matcher(item.code()).matches()) {
                throw new IllegalArgumentException(at + ".code must match " + CODE.pattern());
            }
            if (!seen.add(item.code())) {
                throw new IllegalArgumentException(at + ".code " + item.code() + " is there twice");
            }
            if (item.period() == null) {
                throw new IllegalArgumentException(at + ".period is missing (DAY, WEEK, MONTH or QUARTER)");
            }
            if (item.tickedBy() != null && !SOURCES.contains(item.tickedBy())) {
                throw new IllegalArgumentException(at + ".ticked-by must be one of " + String.join(", ", SOURCES)
                        + " or absent");
            }
            if (item.tickedBy() != null && !sources.add(item.tickedBy())) {
                throw new IllegalArgumentException(at + ".ticked-by " + item.tickedBy() + " ticks another item already");
            }
        }
    }

    public java.util.Optional<Item> item(String code) {
        return items.stream().filter(i -> i.code().equals(code)).findFirst();
    }

    /** The item the source ticks, if the rhythm has one. */
    public java.util.Optional<Item> tickedBy(String source) {
        return items.stream().filter(i -> source.equals(i.tickedBy())).findFirst();
    }

    public List<Item> of(DutyPeriod period) {
        return items.stream().filter(i -> i.period() == period).toList();
    }
}
