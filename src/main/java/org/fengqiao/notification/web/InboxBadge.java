package org.fengqiao.notification.web;

import org.fengqiao.notification.internal.Inbox;
import org.fengqiao.platform.Callers;
import org.springframework.stereotype.Component;

/** The unread count on the navigation bar: {@code ${@inboxBadge.unread()}} in layout.html. */
@Component("inboxBadge")
public class InboxBadge {

    private final Inbox inbox;

    InboxBadge(Inbox inbox) {
        this.inbox = inbox;
    }

    public long unread() {
        return Callers.current().map(inbox::unread).orElse(0L);
    }
}
