package org.fengqiao.incident.web;

import java.util.Locale;
import java.util.UUID;
import org.fengqiao.incident.internal.ApiKeyDesk;
import org.fengqiao.incident.internal.ApiKeys;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
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

/**
 * The API keys of the units in one's scope (station chief, bureau): listed with their purpose and state,
 * created (the key shown once, on the page the creation leads to, then never again) and revoked. A key of a
 * unit outside the scope answers 404 like a missing one.
 */
@Controller
@FieldLabels("incident.apiKeys.")
class ApiKeyPages {

    static final String PATH = "/incidents/api-keys";

    private final ApiKeyDesk desk;
    private final Jurisdictions jurisdictions;
    private final MessageSource messages;

    private final FormAnswers answers;

    ApiKeyPages(ApiKeyDesk desk, Jurisdictions jurisdictions, MessageSource messages, FormAnswers answers) {
        this.answers = answers;
        this.desk = desk;
        this.jurisdictions = jurisdictions;
        this.messages = messages;
    }

    @GetMapping(PATH)
    @PreAuthorize("hasAuthority('INCIDENT_API_KEYS')")
    String list(Model model) {
        Caller caller = Callers.require();
        model.addAttribute("keys", desk.list(caller));
        model.addAttribute("units", jurisdictions.visibleOffices(caller));
        model.addAttribute("purposes", ApiKeys.Purpose.values());
        return "incident/api-keys";
    }

    @PostMapping(PATH)
    @PreAuthorize("hasAuthority('INCIDENT_API_KEYS')")
    String create(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) String name,
            @RequestParam(required = false) ApiKeys.Purpose purpose, Locale locale, RedirectAttributes redirect) {
        try {
            ApiKeys.Created created = desk.create(unitId, name, purpose, Callers.require());
            // a flash attribute lives for the one page view after the redirect: the key is shown once
            redirect.addFlashAttribute("newKey", created.key());
            redirect.addFlashAttribute("newKeyId", created.id());
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
        }
        return "redirect:" + PATH;
    }

    @PostMapping(PATH + "/{id}/revoke")
    @PreAuthorize("hasAuthority('INCIDENT_API_KEYS')")
    String revoke(@PathVariable UUID id, Locale locale, RedirectAttributes redirect) {
        try {
            desk.revoke(id, Callers.require());
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("notice", messages.getMessage("incident.apiKeys.revokedNotice", null, locale));
        return "redirect:" + PATH;
    }

}
