package org.fengqiao.incident.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fengqiao.incident.NewIncident;
import org.fengqiao.incident.Source;
import org.fengqiao.incident.internal.Open311Services.Attribute;
import org.fengqiao.incident.internal.Open311Services.Datatype;
import org.fengqiao.incident.internal.Open311Services.Service;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.crypto.PersonalDataCipher;

import org.springframework.transaction.annotation.Transactional;

/**
 * Files an Open311 GeoReport v2 request (POST requests) as an incident of source OPEN311, through
 * {@link IncidentDesk#file} like any other report: located to its grid (by lat/long, or by the standard
 * address it names with address_id or address_string), routed, timed, audited; its service_request_id is
 * the incident's id. The tracking code, the only key to the resident's tracking page, goes to the client that
 * filed it alone (its service_notice): GET requests is public and must not hand it out. The request is checked
 * against its service definition first, and filed in one transaction with what Open311 carries beyond the incident.
 */
@org.springframework.stereotype.Service
public class Open311Desk {

    /** What an Open311 client posted, as strings (the form's own words). */
    public record Submission(String serviceCode, String jurisdictionId, String lat, String lon, String addressString,
            String addressId, String email, String deviceId, String accountId, String firstName, String lastName,
            String phone, String description, String mediaUrl, Map<String, List<String>> attributes) {
    }

    /** {@code routingFallback}: why the report went to another than its category's owner (a message key), or null. */
    public record Filed(String serviceRequestId, String trackingCode, String token, Service service, String accountId,
            String routingFallback) {
    }

    /** The largest count an attribute takes: more people or vehicles than any report of one place could name. */
    private static final BigDecimal MAX_COUNT = BigDecimal.valueOf(100_000);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final char[] TOKEN = "23456789abcdefghjkmnpqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IncidentDesk desk;
    private final Open311Requests requests;
    private final PersonalDataCipher cipher;
    private final StandardAddresses addresses;
    /**
     * The application's mapper: it writes the answers (strings, numbers, lists of keys; times already as text, none
     * null) exactly as a mapper of its own did, its date and null settings having nothing here to apply to.
     */
    private final ObjectMapper json;

    Open311Desk(IncidentDesk desk, Open311Requests requests, PersonalDataCipher cipher,
            StandardAddresses addresses, ObjectMapper json) {
        this.desk = desk;
        this.json = json;
        this.addresses = addresses;
        this.requests = requests;
        this.cipher = cipher;
    }

    @Transactional
    public Filed file(Submission s, ApiKeys.KeyHolder key) {
        List<Invalid.Problem> problems = new ArrayList<>();
        Optional<Service> found = Open311Services.find(s.serviceCode());
        if (blank(s.serviceCode())) {
            problems.add(problem("service_code", "open311.error.required"));
        } else if (found.isEmpty()) {
            problems.add(problem("service_code", "open311.error.serviceCode.unknown"));
        }
        Map<String, Object> answers = found.map(service -> answers(service, s.attributes(), problems)).orElse(Map.of());
        Double lat = number(s.lat(), "lat", problems);
        Double lon = number(s.lon(), "long", problems);
        StandardAddresses.Address address = null;
        UUID addressId = null;
        if ((lat == null) != (lon == null) && problems.stream().noneMatch(p -> p.field().equals("lat") || p.field().equals("long"))) {
            problems.add(problem(lat == null ? "lat" : "long", "open311.error.latLong.incomplete"));
        } else if (lat == null && lon == null && !blank(s.addressId())) {
            try {
                addressId = UUID.fromString(s.addressId().trim());
                address = addresses.byId(addressId, List.of(key.unitPath())).orElse(null);
            } catch (IllegalArgumentException e) {
                address = null;
            }
            if (address == null) {
                problems.add(problem("address_id", "open311.error.address.unknown"));
            }
        } else if (lat == null && lon == null && !blank(s.addressString())) {
            // as for any report placed by its address: words matched as well in several grids are refused, not
            // placed in the grid of whichever address came first
            Optional<StandardAddresses.Match> named = addresses.matching(s.addressString(), List.of(key.unitPath()));
            if (named.isEmpty()) {
                problems.add(problem("address_string", "open311.error.address.notFound"));
            } else if (!named.get().tellsGridApart()) {
                problems.add(new Invalid.Problem("address_string", "open311.error.address.severalGrids",
                        new Object[] {named.get().grids()}));
            } else {
                address = named.get().address();
            }
        } else if (lat == null && lon == null) {
            problems.add(problem("lat", "open311.error.location.required"));
        }
        String email = trimmed(s.email());
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            problems.add(problem("email", "open311.error.email.invalid"));
        }
        String mediaUrl = trimmed(s.mediaUrl());
        if (mediaUrl != null && !httpUrl(mediaUrl)) {
            problems.add(problem("media_url", "open311.error.mediaUrl.invalid"));
        }
        tooLong("device_id", s.deviceId(), 200, problems);
        tooLong("account_id", s.accountId(), 200, problems);
        tooLong("first_name", s.firstName(), 50, problems);
        tooLong("last_name", s.lastName(), 50, problems);
        // the names are kept joined (a space between Latin ones): two of 50 would pass the reporter's limit by one
        if (problems.stream().noneMatch(p -> p.field().endsWith("_name"))
                && name(trimmed(s.firstName()), trimmed(s.lastName())).length() > IncidentDesk.REPORTER_NAME_MAX) {
            problems.add(problem("last_name", "open311.error.tooLong"));
        }
        tooLong("address_string", s.addressString(), 500, problems);
        tooLong("description", s.description(), 4000, problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }

