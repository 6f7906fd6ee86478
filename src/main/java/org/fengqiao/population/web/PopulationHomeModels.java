package org.fengqiao.population.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.population.internal.KeyPersonCare;
import org.fengqiao.population.internal.VerificationTasks;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the population work that waits for the signed-in person on the start page (account module, which cannot
 * depend on population):
 * <ul>
 *   <li>the number of overdue key-person visits: for a grid chief those of the grids he heads, for anyone else who
 *       reads population records those of his whole jurisdiction;</li>
 *   <li>the verification tasks not yet resolved: those given to him, and, when he reads population records, all of
 *       his jurisdiction's (the counts of the task list's "mine" and "open" views).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class PopulationHomeModels implements WebMvcConfigurer, HandlerInterceptor {

    static final String HOME_VIEW = "account/home";

    private final KeyPersonCare care;
    private final VerificationTasks verifications;

    PopulationHomeModels(KeyPersonCare care, VerificationTasks verifications) {
        this.care = care;
        this.verifications = verifications;
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
        Callers.current().ifPresent(caller -> {
            if (caller.may("POPULATION_READ")) {
                boolean chief = care.headsAGrid(caller);
                modelAndView.addObject("overdueKeyPersons", care.overdueCount(caller, chief));
                modelAndView.addObject("overdueMine", chief);
            }
            long mine = unresolved(caller, true);
            long all = caller.may("POPULATION_READ") ? unresolved(caller, false) : 0;
            if (mine > 0 || caller.may("POPULATION_READ")) {
                modelAndView.addObject("myVerificationTasks", mine);
                modelAndView.addObject("openVerificationTasks", all);
            }
        });
    }

    private long unresolved(Caller caller, boolean mine) {
        return verifications.list(new VerificationTasks.Filter(null, null, null, mine, true), caller, 0, 0).total();
    }
}
