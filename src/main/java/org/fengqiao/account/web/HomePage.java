package org.fengqiao.account.web;

import java.util.List;
import org.fengqiao.account.internal.PasswordExpiry;
import org.fengqiao.account.internal.PasswordExpiryPolicy;
import org.fengqiao.account.internal.StaffRegister;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.StartPageFigures;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The start page: who I am, where I sit, the work that waits for me (each module's {@link StartPageFigures}), and the
 * pages my role lets me use.
 */
@Controller
class HomePage {

    private final StaffRegister register;
    private final List<StartPageFigures> figures;
    private final PasswordExpiry expiry;

    HomePage(StaffRegister register, List<StartPageFigures> figures, PasswordExpiry expiry) {
        this.expiry = expiry;
        this.register = register;
        this.figures = figures;
    }

    @GetMapping("/")
    String home(Model model) {
        Caller caller = Callers.require();
        StaffRegister.Row me = register.byId(caller.staffId()).orElseThrow(() -> new NotFound("staff", caller.staffId()));
        model.addAttribute("me", me);
        model.addAttribute("caller", caller);
        // 等保 定期更换: from a week before the password expires, the start page says when
        PasswordExpiryPolicy.Decision age = expiry.of(me);
        model.addAttribute("passwordExpiresOn", age.expiring() ? ProfilePage.beijingMinute(age.expiresAt()) : null);
        figures.forEach(f -> f.addTo(caller, model));
        return "account/home";
    }
}
