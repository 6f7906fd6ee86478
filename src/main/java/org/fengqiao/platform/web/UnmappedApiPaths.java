package org.fengqiao.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A path under {@code /api/} that no handler serves (404) or a method its handlers do not take (405, with the
 * methods they do in {@code Allow}) answers the API's problem detail in the caller's language, as every other API
 * error does. Spring raises these two before any controller is chosen, so {@link ProblemDetails} (which applies to
 * the application's REST controllers) never sees them, and they went to Spring Boot's generic JSON in English.
 * <p>
 * Open311 answers the same two in its own format with a catch-all handler under its base path, which had to name
 * GeoReport's resources and their methods itself; here Spring names the methods (from the handler mappings), so
 * nothing is listed twice and a new endpoint is known at once. Every other path is left to the framework as before:
 * pages keep their HTML error pages, Open311 its errors list.
 */
@RestControllerAdvice
class UnmappedApiPaths {

    private final ProblemDetails problems;

    UnmappedApiPaths(ProblemDetails problems) {
        this.problems = problems;
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noSuchPath(NoResourceFoundException e, HttpServletRequest request)
            throws NoResourceFoundException {
        String path = apiPath(request);
        if (path == null) {
            throw e;
        }
        ProblemDetail pd = problems.problem(HttpStatus.NOT_FOUND, "error.api.notFound.title", "not-found");
        pd.setDetail(problems.text("error.api.notFound", path));
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(pd);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> methodNotTaken(HttpRequestMethodNotSupportedException e, HttpServletRequest request)
            throws HttpRequestMethodNotSupportedException {
        String path = apiPath(request);
        if (path == null || e.getSupportedHttpMethods() == null) {
            throw e;
        }
        String allowed = e.getSupportedHttpMethods().stream().map(HttpMethod::name).collect(Collectors.joining(", "));
        ProblemDetail pd = problems.problem(HttpStatus.METHOD_NOT_ALLOWED, "error.api.method.title",
                "method-not-allowed");
        pd.setDetail(problems.text("error.api.method", e.getMethod(), path, allowed));
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, allowed).body(pd);
    }

    /** The path asked for when it is the API's, without the context path; null for any other. */
    private static String apiPath(HttpServletRequest request) {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        return uri.startsWith("/api/") ? uri : null;
    }
}
