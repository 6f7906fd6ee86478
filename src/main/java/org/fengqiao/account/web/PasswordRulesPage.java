package org.fengqiao.account.web;

import org.fengqiao.account.internal.PasswordRules;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.Permission;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The password and lockout rules in force, read-only, for the security administrator (ACCOUNT_MANAGE): he answers for
 * them to an assessor and to the staff, and they are configuration he cannot see from the pages otherwise. The numbers
 * are those the checks use ({@link PasswordRules#inForce}), not a copy.
 */
@Controller
class PasswordRulesPage {

    private final FengqiaoProperties properties;

    PasswordRulesPage(FengqiaoProperties properties) {
        this.properties = properties;
    }

    /**
     * The rules as the API tells them: the lockout also in minutes, and whether passwords expire said outright (a
     * null expiry would be left out of the answer altogether).
     */
    record Rules(int minLength, int maxLength, int minKinds, int kinds, boolean usernameRefused, int previousRefused,
            int maxFailedLogins, java.time.Duration lockout, long lockoutMinutes, boolean passwordsExpire,
            Long expiryDays, Long expiryWarningDays, boolean resetMustBeChanged) {

        static Rules of(PasswordRules r) {
            return new Rules(r.minLength(), r.maxLength(), r.minKinds(), r.kinds(), r.usernameRefused(),
                    r.previousRefused(), r.maxFailedLogins(), r.lockout(), r.lockout().toMinutes(), r.expiry() != null,
                    r.expiry() == null ? null : r.expiry().toDays(),
                    r.expiry() == null ? null : r.expiryWarning().toDays(), true);
        }
    }

    @GetMapping("/password-rules")
    String page(Model model) {
        model.addAttribute("rules", rules(Callers.require(), properties));
        return "account/password-rules";
    }

    static Rules rules(Caller caller, FengqiaoProperties properties) {
        if (!caller.may(Permission.ACCOUNT_MANAGE.authority())) {
            throw new AccessDeniedException(Permission.ACCOUNT_MANAGE.name());
        }
        return Rules.of(PasswordRules.inForce(properties.security()));
    }
}
