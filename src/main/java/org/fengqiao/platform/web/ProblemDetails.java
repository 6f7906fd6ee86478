package org.fengqiao.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fengqiao.platform.Busy;
import org.fengqiao.platform.ChoiceNames;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Refused;
import org.fengqiao.platform.UniqueKey;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the JSON API leave as RFC 9457 problem details with a message per field,
 * in the language of Accept-Language (Chinese by default).
 *
 * <p>A person's browser asking for a page (Accept names text/html, or states no preference, on a path outside
 * {@code /api/} and {@code /open311/}) gets the application's error page in his language instead, with the same
 * status: the response is sent as an error, so it takes the path of an unknown URL ({@code /error}, template
 * {@code error.html}). On pages a path variable that is not even an id (/incidents/not-a-uuid) names nothing,
 * so it answers 404 there, where the API says 400 with the field.
 */
@RestControllerAdvice(basePackages = "org.fengqiao", annotations = org.springframework.web.bind.annotation.RestController.class)
public class ProblemDetails extends ResponseEntityExceptionHandler {

    /** The request attribute that carries a problem's messages to the error page (error.html). */
    public static final String PAGE_PROBLEMS = "pageProblems";

    /** The whole-number types a parameter is bound to, with the least and the greatest value each holds. */
    private static final Map<Class<?>, long[]> WHOLE_NUMBERS = Map.of(
            Integer.class, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
            int.class, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
            Short.class, new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
            short.class, new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
            Long.class, new long[] {Long.MIN_VALUE, Long.MAX_VALUE},
            long.class, new long[] {Long.MIN_VALUE, Long.MAX_VALUE});

    private final MessageSource messages;
    private final Map<String, UniqueKey> uniqueKeys;

