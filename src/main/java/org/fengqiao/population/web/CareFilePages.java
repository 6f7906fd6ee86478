package org.fengqiao.population.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.population.internal.CareFiles;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 一户一册 and 一人一档 as PDF for the household's, the person's and the key person's pages: the API's files, read,
 * masked and audited by the same {@link CareFiles}, on the page's terms. They go with the session (signed out, to the
 * sign-in page, never a 401 in JSON), are written and named in the page's language, a record outside the reader's
 * jurisdiction is the 404 page, and a refused reason for full numbers comes back on the page the form is on, in the
 * reader's language, the reason as typed, instead of a problem in JSON in the tab the form opened.
 */
@Controller
@PreAuthorize("hasAuthority('POPULATION_READ')")
@FieldLabels("care.pdf.")
class CareFilePages {

    private final CareFiles files;
    private final MessageSource messages;
    private final FormAnswers answers;

    CareFilePages(CareFiles files, MessageSource messages, FormAnswers answers) {
        this.files = files;
        this.messages = messages;
        this.answers = answers;
    }

    /** The household register; POST takes the reason for full numbers in its body (the page's form posts it). */
    @RequestMapping(path = "/households/{id}/register.pdf", method = {RequestMethod.GET, RequestMethod.POST})
    String register(@PathVariable UUID id, @RequestParam(required = false) String reason, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) throws IOException {
        return send(() -> files.householdRegister(id, reason, Callers.require(), locale),
                FileExportController.name(messages, "care.pdf.register.file", id, locale),
                "/households/" + id + "#register-reveal", locale, response, redirect);
    }

    /** A person's file; POST takes the reason for full numbers in its body (the person page's form posts it). */
    @RequestMapping(path = "/persons/{id}/file.pdf", method = {RequestMethod.GET, RequestMethod.POST})
    String file(@PathVariable UUID id, @RequestParam(required = false) String reason, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) throws IOException {
        return send(() -> files.personFile(id, reason, Callers.require(), locale),
                FileExportController.name(messages, "care.pdf.file.file", id, locale),
                "/persons/" + id + "#file-reveal", locale, response, redirect);
    }

    private String send(Supplier<byte[]> pdf, String name, String back, Locale locale, HttpServletResponse response,
            RedirectAttributes redirect) throws IOException {
        byte[] body;
        try {
            body = pdf.get();
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
            return "redirect:" + back;
        }
        ResponseEntity<byte[]> file = FileExportController.pdf(body, name);
        response.setContentType(file.getHeaders().getContentType().toString());
        file.getHeaders().forEach((header, values) -> values.forEach(v -> response.addHeader(header, v)));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return null;
    }
}
