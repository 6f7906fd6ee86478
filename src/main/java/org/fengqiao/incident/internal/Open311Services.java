package org.fengqiao.incident.internal;

import java.util.List;
import java.util.Optional;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.Subtype;

/**
 * The Open311 services: the incident categories of seed 002 (and the other departments' matters, one
 * service per department) as GeoReport v2 service types, each with the attributes its service definition
 * asks for. Names, descriptions and value names are message keys, answered in the reader's language.
 */
public final class Open311Services {

    public enum Datatype { STRING, NUMBER, DATETIME, TEXT, SINGLEVALUELIST, MULTIVALUELIST;

        public String wire() {
            return name().toLowerCase();
        }
    }

    /** One answer of a list attribute: the key sent, the name shown (a message key). */
    public record Value(String key, String nameKey) {
    }

    /**
     * An attribute of a service definition. {@code variable} false is information for the person reporting
     * (nothing to answer); {@code label} names the answer in the incident's description.
     */
    public record Attribute(String code, boolean variable, Datatype datatype, boolean required, int order,
            List<Value> values) {

        public String descriptionKey() {
            return "open311.attribute." + code;
        }

        public String datatypeDescriptionKey() {
            return "open311.attribute." + code + ".datatype";
        }

        public Optional<Value> value(String key) {
            return values.stream().filter(v -> v.key().equals(key)).findFirst();
        }
    }

    public record Service(String code, Category category, Subtype subtype, String department, String group,
            List<Attribute> attributes) {

        public boolean metadata() {
            return !attributes.isEmpty();
        }

        public String nameKey() {
            return "open311.service." + code;
        }

        public String descriptionKey() {
            return "open311.service." + code + ".description";
        }

        public String keywordsKey() {
            return "open311.service." + code + ".keywords";
        }

        public String groupKey() {
            return "open311.group." + group;
        }

        public String noticeKey() {
            return "open311.notice." + category.name();
        }

        public Optional<Attribute> attribute(String code) {
            return attributes.stream().filter(a -> a.code().equals(code)).findFirst();
        }
    }

    private static final List<Value> YES_NO = List.of(new Value("yes", "open311.value.yes"), new Value("no", "open311.value.no"));
    /**
     * Shown first: GeoReport v2 gives each attribute an order that is "any positive integer not used for other
     * attributes in the same service_code", 1 shown first, so the services that carry it number theirs from 2.
     */
    private static final Attribute EMERGENCY = new Attribute("EMERGENCY_110", false, Datatype.STRING, false, 1, List.of());

    static final List<Service> ALL = List.of(
            new Service("HELP", Category.HELP, null, null, "police", List.of(
                    new Attribute("PEOPLE", true, Datatype.NUMBER, false, 1, List.of()),
                    new Attribute("VULNERABLE", true, Datatype.SINGLEVALUELIST, false, 2, YES_NO))),
            new Service("DISPUTE", Category.DISPUTE, null, null, "police", List.of(
                    new Attribute("DISPUTE_KIND", true, Datatype.SINGLEVALUELIST, true, 1, List.of(
                            new Value("neighbours", "open311.value.neighbours"),
                            new Value("family", "open311.value.family"),
                            new Value("land", "open311.value.land"),
                            new Value("wages", "open311.value.wages"),
                            new Value("other", "open311.value.other"))),
                    new Attribute("PARTIES", true, Datatype.NUMBER, false, 2, List.of()))),
            new Service("PUBLIC_ORDER", Category.CASE, Subtype.PUBLIC_ORDER, null, "police", List.of(
                    EMERGENCY,
                    new Attribute("HAPPENED_AT", true, Datatype.DATETIME, false, 2, List.of()),
                    new Attribute("ONGOING", true, Datatype.SINGLEVALUELIST, true, 3, YES_NO))),
            new Service("CRIME_TIP", Category.CASE, Subtype.CRIMINAL, null, "police", List.of(
                    EMERGENCY,
                    new Attribute("HAPPENED_AT", true, Datatype.DATETIME, false, 2, List.of()))),
            new Service("TRAFFIC", Category.TRAFFIC, null, null, "police", List.of(
                    EMERGENCY,
                    new Attribute("INJURED", true, Datatype.SINGLEVALUELIST, true, 2, YES_NO),
                    new Attribute("VEHICLES", true, Datatype.NUMBER, false, 3, List.of()),
                    new Attribute("PLATE", true, Datatype.STRING, false, 4, List.of()))),
            new Service("DISASTER", Category.DISASTER, null, null, "police", List.of(
                    EMERGENCY,
                    new Attribute("HAZARDS", true, Datatype.MULTIVALUELIST, true, 2, List.of(
                            new Value("fire", "open311.value.fire"),
                            new Value("flood", "open311.value.flood"),
                            new Value("gas", "open311.value.gas"),
                            new Value("collapse", "open311.value.collapse"),
                            new Value("other", "open311.value.other"))))),
            new Service("COMPLAINT", Category.COMPLAINT, null, null, "police", List.of(
                    new Attribute("WISH", true, Datatype.TEXT, false, 1, List.of()))),
            new Service("URBAN", Category.DEPARTMENT, null, "城管", "departments", List.of()),
            new Service("COMPREHENSIVE", Category.DEPARTMENT, null, "综治", "departments", List.of()),
            new Service("MARKET", Category.DEPARTMENT, null, "市场监管", "departments", List.of()));

    private Open311Services() {
    }

    public static List<Service> all() {
        return ALL;
    }

    public static Optional<Service> find(String code) {
        return code == null ? Optional.empty() : ALL.stream().filter(s -> s.code().equals(code.trim())).findFirst();
    }
}
