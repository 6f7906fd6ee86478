package org.fengqiao.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fengqiao.platform.Busy;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the JSON API leave as RFC 9457 problem details with a message per field,
 * in the language of Accept-Language (Chinese by default).
 */
@RestControllerAdvice(basePackages = "org.fengqiao", annotations = org.springframework.web.bind.annotation.RestController.class)
public class ProblemDetails extends ResponseEntityExceptionHandler {

    private final MessageSource messages;

    public ProblemDetails(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "error.notFound", "not-found");
    }

    @ExceptionHandler(Invalid.class)
    ProblemDetail invalid(Invalid e) {
        ProblemDetail pd = problem(HttpStatus.BAD_REQUEST, e.titleKey(), "invalid");
        List<Map<String, String>> errors = new ArrayList<>();
        for (Invalid.Problem p : e.problems()) {
            errors.add(Map.of("field", p.field(), "message", text(p.key(), p.args())));
        }
        pd.setProperty("errors", errors);
        return pd;
    }

    @ExceptionHandler(Conflict.class)
    ProblemDetail conflict(Conflict e) {
        ProblemDetail pd = problem(HttpStatus.CONFLICT, "error.conflict", "conflict");
        pd.setDetail(text(e.key(), e.args()));
        return pd;
    }

    @ExceptionHandler(Busy.class)
    ResponseEntity<ProblemDetail> busy(Busy e) {
        ProblemDetail pd = problem(HttpStatus.SERVICE_UNAVAILABLE, "error.busy", "busy");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds())).body(pd);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "error.forbidden", "forbidden");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail pd = problem(HttpStatus.BAD_REQUEST, "error.invalid", "invalid");
        pd.setProperty("errors", List.of(Map.of("field", e.getName(), "message", text("error.field.format"))));
        return pd;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail pd = problem(HttpStatus.BAD_REQUEST, "error.invalid", "invalid");
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError fe : ex.getBindingResult().getFieldErrors()) {
            errors.add(Map.of("field", fe.getField(), "message", messages.getMessage(fe, locale())));
        }
        ex.getBindingResult().getGlobalErrors().forEach(ge ->
                errors.add(Map.of("field", ge.getObjectName(), "message", messages.getMessage(ge, locale()))));
        pd.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(pd);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail pd = problem(HttpStatus.BAD_REQUEST, "error.unreadable", "unreadable");
        // a value of the wrong kind in readable JSON ("category": "FOO", "lon": "abc"): name its field, as a
        // check of the value would, and for a choice say what may be chosen
        if (ex.getCause() instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String field = field(m.getPath());
            Class<?> target = m.getTargetType();
            String message = target != null && target.isEnum()
                    ? text("error.field.oneOf", java.util.Arrays.stream(target.getEnumConstants()).map(String::valueOf)
                            .collect(java.util.stream.Collectors.joining(", ")))
                    : text("error.field.format");
            pd.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        }
        return ResponseEntity.badRequest().body(pd);
    }

    /** The JSON path of a value as a field name: {@code parties[1].phone}. */
    private static String field(List<JsonMappingException.Reference> path) {
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

    private ProblemDetail problem(HttpStatus status, String titleKey, String type) {
        ProblemDetail pd = ProblemDetail.forStatus(status);
        pd.setType(URI.create("https://fengqiao.org/problems/" + type));
        pd.setTitle(text(titleKey));
        return pd;
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, locale());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
