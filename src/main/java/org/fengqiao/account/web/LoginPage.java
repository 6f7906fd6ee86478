package org.fengqiao.account.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.fengqiao.account.internal.SignInLanguage;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginPage {

    /** As the token endpoint writes the end of a lock: Beijing time, to the minute. */
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(LocalTimes.ZONE);

    private final FengqiaoProperties properties;

    LoginPage(FengqiaoProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String lang, HttpServletRequest request, Model model) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        // the page's language links (?lang=en) are an explicit choice: it outlives the sign-in, see SignInLanguage
        SignInLanguage.chosen(request, lang);
        model.addAttribute("lockoutMinutes", properties.security().lockout().toMinutes());
        model.addAttribute("maxFailedLogins", properties.security().maxFailedLogins());
        // set by the failed sign-in that found the account locked (a flash attribute): the moment the lock ends
        if (model.getAttribute("lockedUntil") instanceof Instant until) {
            model.addAttribute("lockedUntilShown", UNTIL.format(until));
        }
        return "account/login";
    }
}
