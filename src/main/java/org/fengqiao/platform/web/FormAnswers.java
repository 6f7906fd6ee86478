package org.fengqiao.platform.web;

import java.util.List;
import java.util.Locale;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How a page answers a form that changes something: always with a redirect (a reload never posts twice), carrying the
 * outcome as a flash message in the reader's language. A notice when the change was made; one line per broken rule,
 * or the conflict's line, when it was refused (nothing changed); 404 for a record the reader may not see.
 */
@Component
public class FormAnswers {

    private final MessageSource messages;

    FormAnswers(MessageSource messages) {
        this.messages = messages;
    }

    /** Runs {@code change} and redirects to {@code to}, with the notice {@code noticeKey} if it went through. */
    public String redirect(String to, String noticeKey, Locale locale, RedirectAttributes redirect, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("notice", messages.getMessage(noticeKey, null, locale));
        } catch (Invalid e) {
            redirect.addFlashAttribute("problems", e.texts(messages, locale));
        } catch (Conflict e) {
            redirect.addFlashAttribute("problems", List.of(messages.getMessage(e.key(), e.args(), e.key(), locale)));
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:" + to;
    }
}
