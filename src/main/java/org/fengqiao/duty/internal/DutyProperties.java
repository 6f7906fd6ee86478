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
 * names another module's record that ticks the item (FORCES_SHIFT: a patrol shift checked out of). How many days back
 * a day done may be recorded: {@code backdate-days}. Checked when the application starts: a rhythm with no item, a
 * code twice, a bad code, an item without period or an unknown source refuses to start, naming what is wrong.
 */
@ConfigurationProperties("fengqiao.duty")
public record DutyProperties(List<Item> items, Integer backdateDays) {

    static final Pattern CODE = Pattern.compile("^[a-z][a-z0-9-]{1,39}$");
    public static final String FORCES_SHIFT = "FORCES_SHIFT";

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
            new Item("floating-rental-check", DutyPeriod.WEEK),
            new Item("dispute-screening", DutyPeriod.WEEK),
            new Item("informant-visit", DutyPeriod.WEEK),
            new Item("law-publicity", DutyPeriod.WEEK),
            new Item("work-report", DutyPeriod.WEEK),
            new Item("safety-inspection", DutyPeriod.MONTH),
            new Item("key-person-talk", DutyPeriod.MONTH),
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
            if (item.tickedBy() != null && !FORCES_SHIFT.equals(item.tickedBy())) {
                throw new IllegalArgumentException(at + ".ticked-by must be " + FORCES_SHIFT + " or absent");
            }
        }
    }

    public java.util.Optional<Item> item(String code) {
        return items.stream().filter(i -> i.code().equals(code)).findFirst();
    }

    public List<Item> of(DutyPeriod period) {
        return items.stream().filter(i -> i.period() == period).toList();
    }
}
