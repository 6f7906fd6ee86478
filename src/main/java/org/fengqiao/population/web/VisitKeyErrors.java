package org.fengqiao.population.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.fengqiao.population.internal.VisitKeyReused;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A visit's idempotency key sent again with a different visit answers 422 Unprocessable Content, as the incident
 * intake does: the body may be valid, but the key names another visit. Ahead of the platform's problem details.
 */
@RestControllerAdvice(assignableTypes = {HouseholdController.class, KeyPersonController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class VisitKeyErrors {

    private final MessageSource messages;

    VisitKeyErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(VisitKeyReused.class)
    ProblemDetail reused(VisitKeyReused e) {
        var locale = LocaleContextHolder.getLocale();
        String message = messages.getMessage("housing.visit.keyReused", null, locale);
        ProblemDetail pd = ProblemDetail.forStatus(HttpStatus.UNPROCESSABLE_ENTITY);
        pd.setType(URI.create("https://fengqiao.org/problems/idempotency-key-reused"));
        pd.setTitle(messages.getMessage(e.titleKey(), null, locale));
        pd.setDetail(message);
        pd.setProperty("errors", List.of(Map.of("field", "idempotencyKey", "message", message)));
        return pd;
    }
}
