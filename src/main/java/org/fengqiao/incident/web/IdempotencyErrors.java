package org.fengqiao.incident.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.fengqiao.incident.internal.IdempotencyKeyReused;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;

/**
 * An idempotency key sent again with a different report answers 422 Unprocessable Content, not the 400 of
 * other bad input: the body may be valid, but the key names another submission. Ahead of the platform's
 * problem details (which would answer it as an {@code Invalid}). The field is the one the caller sent the
 * key in: {@code caseNumber} for the 110 centre, {@code idempotencyKey} otherwise.
 */
@RestControllerAdvice(assignableTypes = {IncidentController.class, CallCentreController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdempotencyErrors {

    private final MessageSource messages;

    IdempotencyErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(IdempotencyKeyReused.class)
    ProblemDetail reused(IdempotencyKeyReused e, HandlerMethod handler) {
        var locale = LocaleContextHolder.getLocale();
        String message = messages.getMessage("incident.idempotency.reused", null, locale);
        ProblemDetail pd = ProblemDetail.forStatus(HttpStatus.UNPROCESSABLE_ENTITY);
        pd.setType(URI.create("https://fengqiao.org/problems/idempotency-key-reused"));
        pd.setTitle(messages.getMessage(e.titleKey(), null, locale));
        pd.setDetail(message);
        String field = handler.getBeanType() == CallCentreController.class ? "caseNumber" : "idempotencyKey";
        pd.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return pd;
    }
}
