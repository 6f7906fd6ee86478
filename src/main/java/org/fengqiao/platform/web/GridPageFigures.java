package org.fengqiao.platform.web;

import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.springframework.ui.Model;

/**
 * What a module counts on a grid's page (the jurisdiction module's, which depends on none of them): the work waiting in
 * that grid, as model attributes the page reads. Each module's bean adds only what the caller may see.
 */
public interface GridPageFigures {

    void addTo(UUID gridId, Caller caller, Model model);
}
