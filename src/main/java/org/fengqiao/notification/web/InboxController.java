package org.fengqiao.notification.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.notification.internal.Inbox;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.Paging;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/inbox")
@Tag(name = "Inbox", description = "消息: what the caller should hear of (items given to him, escalated to him, overdue visits)")
class InboxController {

    static final int MAX_PAGE = 100;

    private final Inbox inbox;
    private final InboxViews views;
    private final Clock clock;

    InboxController(Inbox inbox, InboxViews views, Clock clock) {
        this.inbox = inbox;
        this.views = views;
        this.clock = clock;
    }

    record PageView(List<InboxViews.View> items, long total, long unread, int page, int size) {
    }

    @GetMapping
    @Operation(summary = "The caller's inbox, unread first", description = "unread=true lists only what is unread.")
    PageView list(@RequestParam(defaultValue = "false") boolean unread, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int size, Locale locale) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        int p = Math.max(1, page);
        Inbox.Page found = inbox.list(Callers.require(), unread, limit, Paging.offset(p, limit));
        return new PageView(found.items().stream().map(e -> views.view(e, locale)).toList(), found.total(),
                found.unread(), p, limit);
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Mark one of the caller's entries read", description = "Anyone else's entry is not found (404).")
    InboxViews.View read(@PathVariable UUID id, Locale locale) {
        Caller caller = Callers.require();
        if (!inbox.markRead(id, caller, clock.instant())) {
            throw new NotFound("inbox entry", id);
        }
        return views.view(inbox.find(id, caller).orElseThrow(), locale);
    }

    @PostMapping("/read-all")
    @Operation(summary = "Mark all the caller's entries read")
    PageView readAll(Locale locale) {
        inbox.markAllRead(Callers.require(), clock.instant());
        return list(false, 1, 20, locale);
    }
}
