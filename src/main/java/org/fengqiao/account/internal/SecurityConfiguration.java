package org.fengqiao.account.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fengqiao.account.StaffRole;
import org.fengqiao.platform.Permission;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.platform.web.ProblemDetails;
import org.fengqiao.platform.web.TypedForm;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * Pages sign in with a form and keep the session in the database; API clients send a bearer token. Both follow the
 * account as it is now: a token's holder and a session's are read again on each request (SessionHolderFilter).
 * API errors (401, 403) come back as problem details, pages redirect to the login page.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    /**
     * Where machines call: the JSON API and the actuator (health probes, the system administrator's metrics). A caller
     * there without credentials, or without the right, is answered 401 or 403 as a problem detail, never redirected
     * to the sign-in page a script cannot use.
     */
    static final RequestMatcher API = new OrRequestMatcher(new AntPathRequestMatcher("/api/**"),
            new AntPathRequestMatcher("/actuator/**"));

    /** Style sheets, scripts and images: open to all, and never a reason to read the session. */
    static final String[] STATIC = {"/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico"};

    /**
     * No tracing observation around each security filter and each authorization decision: nothing reads them
     * (no tracer is configured), and the person search bench found them
     * to be a sixth of every request's processor time. The server's own request metric
     * (http.server.requests) stays.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Every security filter chain (pages and API, the 110 centre, Open311) sits behind this one firewall. */
    @Bean
    org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer firewall() {
        org.springframework.security.web.firewall.StrictHttpFirewall firewall = HeaderText.firewall();
        return web -> web.httpFirewall(firewall);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // Argon2id, the memory-hard winner of the Password Hashing Competition; the prefix lets the
        // hash change later without locking anybody out.
        Argon2PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
        return new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2));
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http, SignIn signIn, ApiTokens tokens, MessageSource messages,
            LocaleResolver locales, ObjectMapper json, StaffRegister register,
            PasswordExpiry expiry) throws Exception {
        AuthenticationEntryPoint apiEntryPoint = (request, response, e) ->
                problem(response, json, HttpStatus.UNAUTHORIZED, "unauthorized",
                        messages.getMessage("error.unauthorized", null, locales.resolveLocale(request)));
        // a password somebody else chose, or one past its maximum age, is named as the reason: the client's user
        // reads what to do (change it), not a bare "not allowed"
        AccessDeniedHandler apiDenied = (request, response, e) -> {
            String change = passwordToChange();
            String type = change == null ? "forbidden" : change;
            String key = change == null ? "error.forbidden"
                    : change.equals(EXPIRED) ? "account.password.expired" : "account.password.mustChange";
            problem(response, json, HttpStatus.FORBIDDEN, type, messages.getMessage(key, null,
                    locales.resolveLocale(request)));
        };
        // A page's form sent after its session idled out (the page left open on a phone) carries a CSRF token the
        // session no longer holds: back to the page of this site it came from, with what was typed and a line saying
        // to send it again (its fresh token now on the page), not the API's bare "not allowed" in JSON. A form from
        // no page of this site (a forgery's) and every other refusal here (the audit administrator's forms) are
        // answered 403: for a person's browser with the application's error page in his language, as a refusal
        // inside a page's handler is (ProblemDetails), saying what happened; a script keeps its problem detail.
        AccessDeniedHandler pageDenied = (request, response, e) -> {
            String back = e instanceof CsrfException ? FormAnswers.pageThatPosted(request) : null;
            String change = back == null ? passwordToChange() : null;
            if (change != null && ProblemDetails.wantsPage(request)) {
                response.sendRedirect(request.getContextPath()
                        + (change.equals(EXPIRED) ? "/profile?passwordExpired" : "/profile?passwordMustChange"));
                return;
            }
            if (back == null && ProblemDetails.wantsPage(request)) {
                if (e instanceof CsrfException) {
                    request.setAttribute(ProblemDetails.PAGE_PROBLEMS,
                            List.of(messages.getMessage("error.formNotFromHere", null, locales.resolveLocale(request))));
                }
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
            if (back == null) {
                apiDenied.handle(request, response, e);
                return;
            }
            if (back.startsWith("/login")) {
                response.sendRedirect(request.getContextPath() + "/login?expired");
                return;
            }
            FlashMap flash = new FlashMap();
            flash.put("problems", List.of(messages.getMessage("error.pageExpired", null, locales.resolveLocale(request))));
            flash.put(FormAnswers.FORM, TypedForm.of(request));
            flash.setTargetRequestPath(request.getContextPath() + back.replaceFirst("[?#].*", ""));
            new SessionFlashMapManager().saveOutputFlashMap(flash, request, response);
            response.sendRedirect(request.getContextPath() + back);
        };
        AuthenticationFailureHandler loginFailure = (request, response, e) -> {
            String reason = e instanceof org.springframework.security.authentication.LockedException ? "locked" : "bad";
            if (e instanceof SignIn.LockedUntil locked) {
                // the login page says until when, as the token endpoint does: the lock's length alone reads as fifteen
                // minutes more to whoever tries again ten minutes in. Not in the address, where anyone could write it.
                FlashMap flash = new FlashMap();
                flash.put("lockedUntil", locked.until());
                flash.setTargetRequestPath(request.getContextPath() + "/login");
                new SessionFlashMapManager().saveOutputFlashMap(flash, request, response);
            }
            response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
        };

        // A language chosen on the sign-in page wins for the session it opens, without changing the profile (see
        // SignInLanguage); without such a choice the language saved on the profile applies from the moment the person
        // signs in, whatever the language cookie still says from before.
        SavedRequestAwareAuthenticationSuccessHandler loginSuccess = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                    Authentication authentication) throws java.io.IOException, jakarta.servlet.ServletException {
                java.util.Optional<String> chosen = SignInLanguage.take(request);
                if (authentication.getPrincipal() instanceof StaffPrincipal principal) {
                    java.util.Optional<String> language = chosen.isPresent() ? chosen
                            : register.byId(principal.caller().staffId()).map(StaffRegister.Row::locale);
                    language.ifPresent(tag -> locales.setLocale(request, response, Locale.forLanguageTag(tag)));
                }
                super.onAuthenticationSuccess(request, response, authentication);
            }
        };
        loginSuccess.setDefaultTargetUrl("/");
        // A page asked for with a session id the database no longer knows (idled out after 30 minutes)
        // says so on the login page, instead of a bare login form.
        LoginUrlAuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint("/login");
        AuthenticationEntryPoint pageEntryPoint = (request, response, e) -> {
            if (request.getAttribute(SessionHolderFilter.ACCOUNT_ENDED) != null) {
                response.sendRedirect(request.getContextPath() + "/login?deactivated");
                return;
            }
            if (request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid()) {
                response.sendRedirect(request.getContextPath() + "/login?expired");
                return;
            }
            loginPage.commence(request, response, e);
        };

        // the default's two places, named so that the session's holder, read again on each request, can be put back
        SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
        RequestMatcher staticFiles = new OrRequestMatcher(java.util.Arrays.stream(STATIC)
                .<RequestMatcher>map(AntPathRequestMatcher::new).toList());

        http
            .authenticationProvider(signIn)
            .securityContext(context -> context.securityContextRepository(contexts))
            .addFilterBefore(new BearerTokenFilter(tokens, apiEntryPoint), UsernamePasswordAuthenticationFilter.class)
            // before the anonymous caller is put in and the request authorised: a session ended here goes on signed out
            .addFilterBefore(new SessionHolderFilter(register, contexts, staticFiles, expiry), AnonymousAuthenticationFilter.class)
            .authorizeHttpRequests(auth -> auth
                .requestMatchers(STATIC).permitAll()
                .requestMatchers("/login", "/error",
                        "/actuator/health", "/actuator/health/**", "/actuator/info",
                        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                .requestMatchers("/api/v1/auth/token").permitAll()
                // the resident's side of incidents: the public report page, tracking by code (no account)
                .requestMatchers("/report", "/track", "/track/**", "/api/public/**").permitAll()
                // the residents' review of their officer, reached by the QR code on his card (群众评议, no account)
                .requestMatchers("/review/*").permitAll()
                // 三员分立: the audit administrator reads the trail and changes nothing else (only their
                // own password). Refused here, before any request body is read, so the answer is
                // always 403 and never a validation error about a change that was never allowed.
                // (and, as the next rule, nothing for a person whose password somebody else chose: this rule decides
                // every such write, so a "not the audit administrator" alone let his writes through)
                // the platform's operating metrics: the whole installation's, so the system administrator's who
                // keeps it running (README); decided here, as actuator endpoints carry no method security
                .requestMatchers("/actuator/metrics", "/actuator/metrics/**").access((authentication, context) ->
                        new AuthorizationDecision(signedInWithAPasswordOfHisOwn(authentication.get())
                                && authentication.get().getAuthorities().stream().anyMatch(granted ->
                                        granted.getAuthority().equals(Permission.SYSTEM_METRICS.authority()))))
                .requestMatchers(SecurityConfiguration::writesSomethingOtherThanOneself)
                    .access((authentication, context) -> new AuthorizationDecision(
                            signedInWithAPasswordOfHisOwn(authentication.get())
                            && !isAuditAdministrator(authentication.get())))
                // a password somebody else chose is changed before anything else (等保: 首次登录修改初始口令), and so is
                // one past its maximum age (定期更换)
                // (signed in, and without that mark: the first rule that matches decides, so this one must not let
                // anybody through whom the last would stop)
                .requestMatchers(SecurityConfiguration::notForChangingOnesPassword).access((authentication, context) ->
                        new AuthorizationDecision(signedInWithAPasswordOfHisOwn(authentication.get())))
                .anyRequest().authenticated())
            .formLogin(form -> form
                .loginPage("/login")
                .successHandler(loginSuccess)
                .failureHandler(loginFailure)
                .permitAll())
            .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
            .csrf(csrf -> csrf
                // A bearer token is not sent by the browser on its own, so it cannot be forged across sites.
                .ignoringRequestMatchers(BearerTokenFilter::hasBearer)
                .ignoringRequestMatchers("/api/v1/auth/token")
                // the residents' review API takes JSON from any client and no cookie authorises anything there (the
                // review module's device cookie only limits a device to one review per officer and month)
                .ignoringRequestMatchers("/api/public/v1/review/**"))
            .exceptionHandling(ex -> ex
                .defaultAuthenticationEntryPointFor(apiEntryPoint, API)
                .defaultAuthenticationEntryPointFor(pageEntryPoint, request -> true)
                .defaultAccessDeniedHandlerFor(apiDenied, API)
                .defaultAccessDeniedHandlerFor(pageDenied, request -> true))
            .headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data: blob: https:; style-src 'self' 'unsafe-inline'; "
                        + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .permissionsPolicyHeader(p -> p.policy("geolocation=(self), camera=(self), microphone=()")));
        return http.build();
    }

    static boolean writesSomethingOtherThanOneself(jakarta.servlet.http.HttpServletRequest request) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.equals("/logout") && !path.startsWith("/api/v1/me") && !path.startsWith("/profile")
                && !path.equals("/login") && !path.equals("/api/v1/auth/token");
    }

    /**
     * What a person whose password somebody else chose, or whose password expired, may do before he changes it: his
     * profile, and signing out.
     */
    static boolean notForChangingOnesPassword(jakarta.servlet.http.HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.equals("/logout") && !path.equals("/profile") && !path.startsWith("/profile/")
                && !path.equals("/api/v1/me") && !path.startsWith("/api/v1/me/");
    }

    /** Signed in with a password he chose himself and that has not expired. */
    private static boolean signedInWithAPasswordOfHisOwn(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof StaffPrincipal principal
                && authentication.isAuthenticated() && !principal.passwordToChange();
    }

    private static boolean isAuditAdministrator(Authentication authentication) {
        return authentication.getPrincipal() instanceof StaffPrincipal principal
                && principal.caller().role().equals(StaffRole.AUDIT_ADMIN.name());
    }

    /** The problem type of a refusal for a password to change first. */
    static final String MUST_CHANGE = "password-must-change";
    static final String EXPIRED = "password-expired";

    /**
     * Why the signed-in person changes his password before anything else: {@link #MUST_CHANGE} (somebody else chose
     * it, which comes first), {@link #EXPIRED}, or null when he need not.
     */
    private static String passwordToChange() {
        Authentication held = SecurityContextHolder.getContext().getAuthentication();
        if (held == null || !(held.getPrincipal() instanceof StaffPrincipal principal)) {
            return null;
        }
        return principal.passwordMustChange() ? MUST_CHANGE : principal.passwordExpired() ? EXPIRED : null;
    }

    private static void problem(HttpServletResponse response, ObjectMapper json, HttpStatus status, String type,
            String title) throws java.io.IOException {
        ProblemDetail pd = ProblemDetail.forStatus(status);
        pd.setType(URI.create("https://fengqiao.org/problems/" + type));
        pd.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), pd);
    }
}
