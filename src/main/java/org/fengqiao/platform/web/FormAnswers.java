package org.fengqiao.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Unchanged;
import org.fengqiao.platform.UniqueKey;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How a page answers a form that changes something: always with a redirect (a reload never posts twice), carrying the
 * outcome as a flash message in the reader's language. A notice when the change was made (未作改动 when what was sent
 * is what is recorded, {@link Unchanged}); one line per broken rule,
 * or the conflict's line, when it was refused (nothing changed); 404 for a record the reader may not see.
 *
 * <p>A refused form comes back as it was typed: its fields travel with the refusal as the flash attribute
 * {@value #FORM} (a {@link TypedForm}), from which the page fills its fields again; every page has that attribute,
 * empty when nothing was refused, so a template reads {@code ${form['note']}} without asking whether it is there.
 * A rule's line that does not name its field (必填, 格式不正确) is prefixed with the field's label as the page's form
 * labels it ({@link FieldLabels}).
 *
 * <p>A change the database refuses for a constraint (another person's change committed meanwhile) is answered as a
 * conflict is: the form comes back as typed with a line saying what happened ({@link IntegrityViolations}); for a
 * unique key the code checks ({@link UniqueKey}), the line its check gives when nothing races.
 */
@ControllerAdvice(annotations = Controller.class)
public class FormAnswers {

    /** The model attribute holding the fields of a refused form as typed. */
    public static final String FORM = "form";

    /** The notice of a form that changed nothing ({@link Unchanged}): 未作改动. */
    public static final String UNCHANGED = "form.unchanged";

    private final MessageSource messages;
    private final Map<String, UniqueKey> uniqueKeys;

    FormAnswers(MessageSource messages, List<UniqueKey> uniqueKeys) {
        this.messages = messages;
        this.uniqueKeys = IntegrityViolations.byConstraint(uniqueKeys);
    }

    /** Runs {@code change} and redirects to {@code to}, with the notice {@code noticeKey} if it went through. */
    public String redirect(String to, String noticeKey, Locale locale, RedirectAttributes redirect, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("notice", messages.getMessage(noticeKey, null, locale));
        } catch (Unchanged e) {
            // what was sent is what is recorded: "saved" would tell the officer a change was made that was not
            redirect.addFlashAttribute("notice", messages.getMessage(UNCHANGED, null, locale));
        } catch (Invalid e) {
            refused(redirect, e, locale);
        } catch (Conflict e) {
            refused(redirect, e, locale);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (DataIntegrityViolationException e) {
            HttpServletRequest request = request();
            RuntimeException checked = request == null ? null
                    : IntegrityViolations.checked(e, request, uniqueKeys).orElse(null);
            if (checked instanceof Invalid invalid) {
                refused(redirect, invalid, locale);
            } else if (checked instanceof Conflict conflict) {
                refused(redirect, conflict, locale);
            } else {
                refused(redirect, List.of(integrityText(e, locale)));
            }
        }
        return "redirect:" + to;
    }

    /**
     * A page's form refused outside {@link #redirect} (by an error no page handler catches), with {@code problems} as
     * its lines: redirected back to the page that posted it ({@link #pageThatPosted}) with what was typed, as a
     * refusal inside the handler comes back. Answers false, sending nothing, when the request was not a form posted
     * from a page of this site.
     */
    static boolean back(HttpServletRequest request, HttpServletResponse response, List<String> problems) {
        String page = "POST".equals(request.getMethod()) ? pageThatPosted(request) : null;
        if (page == null) {
            return false;
        }
        FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
        flash.put("problems", problems);
        flash.put(FORM, TypedForm.of(request));
        String location = request.getContextPath() + page;
        RequestContextUtils.saveOutputFlashMap(location, request, response);
        try {
            response.sendRedirect(response.encodeRedirectURL(location));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /** The line of a refusal {@link IntegrityViolations} explains; one it does not is thrown on. */
    private String integrityText(DataIntegrityViolationException e, Locale locale) {
        HttpServletRequest request = request();
        IntegrityViolations.Refusal refusal = request == null ? null
                : IntegrityViolations.refusal(e, request).orElse(null);
        if (refusal == null) {
            throw e;
        }
        return messages.getMessage(refusal.key(), null, locale);
    }

    /**
     * The path (and query) of the page of this site the request came from, by its Referer (the site sends it to
     * itself: Referrer-Policy same-origin); null for none, or for another site's.
     */
    public static String pageThatPosted(HttpServletRequest request) {
        String referer = request.getHeader(HttpHeaders.REFERER);
        if (referer == null) {
            return null;
        }
        try {
            URI from = URI.create(referer);
            boolean sameSite = from.getHost() != null && from.getHost().equalsIgnoreCase(request.getServerName())
                    && (from.getPort() == -1 ? "http".equalsIgnoreCase(from.getScheme()) ? 80 : 443 : from.getPort())
                            == request.getServerPort();
            String path = from.getRawPath();
            if (!sameSite || path == null || !path.startsWith(request.getContextPath() + "/")) {
                return null;
            }
            path = path.substring(request.getContextPath().length());
            if (path.startsWith("//")) {
                return null;
            }
            return from.getRawQuery() == null ? path : path + "?" + from.getRawQuery();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The form was refused for broken rules: they go with the redirect, and so does what was typed. */
    public void refused(RedirectAttributes redirect, Invalid e, Locale locale) {
        redirect.addFlashAttribute("problems", texts(e, locale));
        keepTyped(redirect);
    }

    /** The form was refused for a conflict with what is recorded: its line goes with the redirect, and what was typed. */
    public void refused(RedirectAttributes redirect, Conflict e, Locale locale) {
        redirect.addFlashAttribute("problems", List.of(messages.getMessage(e.key(), e.args(), e.key(), locale)));
        keepTyped(redirect);
    }

    /** The form was refused for another reason already said in {@code problems}: what was typed goes with it. */
    public void refused(RedirectAttributes redirect, List<String> problems) {
        redirect.addFlashAttribute("problems", problems);
        keepTyped(redirect);
    }

    /** The fields of the form being answered, as typed, for the page the redirect leads to. */
    public void keepTyped(RedirectAttributes redirect) {
        HttpServletRequest request = request();
        if (request != null) {
            redirect.addFlashAttribute(FORM, TypedForm.of(request));
        }
    }

    /**
     * Every broken rule as a line in the reader's language; a line that does not say which field it is about (the
     * shared {@code error.field.*} messages: 必填, 格式不正确…) is prefixed with that field's label on this page.
     */
    public List<String> texts(Invalid e, Locale locale) {
        Class<?> controller = controller();
        return e.problems().stream().map(p -> {
            String text = messages.getMessage(p.key(), p.args(), p.key(), locale);
            if (!p.key().startsWith("error.field.") || p.field() == null || p.field().isBlank()) {
                return text;
            }
            String label = ParameterLabels.label(messages, locale, controller, p.field());
            return messages.getMessage("error.parameter", new Object[] {label, text}, locale);
        }).toList();
    }

    /** Nothing refused: an empty form, so that every page may read its fields (a flashed one comes first). */
    @ModelAttribute(FORM)
    TypedForm noForm() {
        return TypedForm.none();
    }

    private static HttpServletRequest request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    /** The page controller answering the current request, whose {@link FieldLabels} name its fields. */
    private static Class<?> controller() {
        HttpServletRequest request = request();
        return request != null && request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE)
                instanceof HandlerMethod handler ? handler.getBeanType() : null;
    }
}
