package org.fengqiao.review.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The public review API takes a resident's JSON from any client: its own chain, stateless and without CSRF (no cookie
 * authorises anything here; the device cookie only limits a device to one review per officer and month).
 */
@Configuration(proxyBeanMethods = false)
class ReviewPublicSecurity {

    static final String BASE = "/api/public/v1/review/";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 12)
    SecurityFilterChain publicReview(HttpSecurity http) throws Exception {
        http.securityMatcher(request -> request.getRequestURI().substring(request.getContextPath().length())
                .startsWith(BASE))
            .csrf(csrf -> csrf.disable())
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .securityContext(context -> context.requireExplicitSave(true))
            .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }
}
