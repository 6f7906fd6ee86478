package org.fengqiao.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.lang.Nullable;

/**
 * JSON answers leave with their length in {@code Content-Length}, in one write to the socket.
 * <p>
 * Jackson writes into the response and flushes it. The length not being known by then, Tomcat sent the body in
 * chunked transfer encoding and, when the request ended, the closing empty chunk ({@code 0\r\n\r\n}) in a second
 * write: two writes to the socket and two segments to the client for every answer of the API, where one carries it
 * (seen with {@code strace} on a health check and a 110 push). Here the JSON is written into memory first; an answer
 * of the API is a page at most (a few kilobytes), and exports are files, not JSON. Replaces Spring Boot's converter
 * (the same class, with the application's {@link ObjectMapper}), so everything else about the JSON stays the same. The
 * actuator's answers (the health check) have a converter of their own and are still chunked.
 */
@Configuration(proxyBeanMethods = false)
class SizedJson {

    @Bean
    MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper mapper) {
        return new Converter(mapper);
    }

    static final class Converter extends MappingJackson2HttpMessageConverter {

        Converter(ObjectMapper mapper) {
            super(mapper);
        }

        @Override
        protected void writeInternal(Object object, @Nullable Type type, HttpOutputMessage outputMessage) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream(2048);
            super.writeInternal(object, type, new HttpOutputMessage() {
                @Override
                public OutputStream getBody() {
                    return body;
                }

                @Override
                public HttpHeaders getHeaders() {
                    return outputMessage.getHeaders();
                }
            });
            outputMessage.getHeaders().setContentLength(body.size());
            body.writeTo(outputMessage.getBody());
        }
    }
}
