package org.fengqiao.account.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import java.util.Optional;

/**
 * A language chosen on the sign-in page ({@code /login?lang=en}, the page's own language links): kept in the session
 * until the person signs in, where it wins over the language saved on their profile for the session it opens, and for
 * that session only. A sign-in without such a choice takes the profile's language. Only a choice made on the sign-in
 * page counts: the language cookie alone may be a year old, or another person's on a shared computer. No switch of
 * language by the address ({@code ?lang=}, here or on any page once signed in) changes the profile: one look in
 * English, or a shared test account read in English, leaves the account's language as its holder chose it on his
 * profile page, the one place that changes it.
 */
public final class SignInLanguage {

    static final String ATTRIBUTE = "fengqiao.signInLanguage";

    private SignInLanguage() {
    }

    /** Remembers the language asked for on the sign-in page, if the platform speaks it (English or Chinese). */
    public static void chosen(HttpServletRequest request, String lang) {
        known(lang).ifPresent(tag -> request.getSession().setAttribute(ATTRIBUTE, tag));
    }

    /**
     * The profile language a {@code lang} parameter names: {@code en} or {@code zh-CN} (any Chinese); nothing for a
     * language the platform does not speak, which no profile should be given.
     */
    static Optional<String> known(String lang) {
        if (lang == null || lang.isBlank()) {
            return Optional.empty();
        }
        return switch (Locale.forLanguageTag(lang.trim().replace('_', '-')).getLanguage()) {
            case "en" -> Optional.of("en");
            case "zh" -> Optional.of("zh-CN");
            default -> Optional.empty();
        };
    }

    /** The language chosen on the sign-in page, if one was, forgotten once taken (it applies to one session). */
    static Optional<String> take(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof String tag)) {
            return Optional.empty();
        }
        session.removeAttribute(ATTRIBUTE);
        return Optional.of(tag);
    }
}
