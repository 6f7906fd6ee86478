package org.fengqiao.population.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.population.internal.CareAgreements;
import org.fengqiao.population.internal.KeyPersonCare;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Adds the care data to pages rendered by other controllers, so those stay untouched:
 * <ul>
 *   <li>the home page (account module, which cannot depend on population) gets the number of overdue
 *       key-person visits: for a grid chief those of the grids he heads, for anyone else who reads
 *       population records those of his whole jurisdiction;</li>
 *   <li>a person's page gets the person's care agreements (the page's read is audited by the page itself,
 *       and it answered 404 before this runs when the person is outside the caller's scope).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class CarePageModels implements WebMvcConfigurer, HandlerInterceptor {

    static final String HOME_VIEW = "account/home";
    static final String PERSON_VIEW = "population/person";

    private final KeyPersonCare care;
    private final CareAgreements agreements;

    CarePageModels(KeyPersonCare care, CareAgreements agreements) {
        this.care = care;
        this.agreements = agreements;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/", "/persons/*");
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
            ModelAndView modelAndView) {
        if (modelAndView == null || modelAndView.getViewName() == null) {
            return;
        }
        if (HOME_VIEW.equals(modelAndView.getViewName())) {
            Callers.current().filter(c -> c.may("POPULATION_READ")).ifPresent(caller -> {
                boolean chief = care.headsAGrid(caller);
                modelAndView.addObject("overdueKeyPersons", care.overdueCount(caller, chief));
                modelAndView.addObject("overdueMine", chief);
            });
        } else if (PERSON_VIEW.equals(modelAndView.getViewName())) {
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
