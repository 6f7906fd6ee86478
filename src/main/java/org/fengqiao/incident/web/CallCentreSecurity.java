package org.fengqiao.incident.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fengqiao.incident.internal.ApiKeys;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.CallerAware;
import org.fengqiao.platform.Permission;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The 110 command centre's system pushes incidents to {@code /api/v1/incidents/110} with an API key of a
 * unit ({@code X-Api-Key}), not a person's sign-in: its own filter chain, ahead of the application's,
 * stateless and without CSRF (nothing a browser sends by itself). The key makes a caller scoped to the
 * key's unit with only {@code INCIDENT_PUSH}; an unknown key answers 401.
 */
@Configuration(proxyBeanMethods = false)
class CallCentreSecurity {

    static final String PATH = "/api/v1/incidents/110";
    static final String HEADER = "X-Api-Key";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain callCentre(HttpSecurity http, ApiKeys keys, ObjectMapper json, MessageSource messages,
            LocaleResolver locales) throws Exception {
        // A request with a person's bearer token goes through the application's chain like any API call, and
        // the push endpoint refuses it (403) for want of INCIDENT_PUSH; any other takes this chain (401 without a key).
        http.securityMatcher(request -> !bearer(request)
                && PATH.equals(request.getRequestURI().substring(request.getContextPath().length())))
            .csrf(csrf -> csrf.disable())
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .addFilterBefore(new KeyFilter(keys), AnonymousAuthenticationFilter.class)
            .authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority(Permission.INCIDENT_PUSH.name()))
            .exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, e) -> {
                ProblemDetail pd = ProblemDetail.forStatus(HttpStatus.UNAUTHORIZED);
                pd.setType(URI.create("https://fengqiao.org/problems/unauthorized"));
                pd.setTitle(messages.getMessage("incident.apiKey.missing", null, locales.resolveLocale(request)));
                response.setStatus(401);
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                json.writeValue(response.getOutputStream(), pd);
            }));
        return http.build();
    }

    static boolean bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** The system behind a key, as a caller; its name is the caller's (not the whole record written out). */
    record SystemPrincipal(Caller caller) implements CallerAware, java.security.Principal {

        @Override
        public String getName() {
            return caller.username();
        }
    }

    static final class KeyFilter extends OncePerRequestFilter {

        private final ApiKeys keys;

        KeyFilter(ApiKeys keys) {
            this.keys = keys;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Optional<ApiKeys.KeyHolder> holder = keys.resolve(request.getHeader(HEADER));
            if (holder.isEmpty()) {
                chain.doFilter(request, response);
                return;
            }
            ApiKeys.KeyHolder h = holder.get();
            Caller caller = new Caller(null, "110:" + h.unitCode(), h.name(), "CALL_CENTRE_110", List.of(h.unitPath()),
                    Set.of(Permission.INCIDENT_PUSH.name()));
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(new SystemPrincipal(caller), null,
                    List.of(new SimpleGrantedAuthority(Permission.INCIDENT_PUSH.name()))));
            SecurityContextHolder.setContext(context);
            try {
                chain.doFilter(request, response);
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }
}
