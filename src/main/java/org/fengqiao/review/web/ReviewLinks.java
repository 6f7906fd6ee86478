package org.fengqiao.review.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The public link a card's QR code carries (this server's review page for the card), and the device cookie that
 * limits a device to one review per officer and month: a random value the browser keeps for a year, never tied to a
 * person; the desk keeps only its keyed blind index.
 */
@Component
class ReviewLinks {

    static final String DEVICE_COOKIE = "fengqiao_review_device";
    private static final int YEAR = 366 * 24 * 3600;
    private static final SecureRandom RANDOM = new SecureRandom();

    String publicUrl(String code) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/review/{code}").buildAndExpand(code)
                .toUriString();
    }

    /** The device's cookie, given to it now when it has none (or one that is no value of ours). */
    static String device(HttpServletRequest request, HttpServletResponse response) {
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (DEVICE_COOKIE.equals(c.getName()) && c.getValue() != null
                        && c.getValue().matches("[A-Za-z0-9_-]{22,64}")) {
                    return c.getValue();
                }
            }
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Cookie cookie = new Cookie(DEVICE_COOKIE, value);
        cookie.setPath("/");
        cookie.setMaxAge(YEAR);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        return value;
    }
}
