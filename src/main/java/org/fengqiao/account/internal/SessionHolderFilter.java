package org.fengqiao.account.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.fengqiao.platform.i18n.LanguageConfiguration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page session follows its account as it is now, as a bearer token does: the principal a session holds was worked
 * out at sign-in, so on each request its holder is read again (one query a second per person, cached in
 * {@link StaffRegister#signing}). An account deactivated or deleted since ends its session and the request goes on
 * signed out (a page is sent to the login page, which says why); a changed role, unit, set of served grids or password to change (set by others, or expired) replaces
 * the principal before the request is authorised and in the stored session; an unchanged one writes nothing. The
 * language on the profile answers a request that names none ({@link LanguageConfiguration}).
 */
class SessionHolderFilter extends OncePerRequestFilter {

    /** Set on a request whose session this filter ended because its account is no longer active. */
    static final String ACCOUNT_ENDED = SessionHolderFilter.class.getName() + ".ACCOUNT_ENDED";

    private final StaffRegister register;
    private final SecurityContextRepository contexts;
    private final RequestMatcher unchecked;
    private final PasswordExpiry expiry;

    /**
     * @param contexts where the security filter chain keeps the context between requests (the session)
     * @param unchecked requests that read no session and need no check (style sheets, scripts, images)
     */
    SessionHolderFilter(StaffRegister register, SecurityContextRepository contexts, RequestMatcher unchecked) {
        this(register, contexts, unchecked, new PasswordExpiry(java.time.Duration.ZERO, java.time.Clock.systemUTC()));
    }

    /** As above, a password past the maximum age marking the principal: its holder changes it first. */
    SessionHolderFilter(StaffRegister register, SecurityContextRepository contexts, RequestMatcher unchecked,
            PasswordExpiry expiry) {
        this.expiry = expiry;
        this.register = register;
        this.contexts = contexts;
        this.unchecked = unchecked;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestedSessionId() == null || BearerTokenFilter.hasBearer(request) || unchecked.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        Authentication held = SecurityContextHolder.getContext().getAuthentication();
        if (held != null && held.getPrincipal() instanceof StaffPrincipal principal) {
            Optional<StaffRegister.Signing> signing = register.signing(principal.caller().staffId())
                    .filter(s -> s.row().active());
            Optional<StaffPrincipal> now = signing.map(s -> s.principal(expiry));
            if (now.isEmpty()) {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
                request.setAttribute(ACCOUNT_ENDED, Boolean.TRUE);
                chain.doFilter(request, response);
                return;
            }
            // the profile's language, as it is now, for a request that names none (its cookie cleared): before the
            // Accept-Language every browser sends without being asked
            LanguageConfiguration.answerSessionInProfileLanguage(request, signing.get().row().locale());
            if (!now.get().equals(principal)) {
                UsernamePasswordAuthenticationToken fresh = UsernamePasswordAuthenticationToken.authenticated(now.get(),
                        null, now.get().getAuthorities());
                fresh.setDetails(held.getDetails());
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(fresh);
                SecurityContextHolder.setContext(context);
                contexts.saveContext(context, request, response);
            }
        }
        chain.doFilter(request, response);
    }
}
