package org.fengqiao.audit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.audit.UnitNames;
import org.fengqiao.platform.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Reads an entry's stored before and after as the fields it changed, in the reader's words, so the auditor can tell
 * what changed without reading JSON: role codes by the role names the account pages use, units by their names (within
 * the reader's scope; a unit he may not see, or one gone, stays as its id), ids written as {@code {"value": …}} as the
 * plain id. Nothing is unmasked: a value is shown as the trail stores it. The stored JSON stays the record; this is a
 * reading of it, and an entry that is no pair of JSON objects has no changes.
 */
@Component
public class AuditChanges {

    /**
     * How the trail's pages show a time: to the second, in Beijing time. A time stored inside an entry's before or
     * after (an account's lock, a check-in) was written as Java wrote it, mostly in UTC with a Z, and read so beside
     * the page's own times it was eight hours off.
     */
    public static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(TimeBound.BEIJING);

    /** A stored word with a count after it ("password 3"). */
    private static final java.util.regex.Pattern COUNTED = java.util.regex.Pattern.compile("([a-z]+) ([0-9]{1,6})");

    /** The fields that hold a unit's id. */
    private static final Set<String> UNIT_FIELDS = Set.of("unitId", "unit", "parentId", "parentUnitId");

    private final ObjectMapper json;
    private final MessageSource messages;
    private final ObjectProvider<UnitNames> unitNames;

    AuditChanges(ObjectMapper json, MessageSource messages, ObjectProvider<UnitNames> unitNames) {
        this.json = json;
        this.messages = messages;
        this.unitNames = unitNames;
    }

    /** A reading of one page: units already named are not looked up again. */
    public Reading reading(Caller reader, Locale locale) {
        return new Reading(reader, locale);
    }

    public final class Reading {

        private final Caller reader;
        private final Locale locale;
        private final Map<UUID, Optional<String>> units = new java.util.HashMap<>();

        private Reading(Caller reader, Locale locale) {
            this.reader = reader;
            this.locale = locale;
        }

        public List<AuditChange> of(AuditEntry e) {
            JsonNode before = parse(e.before());
            JsonNode after = parse(e.after());
            if ((before != null && !before.isObject()) || (after != null && !after.isObject())
                    || (before == null && after == null)) {
                return List.of();
            }
            Set<String> fields = new LinkedHashSet<>();
            if (before != null) {
                before.fieldNames().forEachRemaining(fields::add);
            }
            if (after != null) {
                after.fieldNames().forEachRemaining(fields::add);
            }
            List<AuditChange> changes = new ArrayList<>();
            for (String field : fields) {
                JsonNode old = plain(before == null ? null : before.get(field));
                JsonNode now = plain(after == null ? null : after.get(field));
                if (Objects.equals(old, now)) {
                    continue;
                }
                changes.add(new AuditChange(field, messages.getMessage("audit.field." + field, null, field, locale),
                        shown(field, old), shown(field, now)));
            }
            return changes;
        }

        private String shown(String field, JsonNode value) {
            if (value == null) {
                return null;
            }
            if (value.isBoolean()) {
                return messages.getMessage("audit.value." + value.booleanValue(), null, value.asText(), locale);
            }
            if (!value.isValueNode()) {
                return value.toString();
            }
            String text = value.asText();
            if ("role".equals(field)) {
                return messages.getMessage("role." + text, null, text, locale);
            }
            if (UNIT_FIELDS.contains(field)) {
                return unit(text).orElse(text);
            }
            String word = word(field, text);
            return word != null ? word : time(text);
        }

        /**
         * A value the trail writes as a word of its own, in the reader's words: a sign-in's outcome ("ok", "locked",
         * "password 3" for the third wrong password in a row), a password "old" → "reset" or "changed". Null for any
         * other value, which reads as stored.
         */
        private String word(String field, String text) {
            String word = messages.getMessage("audit.value." + field + "." + text, null, null, locale);
            if (word != null) {
                return word;
            }
            java.util.regex.Matcher counted = COUNTED.matcher(text);
            return counted.matches() ? messages.getMessage("audit.value." + field + "." + counted.group(1),
                    new Object[] {Integer.parseInt(counted.group(2))}, null, locale) : null;
        }

        private Optional<String> unit(String id) {
            UUID uuid;
            try {
                uuid = UUID.fromString(id);
            } catch (IllegalArgumentException notAnId) {
                return Optional.empty();
            }
            UnitNames names = unitNames.getIfAvailable();
            if (names == null) {
                return Optional.empty();
            }
            return units.computeIfAbsent(uuid, u -> names.name(u, reader));
        }
    }

    /** A stored time with its offset (2026-12-06T11:46:09Z) as the page shows times; any other text as it is. */
    static String time(String text) {
        if (text.length() < 20 || text.charAt(10) != 'T') {
            return text;
        }
        try {
            return SHOWN.format(OffsetDateTime.parse(text));
        } catch (DateTimeParseException notATime) {
            return text;
        }
    }

    private JsonNode parse(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            JsonNode node = json.readTree(stored);
            return node == null || node.isNull() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * A value as it reads: null for JSON null (and for the text "null" entries of unlocks wrote), and an id record written as {@code {"value": …}} (as entries were
     * before their ids were written plainly) as its value, wherever it sits.
     */
    static JsonNode plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual() && "null".equals(node.textValue())) {
            // an account's unlock wrote its absent lock as String.valueOf(null): no value, not the word "null"
            return null;
        }
        if (node.isObject() && node.size() == 1 && node.has("value") && node.get("value").isValueNode()) {
            return node.get("value");
        }
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = node.deepCopy();
            node.fields().forEachRemaining(f -> {
                JsonNode v = plain(f.getValue());
                copy.set(f.getKey(), v == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : v);
            });
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = node.deepCopy();
            copy.removeAll();
            node.forEach(v -> {
                JsonNode p = plain(v);
                copy.add(p == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : p);
            });
            return copy;
        }
        return node;
    }
}
