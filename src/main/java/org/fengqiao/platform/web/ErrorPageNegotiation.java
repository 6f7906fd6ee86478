package org.fengqiao.platform.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The error of a page asked for without a stated preference (no Accept header, or only {@code *}{@code /*}) is the
 * error page, as for a browser. Spring Boot's error controller chooses between its page and its JSON by content
 * negotiation, and with nothing stated it answered JSON; on the error dispatch, a request that {@link
 * ProblemDetails#wantsPage wants a page} now negotiates HTML. Everything else negotiates as before.
 */
@Configuration(proxyBeanMethods = false)
class ErrorPageNegotiation implements WebMvcConfigurer {

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        // consulted only when the Accept header names nothing more precise than */*
        configurer.defaultContentTypeStrategy(request -> {
            HttpServletRequest servlet = request.getNativeRequest(HttpServletRequest.class);
            return servlet != null && servlet.getDispatcherType() == DispatcherType.ERROR
                    && ProblemDetails.wantsPage(servlet)
                    ? List.of(MediaType.TEXT_HTML) : ContentNegotiationStrategy.MEDIA_TYPE_ALL_LIST;
        });
    }
}
