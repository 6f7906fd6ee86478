package org.fengqiao.account.web;

import jakarta.servlet.http.HttpServletRequest;
import org.fengqiao.account.internal.SignInLanguage;
import org.fengqiao.platform.FengqiaoProperties;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginPage {

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
        return "account/login";
    }
}
