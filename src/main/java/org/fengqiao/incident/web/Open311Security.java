package org.fengqiao.incident.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Open311 GeoReport v2 at {@code /open311/v2} is public by the standard: anyone may read the services and
 * the (public fields of) requests, and a client posts a request with its {@code api_key} form field, checked
 * by the endpoint itself. Its own chain, stateless and without CSRF (a client, not a browser session, posts
 * there; no cookie ever authorises anything on this path).
 */
@Configuration(proxyBeanMethods = false)
class Open311Security {

    static final String BASE = "/open311/v2";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 11)
    SecurityFilterChain open311(HttpSecurity http) throws Exception {
        http.securityMatcher(request -> request.getRequestURI().substring(request.getContextPath().length())
                .startsWith(BASE + "/"))
            .csrf(csrf -> csrf.disable())
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .securityContext(context -> context.requireExplicitSave(true))
            .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }
}
