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
                    + "of one's own passwords a new one may not repeat (the current one); maxFailedLogins failed "
                    + "sign-ins in a row lock the account for lockout (ISO 8601) / lockoutMinutes; passwordsExpire "
                    + "false: no password expires, and expiryDays is left out.")
    PasswordRulesPage.Rules rules() {
        return PasswordRulesPage.rules(Callers.require(), properties);
    }
}