        Service service = found.get();
        String name = name(trimmed(s.firstName()), trimmed(s.lastName()));
        String addressText = trimmed(s.addressString()) != null ? trimmed(s.addressString())
                : address != null ? address.fullText() : null;
        OffsetDateTime happened = answers.get("HAPPENED_AT") instanceof OffsetDateTime t ? t : null;
        NewIncident incident = new NewIncident(Source.OPEN311, service.category(), service.subtype(), service.department(),
                description(trimmed(s.description())), happened,
                lon != null ? lon : address == null ? null : address.lon(),
                lat != null ? lat : address == null ? null : address.lat(), addressText,
                address == null ? null : address.gridId(), name.isEmpty() ? null : name, trimmed(s.phone()), null, null);
        Submitter who = new Submitter("open311:" + key.keyId(), null, key.name(), List.of(key.unitPath()));
        IncidentDesk.Filed filed = desk.file(incident, who);
        String token = token();
        requests.insert(filed.incident().id(), token, service.code(), trimmed(s.jurisdictionId()), json(answers),
                email == null ? null : cipher.encrypt(email), trimmed(s.deviceId()), trimmed(s.accountId()), mediaUrl,
                address == null ? null : addressId(address, addressId), key.keyId(), trimmed(s.description()));
        return new Filed(filed.incident().id().toString(), filed.incident().trackingCode(), token, service,
                trimmed(s.accountId()), filed.incident().routingFallback());
    }

    /** A Chinese name is family name first, run together (张小明); any other, given name first. */
    static String name(String first, String last) {
        if (first == null || last == null) {
            return first != null ? first : last != null ? last : "";
        }
        boolean chinese = (first + last).codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        return chinese ? last + first : first + " " + last;
    }

    private static UUID addressId(StandardAddresses.Address a, UUID given) {
        return given != null ? given : a.id();
    }

    /** The attributes' answers checked against the service definition: required ones, types and list keys. */
    private Map<String, Object> answers(Service service, Map<String, List<String>> sent, List<Invalid.Problem> problems) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Attribute a : service.attributes()) {
            if (!a.variable()) {
                continue;
            }
            List<String> values = sent.getOrDefault(a.code(), List.of()).stream().map(String::trim)
                    .filter(v -> !v.isEmpty()).toList();
            String field = "attribute[" + a.code() + "]";
            if (values.isEmpty()) {
                if (a.required()) {
                    problems.add(problem(field, "open311.error.attribute.required"));
                }
                continue;
            }
            if (a.datatype() != Datatype.MULTIVALUELIST && values.size() > 1) {
                problems.add(problem(field, "open311.error.attribute.single"));
                continue;
            }
            String v = values.get(0);
            switch (a.datatype()) {
                case STRING -> {
                    if (v.length() > 200) {
                        problems.add(problem(field, "open311.error.tooLong"));
                    } else {
                        answers.put(a.code(), v);
                    }
                }
                case TEXT -> {
                    if (v.length() > 2000) {
                        problems.add(problem(field, "open311.error.tooLong"));
                    } else {
                        answers.put(a.code(), v);
                    }
                }
                case NUMBER -> {
                    // every number the services ask is a count (people, parties, vehicles), defined as a whole number
                    // (整数): 1.5 people or -2 vehicles would reach the staff as the reporter's answer
                    if (!v.matches("[0-9]{1,9}")) {
                        problems.add(problem(field, number(v) ? "open311.error.attribute.wholeNumber"
                                : "open311.error.attribute.number"));
                    } else if (new BigDecimal(v).compareTo(MAX_COUNT) > 0) {
                        problems.add(problem(field, "open311.error.attribute.wholeNumber"));
                    } else {
                        answers.put(a.code(), new BigDecimal(v));
                    }
                }
                case DATETIME -> {
                    // without its zone it is China time, as the 110 push's time and this API's own dates are read
                    Optional<OffsetDateTime> t = IsoTimes.parse(v);
                    if (t.isPresent()) {
                        answers.put(a.code(), t.get());
                    } else {
                        problems.add(problem(field, "open311.error.attribute.datetime"));
                    }
                }
                case SINGLEVALUELIST -> {
                    if (a.value(v).isEmpty()) {
                        problems.add(problem(field, "open311.error.attribute.value"));
                    } else {
                        answers.put(a.code(), v);
                    }
                }
                case MULTIVALUELIST -> {
                    List<String> keys = values.stream().flatMap(x -> java.util.Arrays.stream(x.split(","))).map(String::trim)
                            .filter(x -> !x.isEmpty()).distinct().toList();
                    if (keys.stream().anyMatch(k -> a.value(k).isEmpty())) {
                        problems.add(problem(field, "open311.error.attribute.value"));
                    } else {
                        answers.put(a.code(), keys);
                    }
                }
            }
        }
        // an answer to an attribute the service does not ask would be lost without a word: a misspelt code or another
        // service's attribute is the client's mistake, so it is told which, and what the service asks
        List<String> asked = service.attributes().stream().filter(Attribute::variable).map(Attribute::code).toList();
        sent.forEach((code, values) -> {
            if (!asked.contains(code) && values.stream().anyMatch(v -> v != null && !v.isBlank())) {
                problems.add(asked.isEmpty()
                        ? problem("attribute[" + code + "]", "open311.error.attribute.noneAsked")
                        : new Invalid.Problem("attribute[" + code + "]", "open311.error.attribute.unknown",
                                new Object[] {String.join(", ", asked)}));
            }
        });
        return answers;
    }

    /**
     * The incident's description: the reporter's own words, or none (empty) when he wrote none, which GeoReport v2
     * allows: words the platform made up (the service's name, as before) would read on his report as if he had written
     * them, and in one language. The pages show the category where there are no words. The attributes' answers are not
     * written into it either: they are kept as answered (open311_request.attributes) and shown to each reader in his
     * language (IncidentViews).
     */
    private static String description(String description) {
        return description != null ? description : "";
    }

    private static boolean number(String text) {
        try {
            new BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Double number(String raw, String field, List<Invalid.Problem> problems) {
        if (blank(raw)) {
            return null;
        }
        try {
            double d = Double.parseDouble(raw.trim());
            double limit = field.equals("lat") ? 90 : 180;
            if (Double.isNaN(d) || d < -limit || d > limit) {
                problems.add(problem(field, "open311.error.latLong.range"));
                return null;
            }
            return d;
        } catch (NumberFormatException e) {
            problems.add(problem(field, "open311.error.latLong.number"));
            return null;
        }
    }

    private static boolean httpUrl(String url) {
        if (url.length() > 2000) {
            return false;
        }
        try {
            URI uri = URI.create(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void tooLong(String field, String value, int max, List<Invalid.Problem> problems) {
        if (value != null && value.trim().length() > max) {
            problems.add(problem(field, "open311.error.tooLong"));
        }
    }

    private String json(Map<String, Object> answers) {
        Map<String, Object> plain = new LinkedHashMap<>();
        answers.forEach((k, v) -> plain.put(k, v instanceof OffsetDateTime t ? t.toString() : v));
        try {
            return json.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token() {
        StringBuilder t = new StringBuilder();
        for (int k = 0; k < 16; k++) {
            t.append(TOKEN[RANDOM.nextInt(TOKEN.length)]);
        }
        return t.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trimmed(String s) {
        return blank(s) ? null : s.trim();
    }

    private static Invalid.Problem problem(String field, String key) {
        return new Invalid.Problem(field, key, new Object[0]);
    }
}
