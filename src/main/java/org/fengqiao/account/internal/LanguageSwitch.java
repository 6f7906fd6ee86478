package org.fengqiao.account.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The language switch of the page header ({@code ?lang=en} on any page) made by a signed-in person becomes their
 * profile's language, as a choice on the sign-in page does ({@link SignInLanguage}), so that the next sign-in keeps it.
 * The page's own language (cookie) is set by the platform's locale interceptor, as for anybody; this only saves it,
 * audited, when it changes and names a language the platform speaks. API calls, which take {@code lang} for one
 * answer's language, change no profile.
 */
@Configuration(proxyBeanMethods = false)
class LanguageSwitch implements WebMvcConfigurer, HandlerInterceptor {

    private final StaffAdministration administration;

    LanguageSwitch(StaffAdministration administration) {
        this.administration = administration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String lang = request.getParameter("lang");
        if (lang == null || BearerTokenFilter.hasBearer(request)) {
            return true;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof StaffPrincipal principal) {
            SignInLanguage.known(lang).ifPresent(tag -> administration.keepLanguage(principal.caller(), tag));
        }
        return true;
    }
}