    public ProblemDetails(MessageSource messages, List<UniqueKey> uniqueKeys) {
        this.messages = messages;
        this.uniqueKeys = IntegrityViolations.byConstraint(uniqueKeys);
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ProblemDetail> notFound(NotFound e, HttpServletRequest request, HttpServletResponse response) {
        return answer(problem(HttpStatus.NOT_FOUND, "error.notFound", "not-found"), request, response);
    }

    @ExceptionHandler(Invalid.class)
    ResponseEntity<ProblemDetail> invalid(Invalid e, HttpServletRequest request, HttpServletResponse response) {
        ProblemDetail pd = problem(HttpStatus.BAD_REQUEST, e.titleKey(), "invalid");
        List<Map<String, String>> errors = new ArrayList<>();
        for (Invalid.Problem p : e.problems()) {
            errors.add(Map.of("field", p.field(), "message", text(p.key(), p.args())));
        }
        pd.setProperty("errors", errors);
        return answer(pd, request, response);
    }

    @ExceptionHandler(Conflict.class)
    ResponseEntity<ProblemDetail> conflict(Conflict e, HttpServletRequest request, HttpServletResponse response) {
        ProblemDetail pd = problem(HttpStatus.CONFLICT, "error.conflict", "conflict");
        pd.setDetail(text(e.key(), e.args()));
        return answer(pd, request, response);
    }

    /**
     * A write the database refused for a constraint, mostly another person's change committed meanwhile: 409 or 400
     * with what happened ({@link IntegrityViolations}); one it does not translate stays a failure (500). A page's form
     * comes back to its page as typed with that line, as a refusal inside its handler does ({@link FormAnswers#back}).
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e, HttpServletRequest request,
            HttpServletResponse response) {
        // a unique key the code checks, taken meanwhile: answered as its check answers when nothing races
        RuntimeException checked = IntegrityViolations.checked(e, request, uniqueKeys).orElse(null);
        if (checked instanceof Invalid invalid) {
            boolean back = wantsPage(request) && FormAnswers.back(request, response,
                    invalid.texts(messages, LocaleContextHolder.getLocale()));
            return back ? null : invalid(invalid, request, response);
        }
        if (checked instanceof Conflict conflict) {
            boolean back = wantsPage(request) && FormAnswers.back(request, response,
                    List.of(text(conflict.key(), conflict.args())));
            return back ? null : conflict(conflict, request, response);
        }
        IntegrityViolations.Refusal refusal = IntegrityViolations.refusal(e, request).orElseThrow(() -> e);
        String line = text(refusal.key());
        if (wantsPage(request) && FormAnswers.back(request, response, List.of(line))) {
            return null;
        }
        boolean clash = refusal.status() == HttpStatus.CONFLICT;
        ProblemDetail pd = problem(refusal.status(), clash ? "error.conflict" : "error.invalid",
                clash ? "conflict" : "invalid");
        pd.setDetail(line);
        return answer(pd, request, response);
    }

    @ExceptionHandler(Busy.class)
    ResponseEntity<ProblemDetail> busy(Busy e, HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        return answer(problem(HttpStatus.SERVICE_UNAVAILABLE, "error.busy", "busy"), request, response);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e, HttpServletRequest request,
            HttpServletResponse response) {
        return answer(problem(HttpStatus.FORBIDDEN, "error.forbidden", "forbidden"), request, response);
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<ProblemDetail> refused(Refused e, HttpServletRequest request, HttpServletResponse response) {
        ProblemDetail pd = problem(HttpStatus.FORBIDDEN, "error.forbidden", "forbidden");
        pd.setDetail(text(e.key()));
        return answer(pd, request, response);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request,
            HttpServletResponse response) {
        if (wantsPage(request) && e.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return answer(problem(HttpStatus.NOT_FOUND, "error.notFound", "not-found"), request, response);
        }
        ProblemDetail pd = problem(HttpStatus.BAD_REQUEST, "error.invalid", "invalid");
        // a choice (?kind=CASINO) says what may be chosen, as a value of the wrong kind in a JSON body does
        boolean page = wantsPage(request);
        String message = mismatch(e.getRequiredType(), e.getValue(), page);
        if (page) {
            // the error page shows the message alone: let it name the parameter as the form labels it
            message = text("error.parameter", label(e.getParameter().getDeclaringClass(), e.getName()), message);
            // a page's form (3000000000 typed as a number of people): back to it with what was typed, the field named,
            // as a refusal inside its handler comes back, not the error page that loses the form
            if (FormAnswers.back(request, response, List.of(message))) {
                return null;
            }
        }
        pd.setProperty("errors", List.of(Map.of("field", e.getName(), "message", message)));
        return answer(pd, request, response);
    }

    /** What a value of the wrong kind is told: for a choice, what may be chosen (by code on the API, as sent). */
    private String mismatch(Class<?> type, boolean page) {
        return mismatch(type, null, page);
    }

    /**
     * What a value of the wrong kind is told; a whole number too big (or small) for its field, what it may be
     * ("格式不正确" would send the officer looking for a typo in 3000000000).
     */
    private String mismatch(Class<?> type, Object value, boolean page) {
        long[] range = WHOLE_NUMBERS.get(type);
        if (range != null && value instanceof String typed && typed.strip().matches("[+-]?\\d+")) {
            return text("error.field.outOfRange", String.valueOf(range[0]), String.valueOf(range[1]));
        }
        return type != null && type.isEnum() ? text("error.field.oneOf", choices(type, !page))
                : type == LocalDate.class ? text("error.field.date")
                : type == LocalDateTime.class ? text("error.field.dateTime")
                : text("error.field.format");
    }

    /**
     * The errors Spring MVC itself raises (a ResponseStatusException, a missing parameter, a wrong method…): their
     * problem detail for the API, the error page for a browser.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (sentAsPage(statusCode, request)) {
            return null;
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    /**
     * A required parameter left out of the address ({@code /api/v1/worklog/draft} without {@code unitId}): refused as
     * a field left empty is, naming it, in the reader's language (Spring's own answer is English whatever he reads).
     */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail pd = problem(HttpStatus.BAD_REQUEST, "error.invalid", "invalid");
        String message = text("error.field.required");
        boolean page = request instanceof ServletWebRequest web && web.getResponse() != null
                && wantsPage(web.getRequest());
        if (page && ex.getMethodParameter() != null) {
            // the error page shows the message alone: let it name the parameter as the form labels it
            message = text("error.parameter", label(ex.getMethodParameter().getDeclaringClass(),
                    ex.getParameterName()), message);
        }
        pd.setProperty("errors", List.of(Map.of("field", ex.getParameterName(), "message", message)));
        if (page) {
            ServletWebRequest web = (ServletWebRequest) request;
            answer(pd, web.getRequest(), web.getResponse());
            return null;
        }
        return ResponseEntity.badRequest().body(pd);
    }

