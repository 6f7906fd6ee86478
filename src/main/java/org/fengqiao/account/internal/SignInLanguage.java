package org.fengqiao.account.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import java.util.Optional;

/**
 * A language chosen on the sign-in page ({@code /login?lang=en}, the page's own language links): kept in the session
 * until the person signs in, where it wins over the language saved on their profile and becomes the profile's. A
 * sign-in without such a choice takes the profile's language. Only a choice made on the sign-in page counts: the
 * language cookie alone may be a year old, or another person's on a shared computer.
 */
public final class SignInLanguage {

    static final String ATTRIBUTE = "fengqiao.signInLanguage";

    private SignInLanguage() {
    }

    /** Remembers the language asked for on the sign-in page, as the pages read it: English, or else Chinese. */
    public static void chosen(HttpServletRequest request, String lang) {
        if (lang == null || lang.isBlank()) {
            return;
        }
        String tag = "en".equals(Locale.forLanguageTag(lang.trim().replace('_', '-')).getLanguage()) ? "en" : "zh-CN";
        request.getSession().setAttribute(ATTRIBUTE, tag);
    }

    /** The language chosen on the sign-in page, if one was, forgotten once taken (it applies to one sign-in). */
    static Optional<String> take(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof String tag)) {
            return Optional.empty();
        }
        session.removeAttribute(ATTRIBUTE);
        return Optional.of(tag);
    }
}
