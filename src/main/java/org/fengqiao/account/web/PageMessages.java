package org.fengqiao.account.web;

import java.util.List;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.springframework.context.MessageSource;
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

    PageMessages(MessageSource messages) {
        this.messages = messages;
    }

    void notice(RedirectAttributes redirect, String key) {
        redirect.addFlashAttribute("notice", text(key));
    }

    void problems(RedirectAttributes redirect, Invalid e) {
        List<String> lines = e.problems().stream().map(p -> text(p.key(), p.args())).toList();
        redirect.addFlashAttribute("problems", lines);
    }

    void conflict(RedirectAttributes redirect, Conflict e) {
        redirect.addFlashAttribute("problems", List.of(text(e.key(), e.args())));
    }

    String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
