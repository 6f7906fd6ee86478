package org.fengqiao.review.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.platform.web.TypedForm;
import org.fengqiao.review.internal.Cards;
import org.fengqiao.review.internal.ReviewDesk;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The residents' review page (群众评议), reached by the QR code on an officer's card, no account, phone-sized, Chinese
 * by default with English: what is public of the officer (name, police number, unit, the community he answers for),
 * five short questions and a comment. A plain form that posts and redirects; refused, it comes back as answered with
 * every fault named. An unknown card, or one of an officer who moved on, says so with a 404.
 */
@Controller
@FieldLabels({"review.field."})
class ReviewPublicPages {

    private final ReviewDesk desk;
    private final MessageSource messages;
    private final FormAnswers answers;

    ReviewPublicPages(ReviewDesk desk, MessageSource messages, FormAnswers answers) {
        this.desk = desk;
        this.messages = messages;
        this.answers = answers;
    }

    @GetMapping("/review/{code}")
    String form(@PathVariable String code, Model model, HttpServletRequest request, HttpServletResponse response) {
        return page(code, model, request, response);
    }

    @PostMapping("/review/{code}")
    String submit(@PathVariable String code, @RequestParam Map<String, String> fields, HttpServletRequest request,
            HttpServletResponse response, Locale locale, Model model, RedirectAttributes redirect) {
        String device = ReviewLinks.device(request, response);
        try {
            ReviewDesk.Submitted done = desk.submit(code, answersOf(fields), request.getRemoteAddr(), device);
            redirect.addFlashAttribute("thanks", done.month().toString());
            return "redirect:/review/" + code;
        } catch (NotFound e) {
            response.setStatus(404);
            return "review/missing";
        } catch (Invalid e) {
            response.setStatus(400);
            model.addAttribute("problems", answers.texts(e, locale));
        } catch (Conflict e) {
            response.setStatus(409);
            model.addAttribute("problems", List.of(messages.getMessage(e.key(), e.args(), locale)));
        } catch (ReviewDesk.Limited e) {
            response.setStatus(429);
            model.addAttribute("problems", List.of(messages.getMessage("review.limited",
                    new Object[] {e.perHour()}, locale)));
        }
        model.addAttribute("typed", fields);
        return page(code, model, request, response);
    }

    private String page(String code, Model model, HttpServletRequest request, HttpServletResponse response) {
        Cards.Card card;
        try {
            card = desk.publicCard(code);
        } catch (NotFound e) {
            response.setStatus(404);
            return "review/missing";
        }
        String device = ReviewLinks.device(request, response);
        model.addAttribute("card", card);
        model.addAttribute("policeNumber", desk.policeNumber(card));
        model.addAttribute("matters", ReviewDesk.Matter.values());
        String month = desk.currentMonth().toString();
        model.addAttribute("month", month);
        if (!model.containsAttribute("thanks") && !model.containsAttribute("problems")
                && desk.reviewedThisMonth(card, device)) {
            // this phone's review of the month is in: said before the questions, not after they are all answered
            model.addAttribute("already", messages.getMessage("review.already", new Object[] {card.officerName(),
                    month}, LocaleContextHolder.getLocale()));
        }
        if (!model.containsAttribute("typed")) {
            // a review sent after the session idled out (the page left open on a phone) comes back here with its
            // answers as the flash of FormAnswers, under a line asking to check them and send again: they stay chosen
            model.addAttribute("typed", TypedForm.in(model).sentTo("/review/" + code));
        }
        return "review/public";
    }

    /** The form's fields as the desk reads them: a yes/no left unanswered, or a score not a number, is missing. */
    static ReviewDesk.Answers answersOf(Map<String, String> f) {
        return new ReviewDesk.Answers(yesNo(f.get("knows")), yesNo(f.get("seen")), f.get("matter"),
                score(f.get("score")), f.get("comment"), f.getOrDefault("website", ""));
    }

    private static Boolean yesNo(String v) {
        return "true".equals(v) ? Boolean.TRUE : "false".equals(v) ? Boolean.FALSE : null;
    }

    private static Integer score(String v) {
        return v != null && v.trim().matches("[0-9]{1,2}") ? Integer.valueOf(v.trim()) : null;
    }
}
