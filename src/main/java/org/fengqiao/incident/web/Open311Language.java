package org.fengqiao.incident.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.IllformedLocaleException;
import java.util.Locale;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The language of the Open311 answers. GeoReport v2 names no language parameter: the answers follow the request's
 * Accept-Language (Chinese without one, as ever). Open311 servers that speak several languages (the CitySDK
 * extension, as Helsinki's and the Finnish 6Aika cities' servers have it) take a {@code locale} query parameter, an
 * ISO 639-1 code with an optional variant ({@code en}, {@code en_GB}, {@code zh_CN}); it is honoured here too and
 * wins over the header, for this request only (no cookie). A language the platform does not speak is ignored.
 */
@Configuration(proxyBeanMethods = false)
class Open311Language implements WebMvcConfigurer {

    static final String PARAMETER = "locale";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                Locale asked = asked(request.getParameter(PARAMETER));
                LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
                if (asked != null && resolver != null) {
                    // no response: the choice holds for this request and sets no cookie
                    resolver.setLocale(request, null, asked);
                }
                return true;
            }
        }).addPathPatterns(Open311Security.BASE + "/**");
    }

    /** The language a {@code locale} parameter names, if the platform speaks it. */
    static Locale asked(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String language = new Locale.Builder().setLanguageTag(value.strip().replace('_', '-')).build().getLanguage();
            return switch (language) {
                case "en" -> Locale.ENGLISH;
                case "zh" -> Locale.SIMPLIFIED_CHINESE;
                default -> null;
            };
        } catch (IllformedLocaleException e) {
            return null;
        }
    }
}
