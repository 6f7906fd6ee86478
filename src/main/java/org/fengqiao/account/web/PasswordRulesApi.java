package org.fengqiao.account.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.FengqiaoProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@link PasswordRulesPage}'s rules for a client of the API, with the security administrator's token. */
@RestController
@Tag(name = "Staff", description = "People who work in the caller's jurisdiction and their sign-in accounts")
class PasswordRulesApi {

    private final FengqiaoProperties properties;

    PasswordRulesApi(FengqiaoProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/api/v1/password-rules")
    @Operation(summary = "The password and lockout rules in force (ACCOUNT_MANAGE)",
            description = "minKinds of the kinds (lower case, upper case, digits, symbols); previousRefused: how many "
                    + "of one's own latest passwords a new one may not repeat, the current one among them "
                    + "(FENGQIAO_PASSWORD_HISTORY); maxFailedLogins failed sign-ins in a row lock the account for "
                    + "lockout (ISO 8601) / lockoutMinutes; a password expires expiryDays after it is set "
                    + "(FENGQIAO_PASSWORD_MAX_AGE), the start page warns expiryWarningDays before, and an expired "
                    + "one signs in but every other call answers 403 password-expired until it is changed "
                    + "(PUT /api/v1/me/password); passwordsExpire false: no password expires, and expiryDays and "
                    + "expiryWarningDays are left out. resetMustBeChanged: a password an administrator set is "
                    + "changed by its holder first (403 password-must-change until then).")
    PasswordRulesPage.Rules rules() {
        return PasswordRulesPage.rules(Callers.require(), properties);
    }
}
