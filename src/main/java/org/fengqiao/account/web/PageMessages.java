package org.fengqiao.account.web;

import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.springframework.context.MessageSource;
import org.fengqiao.platform.web.FormAnswers;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages answer a form with a redirect (so a reload never posts twice) and carry the outcome as a
 * flash message in the reader's language: a notice on success, one line per broken rule otherwise.
 */
@Component
class PageMessages {

    private final MessageSource messages;
    private final FormAnswers answers;

    PageMessages(MessageSource messages, FormAnswers answers) {
        this.messages = messages;
        this.answers = answers;
    }

    void notice(RedirectAttributes redirect, String key) {
        redirect.addFlashAttribute("notice", text(key));
    }

    /** Refused for broken rules: their lines, each naming its field, and the form as typed (passwords aside). */
    void problems(RedirectAttributes redirect, Invalid e) {
        answers.refused(redirect, e, LocaleContextHolder.getLocale());
    }

    void conflict(RedirectAttributes redirect, Conflict e) {
        answers.refused(redirect, e, LocaleContextHolder.getLocale());
    }

    String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
