package org.fengqiao.incident.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.incident.internal.ApiKeys;
import org.fengqiao.incident.internal.Open311Desk;
import org.fengqiao.incident.internal.Open311Requests;
import org.fengqiao.incident.internal.Open311Requests.PublicRequest;
import org.fengqiao.incident.internal.Open311Services;
import org.fengqiao.incident.internal.Open311Services.Attribute;
import org.fengqiao.incident.internal.Open311Services.Service;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.platform.Texts;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) at {@code /open311/v2}: discovery, the services and
 * their definitions, POST a request (with an OPEN311 API key), GET requests with the standard's filters, one
 * request, and tokens. Every resource in XML ({@code .xml}, the standard's required format) and JSON
 * ({@code .json}); errors as {@code <errors><error><code/><description/></error></errors>} with the HTTP
 * status 400, 403 or 404 in the code. Texts follow Accept-Language (Chinese by default, English), or the CitySDK
 * extension's {@code locale} parameter ({@link Open311Language}).
 */
@RestController
@Tag(name = "Open311 GeoReport v2", description = "The Open311 standard for service requests, at /open311/v2")
class Open311Controller {

    static final String SPEC = "http://wiki.open311.org/GeoReport_v2";
    static final String CHANGESET = "2026-11-30T00:00:00+08:00";
    static final int MAX_REQUESTS = 1000;
    static final Duration DEFAULT_PERIOD = Duration.ofDays(90);
    private static final ZoneId ZONE = LocalTimes.ZONE;
    private static final DateTimeFormatter W3C = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\]]+)\\](\\[[^\\]]*\\])?");

    /** An answer other than success: its HTTP status, a message key and the parameter concerned. */
    static final class Open311Error extends RuntimeException {
        final int status;
        final String key;

        Open311Error(int status, String key) {
            super(key);
            this.status = status;
            this.key = key;
        }
    }

    private final Open311Desk desk;
    private final Open311Requests requests;
    private final ApiKeys keys;
    private final MessageSource messages;
    private final JdbcClient jdbc;
    private final Clock clock;

    Open311Controller(Open311Desk desk, Open311Requests requests, ApiKeys keys, MessageSource messages, JdbcClient jdbc,
            Clock clock) {
        this.desk = desk;
        this.requests = requests;
        this.keys = keys;
        this.messages = messages;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping(Open311Security.BASE + "/discovery.{format}")
    @Operation(summary = "Service discovery: the GeoReport v2 endpoint, its formats and where keys come from")
    ResponseEntity<String> discovery(@PathVariable String format, Locale locale) {
        Open311Format f = format(format);
        String url = ServletUriComponentsBuilder.fromCurrentContextPath().path(Open311Security.BASE).toUriString();
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", SPEC);
        endpoint.put("url", url);
        endpoint.put("changeset", CHANGESET);
        endpoint.put("type", "production");
        endpoint.put("formats", List.of(Open311Format.XML.mediaType(), Open311Format.JSON.mediaType()));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("changeset", CHANGESET);
        d.put("contact", text("open311.discovery.contact", locale));
        d.put("key_service", text("open311.discovery.keyService", locale));
        d.put("endpoints", List.of(endpoint));
        return f.write(200, "discovery", d);
    }

    @GetMapping(Open311Security.BASE + "/services.{format}")
    @Operation(summary = "The service types: incident categories and other departments' matters")
    ResponseEntity<String> services(@PathVariable String format,
            @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction, Locale locale) {
        Open311Format f = format(format);
        jurisdiction(jurisdiction);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Service s : Open311Services.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service_code", s.code());
            m.put("service_name", text(s.nameKey(), locale));
            m.put("description", text(s.descriptionKey(), locale));
            m.put("metadata", s.metadata());
            m.put("type", "realtime");
            m.put("keywords", text(s.keywordsKey(), locale));
            m.put("group", text(s.groupKey(), locale));
            list.add(m);
        }
        return f.write(200, "services", list);
    }

    @GetMapping(Open311Security.BASE + "/services/{code}.{format}")
    @Operation(summary = "A service definition: the attributes a request of this service answers")
    ResponseEntity<String> definition(@PathVariable String code, @PathVariable String format,
            @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction, Locale locale) {
        Open311Format f = format(format);
        jurisdiction(jurisdiction);
        Service s = Open311Services.find(code).orElseThrow(() -> new Open311Error(404, "open311.error.serviceCode.notFound"));
        List<Map<String, Object>> attributes = new ArrayList<>();
        for (Attribute a : s.attributes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variable", a.variable());
            m.put("code", a.code());
            m.put("datatype", a.datatype().wire());
            m.put("required", a.required());
            m.put("datatype_description", optionalText(a.datatypeDescriptionKey(), locale));
            m.put("order", a.order());
            m.put("description", text(a.descriptionKey(), locale));
            m.put("values", a.values().stream().map(v -> {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("key", v.key());
                value.put("name", text(v.nameKey(), locale));
                return value;
            }).toList());
            attributes.add(m);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("service_code", s.code());
        d.put("attributes", attributes);
        return f.write(200, "service_definition", d);
    }

    @PostMapping(Open311Security.BASE + "/requests.{format}")
    @Operation(summary = "File a service request (form-encoded, api_key required)",
            description = "Fields as the standard names them: api_key, service_code, lat/long or address_string or "
                    + "address_id, attribute[CODE]=..., email, device_id, account_id, first_name, last_name, phone, "
                    + "description, media_url, jurisdiction_id. Answers the service_request_id (the incident's id, "
                    + "known at once, so no token, as GeoReport v2 says), and in service_notice the reporter's "
                    + "tracking code for the resident's tracking page.")
    ResponseEntity<String> create(@PathVariable String format, HttpServletRequest request, Locale locale) {
        Open311Format f = format(format);
        String root = jurisdiction(request.getParameter("jurisdiction_id"));
        String apiKey = request.getParameter("api_key");
        if (apiKey == null || apiKey.isBlank()) {
            // GeoReport v2's general errors: "403 - Missing or Invalid API Key", one status for both
            throw new Open311Error(403, "open311.error.apiKey.missing");
        }
        ApiKeys.KeyHolder holder = keys.resolve(apiKey, ApiKeys.Purpose.OPEN311)
                .orElseThrow(() -> new Open311Error(403, "open311.error.apiKey.invalid"));
        if (!holder.unitPath().startsWith(root)) {
            throw new Open311Error(403, "open311.error.apiKey.jurisdiction");
        }
        // GeoReport v2 answers a service_code it does not know with 404 ("service_code or jurisdiction_id was not
        // found"), as GET services/{code} does: a client tells a stale service list (404: fetch the services again)
        // from a request it must correct (400)
        String serviceCode = request.getParameter("service_code");
        if (serviceCode != null && !serviceCode.isBlank() && Open311Services.find(serviceCode).isEmpty()) {
            throw new Open311Error(404, "open311.error.serviceCode.unknown");
        }
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            Matcher m = ATTRIBUTE.matcher(name);
            if (m.matches()) {
                attributes.computeIfAbsent(m.group(1), k -> new ArrayList<>()).addAll(Arrays.asList(values));
            }
        });
        Open311Desk.Submission s = new Open311Desk.Submission(request.getParameter("service_code"),
                request.getParameter("jurisdiction_id"), request.getParameter("lat"), request.getParameter("long"),
                request.getParameter("address_string"), request.getParameter("address_id"), request.getParameter("email"),
                request.getParameter("device_id"), request.getParameter("account_id"), request.getParameter("first_name"),
                request.getParameter("last_name"), request.getParameter("phone"), request.getParameter("description"),
                request.getParameter("media_url"), attributes);
        Open311Desk.Filed filed = desk.file(s, holder);
        Map<String, Object> m = new LinkedHashMap<>();
        // GeoReport v2: service_request_id "should not be returned if token is returned" and the other way round; the
        // incident's id is known at once, so the id alone (clients such as FixMyStreet's ask the token's lookup only
        // when no id came). Tokens answered before stay good for GET tokens/{token}.
        m.put("service_request_id", filed.serviceRequestId());
        // the tracking code to the filer only: with it the reporter follows, adds to, rates and reopens the report, on
        // the page whose address the notice gives (a client's user has never seen this site)
        String page = ServletUriComponentsBuilder.fromCurrentContextPath().path("/track/{code}")
                .buildAndExpand(filed.trackingCode()).toUriString();
        m.put("service_notice", notice(filed.service(), filed.routingFallback(), locale) + " "
                + messages.getMessage("open311.notice.tracking", new Object[] {filed.trackingCode(), page}, locale));
        m.put("account_id", filed.accountId());
        return f.write(201, "service_requests", List.of(m));
    }

    @GetMapping(Open311Security.BASE + "/tokens/{token}.{format}")
    @Operation(summary = "The service_request_id of a request by a token an earlier version answered when it was posted",
            description = "A request posted now is answered with its service_request_id and no token (GeoReport v2: one "
                    + "or the other); the tokens given before still lead to their requests.")
    ResponseEntity<String> token(@PathVariable String token, @PathVariable String format,
            @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        Open311Format f = format(format);
        PublicRequest r = requests.byToken(token, jurisdiction(jurisdiction))
                .orElseThrow(() -> new Open311Error(404, "open311.error.token.notFound"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", r.serviceRequestId());
        m.put("token", r.token());
        return f.write(200, "service_requests", List.of(m));
    }

    @GetMapping(Open311Security.BASE + "/requests/{id}.{format}")
    @Operation(summary = "One service request by its service_request_id")
    ResponseEntity<String> request(@PathVariable String id, @PathVariable String format,
            @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction, Locale locale) {
        Open311Format f = format(format);
        PublicRequest r = requests.byId(id, jurisdiction(jurisdiction))
                .orElseThrow(() -> new Open311Error(404, "open311.error.request.notFound"));
        return f.write(200, "service_requests", List.of(view(r, locale)));
    }

    @GetMapping(Open311Security.BASE + "/requests.{format}")
    @Operation(summary = "Service requests: by service_request_id (comma list), or by service_code, start_date, "
            + "end_date and status; the last 90 days by default (a start_date alone: the 90 days from it), at most 1000, "
            + "newest first")
    ResponseEntity<String> requests(@PathVariable String format,
            @RequestParam(name = "service_request_id", required = false) String ids,
            @RequestParam(name = "service_code", required = false) String services,
            @RequestParam(name = "start_date", required = false) String startDate,
            @RequestParam(name = "end_date", required = false) String endDate,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction, Locale locale) {
        Open311Format f = format(format);
        String root = jurisdiction(jurisdiction);
        List<String> requested = list(ids);
        if (!requested.isEmpty()) {
            // GeoReport v2: service_request_id "overrides all other arguments": a client that keeps its list's filters
            // (status, a period of more than 90 days) while it refreshes the requests it follows gets them, not a 400
            return f.write(200, "service_requests", requests.list(new Open311Requests.Query(requested, List.of(), null,
                    null, null, root, MAX_REQUESTS)).stream().map(r -> view(r, locale)).toList());
        }
        OffsetDateTime start = date(startDate, "start_date", false);
        OffsetDateTime end = date(endDate, "end_date", true);
        if (start == null) {
            OffsetDateTime until = end != null ? end : OffsetDateTime.now(clock).atZoneSameInstant(ZONE).toOffsetDateTime();
            start = until.minus(DEFAULT_PERIOD);
        } else if (end == null) {
            // GeoReport v2: "Default query limit is a span of 90 days": a start_date alone names the 90 days from it,
            // not everything since (a start years ago would hand out every request filed since, up to the 1000)
            end = start.plus(DEFAULT_PERIOD);
        }
        if (end != null && end.isBefore(start)) {
            throw new Open311Error(400, "open311.error.date.order");
        }
        // GeoReport v2: start_date and end_date together "may not span more than 90 days", counted between the moments
        // they name (an end_date's day or second is read to its end, which is not part of the span the client named)
        if (startDate != null && endDate != null && !endDate.isBlank()
                && Duration.between(start, date(endDate, "end_date", false)).compareTo(DEFAULT_PERIOD) > 0) {
            throw new Open311Error(400, "open311.error.date.span");
        }
        Boolean open = null;
        List<String> statuses = list(status);
        if (!statuses.isEmpty()) {
            if (statuses.stream().anyMatch(s -> !s.equals("open") && !s.equals("closed"))) {
                throw new Open311Error(400, "open311.error.status.invalid");
            }
            open = statuses.contains("open") && statuses.contains("closed") ? null : statuses.contains("open");
        }
        List<String> codes = list(services);
        List<PublicRequest> found = requests.list(new Open311Requests.Query(List.of(), codes, start, end, open, root,
                MAX_REQUESTS));
        return f.write(200, "service_requests", found.stream().map(r -> view(r, locale)).toList());
    }

    /** The resources of GeoReport v2 below the base, a format suffix at the end: what the handlers above serve. */
    private static final Pattern RESOURCE = Pattern.compile(
            "/(discovery|services|requests)\\.[^/]+|/(services|requests|tokens)/[^/]+\\.[^/]+");
    private static final Pattern POSTED = Pattern.compile("/requests\\.[^/]+");

    /**
     * Any other path or method under the base: the standard's errors in the path's format (XML unless it ends in
     * .json), not the platform's generic answer in English that an Open311 client cannot read. A resource asked for
     * with a method it does not take is 405 with the methods it does (Allow), anything else 404 naming the resources.
     * OPTIONS and HEAD stay with the framework (a HEAD named here would win over the GET handlers that answer it).
     */
    @RequestMapping(path = Open311Security.BASE + "/**", method = {RequestMethod.GET, RequestMethod.POST,
            RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    ResponseEntity<String> elsewhere(HttpServletRequest request, Locale locale) {
        String path = request.getRequestURI()
                .substring(request.getContextPath().length() + Open311Security.BASE.length());
        String allowed = POSTED.matcher(path).matches() ? "GET, HEAD, POST" : "GET, HEAD";
        if (!RESOURCE.matcher(path).matches() || allowed.contains(request.getMethod())) {
            return errors(request, 404, List.of(text("open311.error.resource", locale)));
        }
        ResponseEntity<String> refused = errors(request, 405, List.of(messages.getMessage("open311.error.method",
                new Object[] {request.getMethod(), allowed}, locale)));
        return ResponseEntity.status(refused.getStatusCode()).headers(refused.getHeaders())
                .header(HttpHeaders.ALLOW, allowed).body(refused.getBody());
    }

    /**
     * A request as the public sees it: no reporter's name, phone or e-mail, no internal notes. Anyone reads it without a
     * key, so the identity and mobile numbers a reporter typed into his words or his address, or staff into the answer
     * ("we called you on 139..."), are masked as the platform's lists show them; staff read them whole on the incident.
     */
    private Map<String, Object> view(PublicRequest r, Locale locale) {
        Service service = Open311Services.find(r.serviceCode()).orElse(null);
        // open until the reporter is answered: a report merged into another is still being handled (with that one),
        // and is answered when it is, as the status filter (answered or not) has it
        boolean open = r.status() != org.fengqiao.incident.internal.Incidents.Status.ANSWERED;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", r.serviceRequestId());
        m.put("status", open ? "open" : "closed");
        m.put("status_notes", open ? text("incident.status." + r.status().name(), locale) : Texts.maskedNumbers(r.answer()));
        m.put("service_name", service == null ? r.serviceCode() : text(service.nameKey(), locale));
        m.put("service_code", r.serviceCode());
        m.put("description", Texts.maskedNumbers(r.description()));
        m.put("agency_responsible", r.agency());
        m.put("service_notice", service == null ? null : notice(service, r.routingFallback(), locale));
        m.put("requested_datetime", time(r.requestedAt()));
        m.put("updated_datetime", time(r.updatedAt()));
        m.put("expected_datetime", open ? time(r.expectedAt()) : null);
        m.put("address", Texts.maskedNumbers(r.address()));
        m.put("address_id", r.addressId() == null ? null : r.addressId().toString());
        m.put("zipcode", null);
        m.put("lat", r.lat());
        m.put("long", r.lon());
        m.put("media_url", r.mediaUrl());
        return m;
    }

    /**
     * What the service's request is expected to meet: its category's notice names the grid's member the routing gives it
     * to (the grid manager, ...). A grid without him hands it to another (the grid chief, the station's duty): then the
     * notice says so, not the grid manager who will never hear of it, and keeps the category's advice (call 120, 119).
     */
    private String notice(Service service, String routingFallback, Locale locale) {
        if (routingFallback == null || !routingFallback.startsWith("incident.routing.fallback.")) {
            return text(service.noticeKey(), locale);
        }
        String advice = optionalText("open311.notice.advice." + service.category().name(), locale);
        String key = "open311.notice.fallback." + routingFallback.substring("incident.routing.fallback.".length());
        return messages.getMessage(key, new Object[] {advice == null ? "" : advice}, key, locale).strip();
    }

    /** The path of the bureau a jurisdiction_id names ("/" for none): its division code, or its unit code. */
    private String jurisdiction(String id) {
        if (id == null || id.isBlank()) {
            return "/";
        }
        return jdbc.sql("""
                SELECT path FROM unit WHERE parent_id IS NULL
                  AND (division_code = :j OR code = :j OR (division_code IS NULL AND left(code, 6) = :j))
                ORDER BY path LIMIT 1""")
                .param("j", id.trim()).query(String.class).optional()
                .orElseThrow(() -> new Open311Error(404, "open311.error.jurisdiction.notFound"));
    }

    private static Open311Format format(String suffix) {
        Open311Format f = Open311Format.of(suffix);
        if (f == null) {
            throw new Open311Error(400, "open311.error.format");
        }
        return f;
    }

    private static final Pattern OFFSET_AFTER_SPACE = Pattern.compile("(T[0-9:.]+) ([0-9]{2}:[0-9]{2})$");

    /** The time of a w3c date-time, its seconds and fraction optional (a zone may follow). */
    private static final Pattern TIME = Pattern.compile("T\\d{2}:\\d{2}(:\\d{2})?(\\.\\d+)?");

    /**
     * A start_date or end_date as the instant it bounds, exact at the database's microseconds. A time without its zone
     * is China's, as a bare date is (that day, to its end for end_date). An end_date to the second (or minute) ends
     * with that second (minute): the requests show their times to the second, and a client asking up to the
     * requested_datetime it read finds that request. A finer fraction is not rounded across a report: a start up to
     * the next microsecond, an end down to its own.
     */
    private static OffsetDateTime date(String raw, String field, boolean end) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        OffsetDateTime bound;
        LocalDate day;
        try {
            bound = parsedDate(raw, end);
            day = bound.atZoneSameInstant(ZONE).toLocalDate();
        } catch (DateTimeException e) {
            // a day past what a time holds (+999999999-12-31 read to its end, or in China): no date a client means
            throw new Open311Error(400, "open311.error.date." + field);
        }
        // a year far off (1, 99999) is a mistyped year: the year 1 listed every request as if no start were set, and a
        // year past what the database's times hold failed the search; refused as every day filter here refuses it
        if (day.isBefore(PeriodFigures.Period.EARLIEST) || day.isAfter(PeriodFigures.Period.LATEST)) {
            throw new Open311Error(400, "open311.error.date." + field + ".range");
        }
        return bound;
    }

    private static OffsetDateTime parsedDate(String raw, boolean end) {
        // a client that leaves the offset's + unencoded (2026-12-05T08:00:00+08:00) has it read as a space, as a form's
        // + is: put back where an offset follows a time, so such a client filters by date unchanged
        String v = OFFSET_AFTER_SPACE.matcher(raw.trim()).replaceFirst("$1+$2");
        OffsetDateTime t;
        try {
            t = OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            try {
                t = LocalDateTime.parse(v).atZone(ZONE).toOffsetDateTime();
            } catch (DateTimeParseException e2) {
                // no date either: thrown on, and refused naming the field
                LocalDate d = LocalDate.parse(v);
                // the day's last microsecond, the database's precision: its last nanosecond is sent rounded up
                // to the next day's midnight, and a report received then was listed with this day
                return (end ? d.plusDays(1).atStartOfDay(ZONE).minus(1, ChronoUnit.MICROS)
                        : d.atStartOfDay(ZONE)).toOffsetDateTime();
            }
        }
        Matcher time = TIME.matcher(v);
        if (end && time.find() && time.group(2) == null) {
            ChronoUnit named = time.group(1) == null ? ChronoUnit.MINUTES : ChronoUnit.SECONDS;
            return t.plus(1, named).minus(1, ChronoUnit.MICROS);
        }
        OffsetDateTime micros = t.truncatedTo(ChronoUnit.MICROS);
        return end || micros.equals(t) ? micros : micros.plus(1, ChronoUnit.MICROS);
    }

    private static List<String> list(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static String time(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(ZONE).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS).format(W3C);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private String optionalText(String key, Locale locale) {
        return messages.getMessage(key, null, null, locale);
    }

    /** Desk field names as the standard's parameters. */
    private static final Map<String, String> FIELDS = Map.of("location", "lat/long", "reporterPhone", "phone",
            "occurredAt", "attribute[HAPPENED_AT]", "gridId", "address_id", "address", "address_string");

    @ExceptionHandler(Open311Error.class)
    ResponseEntity<String> error(Open311Error e, HttpServletRequest request, Locale locale) {
        return errors(request, e.status, List.of(text(e.key, locale)));
    }

    /**
     * The desk's messages said as this API's: a point in no grid tells the client to check lat and long or send an
     * address, not to "choose the community or grid", which a client has no parameter for.
     */
    private static final Map<String, String> KEYS = Map.of("incident.grid.notLocated", "open311.error.location.notLocated");

    @ExceptionHandler(Invalid.class)
    ResponseEntity<String> invalid(Invalid e, HttpServletRequest request, Locale locale) {
        return errors(request, 400, e.problems().stream().map(p -> FIELDS.getOrDefault(p.field(), p.field()) + ": "
                + messages.getMessage(KEYS.getOrDefault(p.key(), p.key()), p.args(), p.key(), locale)).toList());
    }

    private static ResponseEntity<String> errors(HttpServletRequest request, int status, List<String> descriptions) {
        List<Map<String, Object>> errors = descriptions.stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", status);
            m.put("description", d);
            return m;
        }).toList();
        return Open311Format.ofPath(request.getRequestURI()).write(status, "errors", errors);
    }
}
