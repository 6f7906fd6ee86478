package org.fengqiao.platform.i18n;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Chinese by default, English on request. What a request names itself wins: a {@code lang} parameter (kept in a
 * cookie), then the cookie. Then, for a signed-in page session, the language on its profile
 * ({@link #answerSessionInProfileLanguage}): a browser sends its Accept-Language by itself, so a session whose cookie
 * was cleared, or a new browser signed in to an account set to English, still gets the profile's pages. Then
 * Accept-Language, which an API client sets on purpose, then the language on the profile of an API client signed in
 * by its token ({@link #answerInProfileLanguage}); anything else is Simplified Chinese. A page session also gets its
 * profile's language as its cookie at sign-in.
 */
@Configuration
public class LanguageConfiguration implements WebMvcConfigurer {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    static final List<Locale> SUPPORTED = List.of(CHINESE, Locale.ENGLISH);
    static final String COOKIE = "fq_lang";
    static final String PROFILE = LanguageConfiguration.class.getName() + ".profile";
    static final String SESSION_PROFILE = LanguageConfiguration.class.getName() + ".sessionProfile";

    /**
     * A request whose caller's profile says {@code languageTag} (zh-CN or en) is answered in it when the request names
     * no language itself (no {@code lang}, no cookie, no Accept-Language).
     */
    public static void answerInProfileLanguage(HttpServletRequest request, String languageTag) {
        if (languageTag != null) {
            request.setAttribute(PROFILE, supported(Locale.forLanguageTag(languageTag)));
        }
    }

    /**
     * A request of a signed-in page session whose profile says {@code languageTag} (zh-CN or en) is answered in it
     * when the request names no language itself (no {@code lang}, no cookie), whatever the browser's Accept-Language.
     */
    public static void answerSessionInProfileLanguage(HttpServletRequest request, String languageTag) {
        if (languageTag != null) {
            request.setAttribute(SESSION_PROFILE, supported(Locale.forLanguageTag(languageTag)));
        }
    }

    @Bean
    LocaleResolver localeResolver() {
        return new LanguageResolver();
    }

    @Bean
    LocalValidatorFactoryBean validator(MessageSource messageSource) {
        LocalValidatorFactoryBean bean = new LocalValidatorFactoryBean();
        bean.setValidationMessageSource(messageSource);
        return bean;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
    }

    static Locale supported(Locale requested) {
        if (requested == null) {
            return CHINESE;
        }
        if ("en".equals(requested.getLanguage())) {
            return Locale.ENGLISH;
        }
        return CHINESE;
    }

    static final class LanguageResolver implements LocaleResolver {

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            if (request.getAttribute(COOKIE) instanceof Locale chosen) {
                return chosen;
            }
            if (request.getCookies() != null) {
                for (Cookie c : request.getCookies()) {
                    if (COOKIE.equals(c.getName())) {
                        return supported(Locale.forLanguageTag(c.getValue()));
                    }
                }
            }
            if (request.getAttribute(SESSION_PROFILE) instanceof Locale profile) {
                return profile;
            }
            String header = request.getHeader("Accept-Language");
            if (header == null || header.isBlank()) {
                return request.getAttribute(PROFILE) instanceof Locale profile ? profile : CHINESE;
            }
            try {
                List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
                Locale best = Locale.lookup(ranges, List.of(Locale.forLanguageTag("zh"), Locale.forLanguageTag("en")));
                return supported(best);
            } catch (IllegalArgumentException e) {
                return CHINESE;
            }
        }

        @Override
        public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
            request.setAttribute(COOKIE, supported(locale));
            if (response == null) {
                return;
            }
            Cookie cookie = new Cookie(COOKIE, supported(locale).toLanguageTag());
            cookie.setPath("/");
            cookie.setHttpOnly(true);
            cookie.setMaxAge(365 * 24 * 3600);
            response.addCookie(cookie);
        }
    }
}
