package org.fengqiao.notification.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;

/**
 * What a webhook delivery tells of, in the reader's words: the step and the item's category (派警 · 纠纷), linked to
 * the item. The event id alone, all the page showed, told the head of the unit nothing of which report a failed or
 * waiting delivery was about; the payload holds the step, the category and the item's id, nothing personal.
 */
final class DeliverySteps {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Step(String text, String link) {
    }

    private DeliverySteps() {
    }

    static Optional<Step> step(String payload, MessageSource messages, Locale locale) {
        JsonNode p;
        try {
            p = JSON.readTree(payload);
        } catch (Exception e) {
            return Optional.empty();
        }
        if (p == null || !p.hasNonNull("kind") || !p.hasNonNull("incidentId")) {
            return Optional.empty();
        }
        String kind = p.get("kind").asText();
        String step = messages.getMessage("incident.event." + kind, null, kind, locale);
        String text = step;
        if (p.hasNonNull("category")) {
            String category = p.get("category").asText();
            text = messages.getMessage("notification.delivery.step",
                    new Object[] {step, messages.getMessage("incident.category." + category, null, category, locale)},
                    locale);
        }
        return Optional.of(new Step(text, "/incidents/" + p.get("incidentId").asText()));
    }
}
