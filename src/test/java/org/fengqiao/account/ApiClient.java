package org.fengqiao.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A plain HTTP client for the account tests: bearer-token API calls, and a browser-like form
 * sign-in (cookies, CSRF token read from the login page), without following redirects so the
 * tests can see where the application sends the user.
 */
public final class ApiClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public ApiClient(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(cookies).build();
    }

    public CookieManager cookies() {
        return cookies;
    }

    public HttpResponse<String> send(String method, String path, String token, Object body, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path, String token, String... headers) {
        return send("GET", path, token, null, headers);
    }

    /** A GET whose answer is a file (a PDF, an xlsx), as bytes, with any further headers as name, value pairs. */
    public HttpResponse<byte[]> download(String path, String token, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST of an HTML form, as a browser sends it, with any further headers as name, value pairs. */
    public HttpResponse<String> form(String path, Map<String, String> fields, String... headers) {
        return form(path, List.copyOf(fields.entrySet()), headers);
    }

    /** POST of an HTML form whose fields may repeat (a row of selects per member), in the order given. */
    public HttpResponse<String> form(String path, List<Map.Entry<String, String>> fields, String... headers) {
        try {
            String body = fields.stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
            for (int i = 0; i + 1 < headers.length; i += 2) {
                builder.header(headers[i], headers[i + 1]);
            }
            HttpRequest request = builder.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The CSRF token a page carries in its forms. */
    public String csrfFrom(String path) {
        String page = get(path, null).body();
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on " + path);
        }
        return m.group(1);
    }

    /** Signs in through the login form and returns where the application redirected to. */
    public HttpResponse<String> formLogin(String username, String password) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", username);
        fields.put("password", password);
        fields.put("_csrf", csrfFrom("/login"));
        return form("/login", fields);
    }

    /**
     * Signs in through the login form, as a browser does, and when {@code language} is given (zh-CN, en) switches the
     * pages to it; answers this client, holding the session.
     */
    public ApiClient signedIn(String username, String password, String language) {
        HttpResponse<String> login = formLogin(username, password);
        if (login.statusCode() != 302) {
            throw new IllegalStateException("sign-in of " + username + " answered " + login.statusCode());
        }
        if (language != null) {
            get("/?lang=" + language, null, "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        }
        return this;
    }

    /**
     * Sets the page language as a page's language choice leaves it (its cookie), for this client's session only, not
     * the account's: {@code ?lang=} would keep it on a shared demo account too.
     */
    public ApiClient languageCookie(String language) {
        // the one the sign-in left (the profile's language) goes: a request carrying both is read by the first
        for (java.net.HttpCookie old : List.copyOf(cookies.getCookieStore().getCookies())) {
            if (old.getName().equals("fq_lang")) {
                cookies.getCookieStore().remove(null, old);
            }
        }
        java.net.HttpCookie cookie = new java.net.HttpCookie("fq_lang", language);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(base), cookie);
        return this;
    }

    public String token(String username, String password) {
        HttpResponse<String> response = send("POST", "/api/v1/auth/token", null,
                Map.of("username", username, "password", password));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token for " + username + ": " + response.statusCode() + " " + response.body());
        }
        return json(response).get("token").asText();
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
