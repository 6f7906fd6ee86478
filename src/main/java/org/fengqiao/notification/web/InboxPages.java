package org.fengqiao.notification.web;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.notification.internal.Inbox;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The inbox page: unread first, each entry opens its item (and is marked read on the way) or is marked
 * read where it stands. Plain forms that post and redirect, so it works on a phone without scripts.
 */
@Controller
class InboxPages {

    static final int PAGE_SIZE = 30;

    private final Inbox inbox;
    private final InboxViews views;
    private final Clock clock;

    InboxPages(Inbox inbox, InboxViews views, Clock clock) {
        this.inbox = inbox;
        this.views = views;
        this.clock = clock;
    }

    @GetMapping("/inbox")
    String list(@RequestParam(defaultValue = "1") int page, Locale locale, Model model) {
        int p = Math.max(1, page);
        Inbox.Page found = inbox.list(Callers.require(), false, PAGE_SIZE, Paging.offset(p, PAGE_SIZE));
        model.addAttribute("items", found.items().stream().map(e -> views.view(e, locale)).toList());
        model.addAttribute("total", found.total());
        model.addAttribute("unread", found.unread());
        model.addAttribute("page", p);
        String pastTheEnd = Paging.lastPageIfPast(p, Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE)).orElse(null);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        model.addAttribute("pages", Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        return "notification/inbox";
    }

    /** Marks the entry read and opens the item it points to. */
    @PostMapping("/inbox/{id}/open")
    String open(@PathVariable UUID id) {
        Caller caller = Callers.require();
        Inbox.Entry entry = inbox.find(id, caller).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        inbox.markRead(id, caller, clock.instant());
        return "redirect:" + entry.link();
    }

    @PostMapping("/inbox/{id}/read")
    String read(@PathVariable UUID id, @RequestParam(defaultValue = "1") int page) {
        if (!inbox.markRead(id, Callers.require(), clock.instant())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/inbox?page=" + Math.max(1, page);
    }

    @PostMapping("/inbox/read-all")
    String readAll() {
        inbox.markAllRead(Callers.require(), clock.instant());
        return "redirect:/inbox";
    }
}
