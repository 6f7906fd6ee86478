package org.fengqiao.population.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.population.internal.CareAgreements;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Adds the care data to pages rendered by other controllers, so those stay untouched: a person's page gets the
 * person's care agreements (the page's read is audited by the page itself, and it answered 404 before this runs when
 * the person is outside the caller's scope). The start page's figures are {@link PopulationStartPage}'s.
 */
@Configuration(proxyBeanMethods = false)
class CarePageModels implements WebMvcConfigurer, HandlerInterceptor {

    static final String PERSON_VIEW = "population/person";

    private final CareAgreements agreements;

    CarePageModels(CareAgreements agreements) {
        this.agreements = agreements;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/persons/*");
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
            ModelAndView modelAndView) {
        if (modelAndView == null || modelAndView.getViewName() == null) {
            return;
        }
        if (PERSON_VIEW.equals(modelAndView.getViewName())) {
            Object vars = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            if (vars instanceof Map<?, ?> map && map.get("id") instanceof String id) {
                UUID personId = UUID.fromString(id);
                Callers.current().flatMap(caller -> agreements.child(personId, caller)).ifPresent(child ->
                        modelAndView.addObject("careAgreements", agreements.of(personId)));
                modelAndView.addObject("careToday", java.time.LocalDate.now(LocalTimes.ZONE));
                modelAndView.addObject("careRoles", org.fengqiao.population.HelperRole.values());
            }
        }
    }
}
