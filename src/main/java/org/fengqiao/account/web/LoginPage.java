package org.fengqiao.account.web;

import org.fengqiao.platform.FengqiaoProperties;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginPage {

    private final FengqiaoProperties properties;

    LoginPage(FengqiaoProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/login")
    String login(Model model) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        model.addAttribute("lockoutMinutes", properties.security().lockout().toMinutes());
        return "account/login";
    }
}
