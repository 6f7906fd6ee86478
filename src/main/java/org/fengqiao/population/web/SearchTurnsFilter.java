package org.fengqiao.population.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.fengqiao.platform.Busy;
import org.fengqiao.population.internal.SearchTurns;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A person search request takes its turn ({@link SearchTurns}) for all of its work in the application: the controller,
 * the search's statement and audit entry, and writing the answer (JSON or page). Searches are processor work only; run
 * a few at a time, first come first served, each finishes at nearly full speed, instead of all of them sharing the two
 * cores and the slowest taking several times longer than the rest. Taken inside the search alone (before), the
 * reading of the request and the writing of the answer still ran all at once beside it and the turns did not shorten
 * the slowest searches (bench/README.md). After Spring Security (a filter of the lowest order), so a caller who is not
 * signed in is answered at once. A request that waited its time and got no turn is answered 503 busy in the reader's
 * language, as the search itself would be.
 */
@Component
class SearchTurnsFilter extends OncePerRequestFilter {

    private final SearchTurns turns;
    private final HandlerExceptionResolver errors;
    private final ObjectProvider<RequestMappingHandlerMapping> handlers;
    private final ObjectProvider<LocaleResolver> locales;

    SearchTurnsFilter(SearchTurns turns, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> handlers,
            @Qualifier("localeResolver") ObjectProvider<LocaleResolver> locales) {
        this.turns = turns;
        this.errors = errors;
        this.handlers = handlers;
        this.locales = locales;
    }

    /** The persons search of the API and the persons page: nothing else waits for these turns. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.equals("/api/v1/persons") && !path.equals("/persons");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            turns.take(() -> {
                try {
                    chain.doFilter(request, response);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ServletException e) {
                    throw new Wrapped(e);
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (Wrapped e) {
            throw e.servletException;
        } catch (Busy e) {
            // answered as if the search's controller had thrown it: the API's problem details or the error page, in
            // the language the application reads from the request (as the dispatcher would set it)
            LocaleContext outside = LocaleContextHolder.getLocaleContext();
            LocaleContextHolder.setLocale(locales.getObject().resolveLocale(request));
            try {
                if (errors.resolveException(request, response, handler(request), e) == null) {
                    throw e;
                }
            } finally {
                LocaleContextHolder.setLocaleContext(outside);
            }
        }
    }

    /** The controller method that would have answered the request (the error handlers apply per controller). */
    private Object handler(HttpServletRequest request) {
        try {
            HandlerExecutionChain chain = handlers.getObject().getHandler(request);
            return chain == null ? null : chain.getHandler();
        } catch (Exception e) {
            return null;
        }
    }

    private static final class Wrapped extends RuntimeException {
        private final ServletException servletException;

        Wrapped(ServletException e) {
            super(e);
            this.servletException = e;
        }
    }
}
