package org.fengqiao.forces.web;

import java.time.OffsetDateTime;
import java.util.List;
import org.fengqiao.forces.internal.ForcesDesk;
import org.fengqiao.forces.internal.Posts;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.web.StartPageFigures;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * A volunteer's or guard's first screen on his phone names the shift that matters now: the one he stands (to check out
 * of), the one he may check in to, or the next one, and leads to his page of posts and shifts. Before, the check-in
 * was three taps away under 群防群治 and his start page said nothing of his post.
 */
@Component
class ForcesStartPage implements StartPageFigures {

    /** What the start page says of the shift: on duty, check-in open, coming. */
    enum ShiftState {
        ON_DUTY, CHECK_IN, NEXT
    }

    private final ForcesDesk desk;

    ForcesStartPage(ForcesDesk desk) {
        this.desk = desk;
    }

    @Override
    public void addTo(Caller caller, Model model) {
        if (caller.staffId() == null) {
            return;
        }
        List<Posts.Shift> shifts = desk.myShifts(caller);
        OffsetDateTime now = desk.now();
        for (Posts.Shift s : shifts) {
            if (s.checkedInAt() != null && s.checkedOutAt() == null) {
                put(model, s, ShiftState.ON_DUTY);
                return;
            }
        }
        for (Posts.Shift s : shifts) {
            if (s.checkedInAt() == null && !s.closedUnchecked() && s.endsAt().isAfter(now)) {
                boolean open = !s.startsAt().minus(desk.earlyCheckIn()).isAfter(now);
                put(model, s, open ? ShiftState.CHECK_IN : ShiftState.NEXT);
                return;
            }
        }
    }

    private static void put(Model model, Posts.Shift shift, ShiftState state) {
        model.addAttribute("myShift", shift);
        model.addAttribute("myShiftState", state.name());
    }
}
