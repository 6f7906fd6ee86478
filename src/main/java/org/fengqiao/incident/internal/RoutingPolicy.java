package org.fengqiao.incident.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.Source;

/**
 * Seed 002's classified handling (分类处置): who of the grid's roster owns a new incident, and why.
 * <ul>
 * <li>help and pure disputes: the grid manager (auxiliary police) goes with the village committee and
 * reports to the grid chief;</li>
 * <li>disputes pushed from 110: the same manager, and the dispute goes to the grid's mediation office
 * (和为贵) to be mediated;</li>
 * <li>cases, events, traffic and disasters: the grid manager arrives first and protects the scene, the
 * grid chief follows (both arrivals are recorded);</li>
 * <li>other departments' matters: the grid coordinator brings the department in (a referral is
 * recorded);</li>
 * <li>complaints: the grid chief (the community officer) answers them himself.</li>
 * </ul>
 * Fallback when the roster has a gap: no manager (or coordinator) → the grid chief; no chief → the
 * station's duty person (its chief, or whoever the station names first, see {@code Owners}).
 */
public final class RoutingPolicy {

    public enum Rule { HELP_OR_DISPUTE, DISPUTE_FROM_110, SCENE, OTHER_DEPARTMENT, COMPLAINT }

    public enum Role { MANAGER, GRID_CHIEF, COORDINATOR, STATION_DUTY }

    public record Person(UUID staffId, String name) {
    }

    /** The single-holder roles of a grid now; null where nobody holds one. */
    public record Roster(Person chief, Person coordinator, Person manager) {
    }

    /**
     * The decision: the rule applied with its reason (a message key), the owner and the role he owns it
     * in, who is kept informed or follows, whether a department must be brought in, whether the dispute
     * goes to mediation, and the fallback taken (a message key, null when the wanted role was filled).
     */
    public record Decision(Rule rule, String reasonKey, Role ownerRole, Person owner, Role wanted, String fallbackKey,
            List<Person> informed, boolean chiefFollows, boolean referral, boolean mediation) {
    }

    public Decision decide(Category category, Source source, Roster roster, Supplier<Person> stationDuty) {
        return switch (category) {
            case HELP -> decision(Rule.HELP_OR_DISPUTE, Role.MANAGER, roster, stationDuty, false, false, false);
            case DISPUTE -> source == Source.CALL_110
                    ? decision(Rule.DISPUTE_FROM_110, Role.MANAGER, roster, stationDuty, false, false, true)
                    : decision(Rule.HELP_OR_DISPUTE, Role.MANAGER, roster, stationDuty, false, false, false);
            case CASE, TRAFFIC, DISASTER -> decision(Rule.SCENE, Role.MANAGER, roster, stationDuty, true, false, false);
            case DEPARTMENT -> decision(Rule.OTHER_DEPARTMENT, Role.COORDINATOR, roster, stationDuty, false, true, false);
            case COMPLAINT -> decision(Rule.COMPLAINT, Role.GRID_CHIEF, roster, stationDuty, false, false, false);
        };
    }

    private static Decision decision(Rule rule, Role wanted, Roster roster, Supplier<Person> stationDuty,
            boolean chiefFollows, boolean referral, boolean mediation) {
        Role role = wanted;
        Person owner = holder(roster, wanted);
        String fallback = null;
        if (owner == null && wanted != Role.GRID_CHIEF) {
            role = Role.GRID_CHIEF;
            owner = roster.chief();
            fallback = "incident.routing.fallback.no" + (wanted == Role.MANAGER ? "Manager" : "Coordinator");
        }
        if (owner == null) {
            role = Role.STATION_DUTY;
            owner = stationDuty.get();
            fallback = wanted == Role.GRID_CHIEF ? "incident.routing.fallback.noChief"
                    : "incident.routing.fallback.noManagerNorChief";
        }
        List<Person> informed = new ArrayList<>();
        // the grid chief hears of everything his grid's manager or coordinator handles
        if (role != Role.GRID_CHIEF && roster.chief() != null && !roster.chief().equals(owner)) {
            informed.add(roster.chief());
        }
        return new Decision(rule, "incident.routing." + rule.name(), role, owner, wanted, fallback, List.copyOf(informed),
                chiefFollows && roster.chief() != null && !roster.chief().equals(owner), referral, mediation);
    }

    private static Person holder(Roster roster, Role role) {
        return switch (role) {
            case MANAGER -> roster.manager();
            case GRID_CHIEF -> roster.chief();
            case COORDINATOR -> roster.coordinator();
            case STATION_DUTY -> null;
        };
    }
}