    /**
     * A body of a type the endpoint does not read (text or a form where it reads JSON): 415 saying, in the reader's
     * language, what was sent and what is taken (Spring's own detail is English whatever he reads).
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (sentAsPage(status, request)) {
            return null;
        }
        ProblemDetail pd = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "error.mediaType.title", "unsupported-media-type");
        String sent = ex.getContentType() == null ? text("error.mediaType.none") : ex.getContentType().toString();
        pd.setDetail(text("error.mediaType", sent, MediaType.toString(ex.getSupportedMediaTypes())));
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers).body(pd);
    }

    /** An Accept the endpoint cannot answer in: 406 saying which formats it can give, in the reader's language. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (sentAsPage(status, request)) {
            return null;
        }
        ProblemDetail pd = problem(HttpStatus.NOT_ACCEPTABLE, "error.notAcceptable.title", "not-acceptable");
        String asked = request instanceof ServletWebRequest web ? web.getRequest().getHeader(HttpHeaders.ACCEPT) : null;
        pd.setDetail(text("error.notAcceptable", asked == null ? text("error.mediaType.none") : asked,
                MediaType.toString(ex.getSupportedMediaTypes())));
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).headers(headers).body(pd);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest web && web.getResponse() != null && wantsPage(web.getRequest())) {
            List<String> lines = pageLines(ex);
            if (!lines.isEmpty() && FormAnswers.back(web.getRequest(), web.getResponse(), lines)) {
                return null;
            }
            // a page's address whose parameters are bound together into a record (/incidents?status=SOLVED): the
            // error page says, field by field as the form labels it, what may be written there, as it does for a
            // single parameter of the wrong kind
            if (!lines.isEmpty()) {
                web.getRequest().setAttribute(PAGE_PROBLEMS, lines);
            }
            sendError(web.getResponse(), HttpStatus.BAD_REQUEST.value());
            return null;
        }
        ProblemDetail pd = problem(HttpStatus.BAD_REQUEST, "error.invalid", "invalid");
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError fe : ex.getBindingResult().getFieldErrors()) {
            // query parameters bound together into a record (?category=BOGUS) are told as a single one would be
            String message = fe.contains(TypeMismatchException.class)
                    ? mismatch(fe.unwrap(TypeMismatchException.class).getRequiredType(), fe.getRejectedValue(), false)
                    : messages.getMessage(fe, locale());
            errors.add(Map.of("field", fe.getField(), "message", message));
        }
        ex.getBindingResult().getGlobalErrors().forEach(ge ->
                errors.add(Map.of("field", ge.getObjectName(), "message", messages.getMessage(ge, locale()))));
        pd.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(pd);
    }

    /**
     * The lines a page says of fields that could not be bound to its record, each named as the form labels it: a
     * page's form (a number too big for its field) goes back to the page that posted it with what was typed
     * ({@link FormAnswers#back}), a page's address to the error page.
     */
    private List<String> pageLines(MethodArgumentNotValidException ex) {
        Class<?> controller = ex.getParameter().getContainingClass();
        List<String> lines = new ArrayList<>();
        for (FieldError fe : ex.getBindingResult().getFieldErrors()) {
            String message = fe.contains(TypeMismatchException.class)
                    ? mismatch(fe.unwrap(TypeMismatchException.class).getRequiredType(), fe.getRejectedValue(), true)
                    : messages.getMessage(fe, locale());
            lines.add(text("error.parameter", label(controller, fe.getField()), message));
        }
        ex.getBindingResult().getGlobalErrors().forEach(ge -> lines.add(messages.getMessage(ge, locale())));
        return lines;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (sentAsPage(HttpStatus.BAD_REQUEST, request)) {
            return null;
        }
        ProblemDetail pd = problem(HttpStatus.BAD_REQUEST, "error.unreadable", "unreadable");
        // a value of the wrong kind in readable JSON ("category": "FOO", "lon": "abc"): name its field, as a
        // check of the value would, and for a choice say what may be chosen
        if (ex.getCause() instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            Invalid.Problem p = unreadable(field(m.getPath()), m);
            pd.setProperty("errors", List.of(Map.of("field", p.field(), "message", text(p.key(), p.args()))));
        }
        return ResponseEntity.badRequest().body(pd);
    }

    /**
     * A value of the wrong kind as the problem of its field: for a choice what may be chosen, for text holding a NUL
     * character that, else its format. One message whether the body stopped at it or was read field by field
     * ({@link JsonFields}).
     */
    Invalid.Problem unreadable(String field, MismatchedInputException m) {
        Class<?> target = m.getTargetType();
        return target != null && target.isEnum()
                ? new Invalid.Problem(field, "error.field.oneOf", new Object[] {choices(target, true)})
                : NulCharacters.holdsNul(m) ? new Invalid.Problem(field, "error.field.nul", new Object[0])
                : new Invalid.Problem(field, "error.field.format", new Object[0]);
    }

