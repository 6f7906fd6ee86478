package org.fengqiao.incident.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.fengqiao.jurisdiction.UnitKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Incident settings. {@code escalation.levels.<unit kind>.answer} is the time the owning unit has to take
 * up (acknowledge) an item, and after it is resolved to answer the reporter; {@code resolve} the time to
 * resolve it once taken up; both count from the moment the unit became the owner. {@code response} holds
 * the quick-response targets of seed 003 (1-3-5: acknowledge in 1 minute, dispatch in 3, arrive in 5), and the
 * target to resolve (default 4 hours, the workstation's resolve time).
 */
@ConfigurationProperties("fengqiao.incident")
public record IncidentProperties(@DefaultValue Escalation escalation, @DefaultValue Response response,
        @DefaultValue GroupCommit groupCommit) {

    /**
     * Filings that arrive together are written together (group commit, {@code IncidentDesk}): by {@code writers}
     * threads, up to {@code maxBatch} in one transaction. 0 writers files each report in a transaction of its own.
     */
    public record GroupCommit(@DefaultValue("2") int writers, @DefaultValue("32") int maxBatch) {
    }

    public record Level(Duration answer, Duration resolve) {
    }

    public record Escalation(@DefaultValue("0 * * * * *") String sweepCron, Map<UnitKind, Level> levels) {

        static final Map<UnitKind, Level> DEFAULTS = new EnumMap<>(Map.of(
                UnitKind.WORK_POINT, new Level(Duration.ofMinutes(10), Duration.ofHours(4)),
                UnitKind.WORKSTATION, new Level(Duration.ofMinutes(10), Duration.ofHours(4)),
                UnitKind.CENTRAL_OFFICE, new Level(Duration.ofMinutes(30), Duration.ofHours(24)),
                UnitKind.STATION, new Level(Duration.ofHours(2), Duration.ofHours(72)),
                UnitKind.BUREAU, new Level(Duration.ofHours(4), Duration.ofDays(7))));

        /** The times of a level: configured, else the defaults above. */
        public Level level(UnitKind kind) {
            Level configured = levels == null ? null : levels.get(kind);
            Level fallback = DEFAULTS.get(kind);
            if (configured == null) {
                return fallback;
            }
            return new Level(configured.answer() != null ? configured.answer() : fallback.answer(),
                    configured.resolve() != null ? configured.resolve() : fallback.resolve());
        }
    }

    public record Response(@DefaultValue("PT1M") Duration acknowledge, @DefaultValue("PT3M") Duration dispatch,
            @DefaultValue("PT5M") Duration arrive, @DefaultValue("PT4H") Duration resolve) {
    }
}
