package org.fengqiao.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.fengqiao.account.internal.PasswordExpiry;
import org.fengqiao.account.internal.PasswordExpiryPolicy;
import org.fengqiao.account.internal.PasswordRules;
import org.fengqiao.account.internal.StaffAdministration;
import org.fengqiao.account.internal.StaffRegister;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One's own profile (phone, language) and password change. */
@Controller
@FieldLabels({"profile.", "staff."})
@RequestMapping("/profile")
class ProfilePage {

    private final StaffRegister register;
    private final StaffAdministration administration;
    private final StaffViews views;
    private final PageMessages messages;
    private final LocaleResolver locales;

    private final FengqiaoProperties properties;
    private final PasswordExpiry expiry;

    ProfilePage(StaffRegister register, StaffAdministration administration, StaffViews views, PageMessages messages,
            LocaleResolver locales, FengqiaoProperties properties, PasswordExpiry expiry) {
        this.properties = properties;
        this.expiry = expiry;
        this.register = register;
        this.administration = administration;
        this.views = views;
        this.messages = messages;
        this.locales = locales;
    }

    @GetMapping
    String profile(Model model) {
        Caller caller = Callers.require();
        StaffRegister.Row me = register.byId(caller.staffId()).orElseThrow(() -> new NotFound("staff", caller.staffId()));
        model.addAttribute("person", views.detail(me, caller));
        model.addAttribute("passwordMustChange", me.passwordMustChange());
        PasswordExpiryPolicy.Decision age = expiry.of(me);
        // a password somebody else chose is said first: changing it is what is asked, whatever its age
        model.addAttribute("passwordExpired", !me.passwordMustChange() && expiry.expired(me));
        model.addAttribute("passwordExpiresOn", age.expiresAt() == null ? null : beijingMinute(age.expiresAt()));
        // the hint under the new password says the limits the check applies
        model.addAttribute("passwordRules", PasswordRules.inForce(properties.security()));
        return "account/profile";
    }

    private static final java.time.format.DateTimeFormatter MINUTE = java.time.format.DateTimeFormatter
            .ofPattern(LocalTimes.TYPED_MINUTES).withZone(LocalTimes.ZONE);

    /** A moment as Beijing's date and minute, as the pages show times. */
    static String beijingMinute(java.time.Instant at) {
        return MINUTE.format(at);
    }

    @PostMapping
    String update(@RequestParam(required = false) String phone, @RequestParam(required = false) String locale,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            StaffRegister.Row row = administration.updateProfile(Callers.require(), phone, locale);
            // The chosen language applies from this page on, not only from the next sign-in.
            locales.setLocale(request, response, Locale.forLanguageTag(row.locale()));
            messages.notice(redirect, "account.profile.saved");
        } catch (Invalid e) {
            messages.problems(redirect, e);
        }
        return "redirect:/profile";
    }

    @PostMapping("/password")
    String password(@RequestParam(required = false) String currentPassword,
            @RequestParam(required = false) String newPassword, @RequestParam(required = false) String confirmPassword,
            RedirectAttributes redirect) {
        try {
            if (newPassword == null || !newPassword.equals(confirmPassword)) {
                throw Invalid.of("confirmPassword", "account.password.mismatch");
            }
            administration.changePassword(Callers.require(), currentPassword, newPassword);
            messages.notice(redirect, "account.password.changed");
        } catch (Invalid e) {
            messages.problems(redirect, e);
        }
        return "redirect:/profile";
    }
}