    /**
     * The values a choice may take, in the reader's language: by their names ({@link ChoiceNames}) on a page, where a
     * person reads them; for the API by the codes a client sends, each with its name ({@code KEY_PERSON（重点人口）}).
     * A choice without names is listed by its codes.
     */
    private String choices(Class<?> type, boolean withCodes) {
        ChoiceNames names = type.getAnnotation(ChoiceNames.class);
        List<String> values = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            String code = ((Enum<?>) constant).name();
            String name = names == null ? null : messages.getMessage(names.value() + code, null, null, locale());
            values.add(name == null ? code : withCodes ? text("error.field.choice", code, name) : name);
        }
        return String.join(text("error.field.choiceSeparator"), values);
    }

    /**
     * A request parameter as the page's form labels it, in the reader's language: under the controller's
     * {@link FieldLabels} prefixes, then among the shared {@code field.*} labels, each by the name and by the name
     * less a trailing {@code Id}; the name itself when no label is found.
     */
    String label(Class<?> controller, String name) {
        return ParameterLabels.label(messages, locale(), controller, name);
    }

    /** The JSON path of a value as a field name: {@code parties[1].phone}. */
    static String field(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                field.append('[').append(r.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /**
     * Whether the request asks for a page: its path is not the API's and it names text/html among what it accepts (a
     * browser's navigation does; API clients, the pages' own scripts and images name JSON or images), or it states no
     * preference at all (no Accept header, or only {@code *}{@code /*}: curl, a link checker) and its path is a page's,
     * which answers as what it is. On the error dispatch the path is the one first asked for, not {@code /error}.
     */
    public static boolean wantsPage(HttpServletRequest request) {
        String path = requestedPath(request);
        if (path.startsWith("/api/") || path.startsWith("/open311/")) {
            return false;
        }
        List<MediaType> accepted;
        try {
            String accept = request.getHeader(HttpHeaders.ACCEPT);
            accepted = accept == null || accept.isBlank() ? List.of() : MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        if (accepted.stream().allMatch(MediaType::isWildcardType)) {
            return !path.startsWith("/actuator/") && !path.startsWith("/v3/api-docs");
        }
        return accepted.stream().anyMatch(m -> m.getType().equals("text") && m.getSubtype().equals("html"));
    }

    /** The path the client asked for, without the context path: on the error dispatch, that of the failed request. */
    private static String requestedPath(HttpServletRequest request) {
        Object failed = request.getDispatcherType() == DispatcherType.ERROR
                ? request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) : null;
        String uri = failed instanceof String s ? s : request.getRequestURI();
        return uri.startsWith(request.getContextPath()) ? uri.substring(request.getContextPath().length()) : uri;
    }

    /**
     * The problem detail for the API; for a browser, the error page with the problem's status and its messages
     * (request attribute {@link #PAGE_PROBLEMS}), so that a page refusing bad input says what was wrong.
     */
    private static ResponseEntity<ProblemDetail> answer(ProblemDetail pd, HttpServletRequest request,
            HttpServletResponse response) {
        if (wantsPage(request)) {
            request.setAttribute(PAGE_PROBLEMS, messages(pd));
            sendError(response, pd.getStatus());
            return null;
        }
        return ResponseEntity.status(pd.getStatus()).body(pd);
    }

    /** The problem's detail and the message of each of its fields, in the order given. */
    static List<String> messages(ProblemDetail pd) {
        List<String> texts = new ArrayList<>();
        if (pd.getDetail() != null) {
            texts.add(pd.getDetail());
        }
        if (pd.getProperties() != null && pd.getProperties().get("errors") instanceof List<?> errors) {
            for (Object error : errors) {
                if (error instanceof Map<?, ?> e && e.get("message") != null) {
                    texts.add(String.valueOf(e.get("message")));
                }
            }
        }
        return texts;
    }

    private static boolean sentAsPage(HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest web && web.getResponse() != null && wantsPage(web.getRequest())) {
            sendError(web.getResponse(), status.value());
            return true;
        }
        return false;
    }

    /**
     * Sent as an error, the response goes to /error like an unknown URL's and shows error.html; the handler's null
     * answer then writes nothing more.
     */
    private static void sendError(HttpServletResponse response, int status) {
        try {
            response.sendError(status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ProblemDetail problem(HttpStatus status, String titleKey, String type) {
        ProblemDetail pd = ProblemDetail.forStatus(status);
        pd.setType(URI.create("https://fengqiao.org/problems/" + type));
        pd.setTitle(text(titleKey));
        return pd;
    }

    String text(String key, Object... args) {
        return messages.getMessage(key, args, key, locale());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
