package org.fengqiao.account.web;

import org.fengqiao.account.internal.StaffRegister;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.NotFound;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page: who I am, where I sit, and the pages my role lets me use. */
@Controller
class HomePage {

    private final StaffRegister register;

    HomePage(StaffRegister register) {
        this.register = register;
    }

    @GetMapping("/")
    String home(Model model) {
        Caller caller = Callers.require();
        StaffRegister.Row me = register.byId(caller.staffId()).orElseThrow(() -> new NotFound("staff", caller.staffId()));
        model.addAttribute("me", me);
        model.addAttribute("caller", caller);
        return "account/home";
    }
}
