package org.fengqiao.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.fengqiao.platform.Invalid;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Text holding a NUL character is refused as bad input, before anything reads it: PostgreSQL's text and jsonb cannot
 * hold one, so a search, a filter or a form carrying it (pasted from a damaged file, or sent so) failed as a server
 * error when its audit entry or its row was written. A request parameter answers 400 naming it (on a page, the
 * error page in the reader's language); a string in a JSON body answers 400 with its field, as any value of the
 * wrong form does.
 */
@Configuration
class NulCharacters implements WebMvcConfigurer {

    private static final char NUL = '\u0000';

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                // the error page of a refused request is rendered with that request's parameters: let it be
                if (request.getDispatcherType() == DispatcherType.ERROR) {
                    return true;
                }
                for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
                    for (String value : p.getValue()) {
                        if (value != null && value.indexOf(NUL) >= 0) {
                            throw Invalid.of(p.getKey(), "error.field.nul");
                        }
                    }
                }
                return true;
            }
        });
    }

    /** Whether a value of a JSON body was refused for holding a NUL character (by {@link #nulStrings}). */
    static boolean holdsNul(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return e instanceof InvalidFormatException f && f.getValue() instanceof String v && v.indexOf(NUL) >= 0;
    }

    /** Registered with the application's ObjectMapper by Spring Boot, as every Module bean is. */
    @Bean
    SimpleModule nulStrings() {
        SimpleModule module = new SimpleModule("nul-strings");
        module.addDeserializer(String.class, new StdScalarDeserializer<String>(String.class) {
            @Override
            public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
                String value = StringDeserializer.instance.deserialize(p, context);
                if (value != null && value.indexOf(NUL) >= 0) {
                    throw InvalidFormatException.from(p, "text holding a NUL character", value, String.class);
                }
                return value;
            }
        });
        return module;
    }
}
