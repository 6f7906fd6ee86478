package org.fengqiao.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Access to the current caller and the address the request came from. */
public final class Callers {

    private Callers() {
    }

    public static Optional<Caller> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof CallerAware aware) {
            return Optional.of(aware.caller());
        }
        return Optional.empty();
    }

    /** The caller of a request that passed authentication; anything else is a programming error. */
    public static Caller require() {
        return current().orElseThrow(() -> new IllegalStateException("no authenticated caller"));
    }

    public static Optional<String> remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            HttpServletRequest request = attrs.getRequest();
            return Optional.ofNullable(request.getRemoteAddr());
        }
        return Optional.empty();
    }
}
