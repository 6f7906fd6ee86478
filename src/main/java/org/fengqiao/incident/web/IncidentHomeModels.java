package org.fengqiao.incident.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.fengqiao.incident.internal.Incidents;
import org.fengqiao.platform.Callers;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the signed-in person's to-do list on the start page (account module, which cannot depend on incidents): how
 * many open items he owns and how many of them are past their deadline, the phone's first screen for a grid manager.
 */
@Configuration(proxyBeanMethods = false)
class IncidentHomeModels implements WebMvcConfigurer, HandlerInterceptor {

    static final String HOME_VIEW = "account/home";

    private final Incidents incidents;
    private final Clock clock;

    IncidentHomeModels(Incidents incidents, Clock clock) {
        this.incidents = incidents;
        this.clock = clock;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/");
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
            ModelAndView modelAndView) {
        if (modelAndView == null || !HOME_VIEW.equals(modelAndView.getViewName())) {
            return;
        }
        Callers.current().filter(c -> c.may("INCIDENT_READ")).ifPresent(caller -> {
            Incidents.Owned owned = incidents.owned(caller.staffId(), caller.unitPaths(), clock.instant());
            modelAndView.addObject("myOpenItems", owned.open());
            modelAndView.addObject("myOverdueItems", owned.overdue());
        });
    }
}
