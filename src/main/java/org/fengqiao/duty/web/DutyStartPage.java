package org.fengqiao.duty.web;

import org.fengqiao.duty.DutyPeriod;
import org.fengqiao.duty.internal.DutyDesk;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.StartPageFigures;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The community officer's start page says what his checklist (十五个一) still owes: today's items done of those due
 * and what is left in all the periods running, the counts of his checklist page. On a phone that page opens on the
 * form for recording a duty, and its state is a long scroll below: the start page is where he sees the day's work.
 */
@Component
class DutyStartPage implements StartPageFigures {

    private final DutyDesk desk;

    DutyStartPage(DutyDesk desk) {
        this.desk = desk;
    }

    @Override
    public void addTo(Caller caller, Model model) {
        if (!caller.may("DUTY_OWN")) {
            return;
        }
        DutyDesk.Checklist checklist;
        try {
            checklist = desk.mine(caller, null, LocaleContextHolder.getLocale());
        } catch (NotFound notAnOfficer) {
            return;
        }
        int todayDone = 0;
        int todayDue = 0;
        int open = 0;
        for (DutyDesk.PeriodView p : checklist.periods()) {
            open += p.due() - p.done();
            if (p.period() == DutyPeriod.DAY) {
                todayDone = p.done();
                todayDue = p.due();
            }
        }
        model.addAttribute("dutyTodayDone", todayDone);
        model.addAttribute("dutyTodayDue", todayDue);
        model.addAttribute("dutyOpen", open);
    }
}
