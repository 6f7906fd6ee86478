package org.fengqiao.notification.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.notification.internal.Webhooks;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The webhooks of the caller's units: the list with a form to add one, and each with its recent deliveries. */
@Controller
@PreAuthorize("hasAuthority('WEBHOOK_MANAGE')")
@FieldLabels("notification.webhook.")
class WebhookPages {

    static final int RECENT = 30;

    private final Webhooks webhooks;
    private final Jurisdictions jurisdictions;
    private final MessageSource messages;

    private final FormAnswers answers;

    WebhookPages(Webhooks webhooks, Jurisdictions jurisdictions, MessageSource messages, FormAnswers answers) {
        this.answers = answers;
        this.webhooks = webhooks;
        this.jurisdictions = jurisdictions;
        this.messages = messages;
    }

    @GetMapping("/webhooks")
    String list(Model model) {
        Caller caller = Callers.require();
        model.addAttribute("webhooks", webhooks.list(caller));
        model.addAttribute("units", jurisdictions.visibleOffices(caller));
        return "notification/webhooks";
    }

    @PostMapping("/webhooks")
    String register(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) String url,
            @RequestParam(required = false) String secret, @RequestParam(required = false) String description,
            Locale locale, RedirectAttributes redirect) {
        try {
            Webhooks.Webhook created = webhooks.register(unitId, url, secret, description, Callers.require());
            redirect.addFlashAttribute("notice", messages.getMessage("notification.webhook.saved", null, locale));
            // the one time the page shows the URL whole (a token in its query), to the head who just typed it
            redirect.addFlashAttribute("wholeUrl", created.url());
            return "redirect:/webhooks/" + created.id();
        } catch (Invalid e) {
            answers.refused(redirect, e, locale); // the secret is not carried back: typed again
            return "redirect:/webhooks";
        }
    }

    @GetMapping("/webhooks/{id}")
    String detail(@PathVariable UUID id, Locale locale, Model model) {
        Caller caller = Callers.require();
        try {
            model.addAttribute("webhook", webhooks.get(id, caller));
            List<Webhooks.Delivery> deliveries = webhooks.deliveries(id, caller, RECENT);
            model.addAttribute("deliveries", deliveries);
            java.util.Map<UUID, String> errors = new java.util.HashMap<>();
            deliveries.forEach(d -> {
                String text = DeliveryErrors.text(d.lastError(), messages, locale);
                if (text != null) {
                    errors.put(d.id(), text);
                }
            });
            model.addAttribute("deliveryErrors", errors);
            java.util.Map<UUID, DeliverySteps.Step> steps = new java.util.HashMap<>();
            deliveries.forEach(d -> DeliverySteps.step(d.payload(), messages, locale).ifPresent(s -> steps.put(d.id(), s)));
            model.addAttribute("steps", steps);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "notification/webhook";
    }

    @PostMapping("/webhooks/{id}/{action:disable|enable}")
    String toggle(@PathVariable UUID id, @PathVariable String action, Locale locale, RedirectAttributes redirect) {
        // 未作改动 for a webhook already in that state (a second tab, a reload)
        return answers.redirect("/webhooks/" + id, "notification.webhook.saved", locale, redirect,
                () -> webhooks.setActive(id, action.equals("enable"), Callers.require()));
    }

    @PostMapping("/webhooks/{id}/deliveries/{delivery}/retry")
    String retry(@PathVariable UUID id, @PathVariable UUID delivery, Locale locale, RedirectAttributes redirect) {
        try {
            webhooks.retry(id, delivery, Callers.require());
            redirect.addFlashAttribute("notice", messages.getMessage("notification.webhook.retried", null, locale));
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (Conflict e) {
            answers.refused(redirect, e, locale);
        }
        return "redirect:/webhooks/" + id;
    }
}
