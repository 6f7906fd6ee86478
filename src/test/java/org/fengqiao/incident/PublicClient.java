package org.fengqiao.incident;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resident's browser without an account, for the public pages: keeps its cookies (the session that holds
 * the CSRF token), reads the token from the page's form, posts multipart forms with files, and comes from
 * its own address (X-Forwarded-For, which the application trusts from a local proxy) and language.
 */
public final class PublicClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    public record File(String name, String contentType, byte[] bytes) {
    }

    private final String base;
    private final String address;
    private final String language;
    private final HttpClient http;

    public PublicClient(int port, String address, String language) {
        this.base = "http://localhost:" + port;
        this.address = address;
        this.language = language;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(new CookieManager())
                .build();
    }

    public String address() {
        return address;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public HttpResponse<byte[]> bytes(String path) {
        try {
            return http.send(headers(HttpRequest.newBuilder(URI.create(base + path)).GET()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String csrf(String page) {
        String body = get(page).body();
        Matcher m = CSRF.matcher(body);
        boolean found = m.find();
        if (!found) {
            // a page that shows no form now (a review page to a phone that reviewed this month) still carries the
            // session's token in its head, as a tab opened before would have it in its form
            m = CSRF_META.matcher(body);
            found = m.find();
        }
        if (!found) {
            throw new IllegalStateException("no CSRF token on " + page);
        }
        return m.group(1);
    }

    /** Posts a multipart form (as the report page sends it) with the CSRF token of the page it came from. */
    public HttpResponse<String> post(String page, String action, Map<String, String> fields, List<File> files) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (!all.containsKey("_csrf")) { // a token of the test's own: one of a page left open past the session's life
            all.put("_csrf", csrf(page));
        }
        String boundary = "----fq" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : all.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (File f : files == null ? new ArrayList<File>() : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"" + f.name()
                    + "\"\r\nContent-Type: " + f.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(f.bytes());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + action))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Referer", base + page)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Follows a redirect the way a browser would, with the same cookies (the flash message travels in the session). */
    /** Files a request for help (求助) in a grid on the public form: the tracking code of the report it became. */
    public String fileHelp(UUID gridId, String description, String address) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("category", "HELP");
        form.put("gridId", gridId.toString());
        form.put("description", description);
        form.put("address", address);
        form.put("idempotencyKey", UUID.randomUUID().toString());
        HttpResponse<String> filed = post("/report", "/report", form, List.of());
        if (filed.statusCode() != 302) {
            throw new AssertionError("the report was not filed: " + filed.statusCode() + " " + filed.body());
        }
        String location = filed.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public HttpResponse<String> follow(HttpResponse<String> redirect) {
        String location = redirect.headers().firstValue("Location").orElseThrow();
        return get(location.startsWith("http") ? URI.create(location).getRawPath() : location);
    }

    private HttpRequest.Builder headers(HttpRequest.Builder request) {
        request.header("X-Forwarded-For", address);
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(headers(request).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
