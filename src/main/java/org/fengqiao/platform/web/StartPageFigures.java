package org.fengqiao.platform.web;

import org.fengqiao.platform.Caller;
import org.springframework.ui.Model;

/**
 * What a module puts on the start page (account module, which depends on none of them): the figures of the work that
 * waits for the signed-in person, as model attributes its tiles read. Each module's bean adds only what the caller's
 * role lets him see, counted in his jurisdiction.
 */
public interface StartPageFigures {

    void addTo(Caller caller, Model model);
}
