package org.fengqiao.account.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.fengqiao.account.internal.ApiTokens;
import org.fengqiao.account.internal.SignIn;
import org.fengqiao.account.internal.StaffPrincipal;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication")
class TokenController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(LocalTimes.ZONE);

    private final SignIn signIn;
    private final ApiTokens tokens;
    private final MessageSource messages;

    TokenController(SignIn signIn, ApiTokens tokens, MessageSource messages) {
        this.signIn = signIn;
        this.tokens = tokens;
        this.messages = messages;
    }

    record Credentials(@NotBlank(message = "{account.username.required}") String username,
            @NotBlank(message = "{account.password.required}") String password) {
    }

    /**
     * {@code passwordMustChange}: somebody else chose the password; {@code passwordExpired}: it is past its maximum
     * age. Either way the token answers nothing but {@code /api/v1/me} and the change of the password until it changes.
     */
    record Token(String token, String tokenType, Instant expiresAt, String username, String role,
            boolean passwordMustChange, boolean passwordExpired) {
    }

    @PostMapping("/token")
    @Operation(summary = "Exchange a user name and password for a bearer token",
            description = "Five failures in a row lock the account for 15 minutes (FENGQIAO_MAX_FAILED_LOGINS, "
                    + "FENGQIAO_LOCKOUT). A password somebody else chose, or one past its maximum age "
                    + "(FENGQIAO_PASSWORD_MAX_AGE), still gets a token, marked passwordMustChange or passwordExpired: "
                    + "it answers 403 to everything but /api/v1/me and PUT /api/v1/me/password until the password "
                    + "is changed.")
    ResponseEntity<?> token(@Valid @RequestBody Credentials credentials) {
        try {
            StaffPrincipal principal = signIn.check(credentials.username(), credentials.password());
            ApiTokens.Issued issued = tokens.issue(principal.caller().staffId());
            return ResponseEntity.ok(new Token(issued.token(), "Bearer", issued.expiresAt(),
                    principal.getUsername(), principal.caller().role(), principal.passwordMustChange(),
                    principal.passwordExpired()));
        } catch (SignIn.LockedUntil e) {
            return refused("account.signIn.locked", TIME.format(e.until()));
        } catch (DisabledException e) {
            return refused("account.signIn.disabled");
        } catch (AuthenticationException e) {
            return refused("account.signIn.bad");
        }
    }

    private ResponseEntity<ProblemDetail> refused(String key, Object... args) {
        ProblemDetail pd = ProblemDetail.forStatus(HttpStatus.UNAUTHORIZED);
        pd.setType(URI.create("https://fengqiao.org/problems/unauthorized"));
        pd.setTitle(messages.getMessage("error.unauthorized", null, LocaleContextHolder.getLocale()));
        pd.setDetail(messages.getMessage(key, args, LocaleContextHolder.getLocale()));
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(pd);
    }
}
