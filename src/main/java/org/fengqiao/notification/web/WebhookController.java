package org.fengqiao.notification.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.fengqiao.notification.internal.Webhooks;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Unchanged;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "A unit's outbound webhooks: every incident step of its subtree, signed, retried")
class WebhookController {

    static final int RECENT = 50;

    /** What the registration's answer is the only one to carry (a receiver's token in the URL's query). */
    static final String WHOLE_ONCE = "The url is answered whole, its query values (a receiver's token) included, in this "
            + "answer only, this once: keep it. Every later read (the list, the webhook, the page) and the audit trail "
            + "show its query values masked (?token=***).";

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    record Registration(UUID unitId, String url, String secret, String description) {
    }

    record Detail(Webhooks.Webhook webhook, List<Webhooks.Delivery> deliveries) {
    }

    @GetMapping
    @PreAuthorize("hasAuthority('WEBHOOK_MANAGE')")
    @Operation(summary = "The webhooks of the units in the caller's scope")
    List<Webhooks.Webhook> list() {
        return webhooks.list(Callers.require());
    }

    @PostMapping
    @PreAuthorize("hasAuthority('WEBHOOK_MANAGE')")
    @Operation(summary = "Register a webhook for a unit of the caller's scope",
            description = "url: http or https. " + WHOLE_ONCE + " secret: 16 to 256 characters, signs every request "
                    + "(X-Fengqiao-Signature: sha256=HMAC-SHA256(secret, X-Fengqiao-Timestamp + '.' + body)), never "
                    + "answered; receivers deduplicate by X-Fengqiao-Event-Id.")
    @ApiResponse(responseCode = "201", description = "The webhook registered. " + WHOLE_ONCE)
    ResponseEntity<Webhooks.Webhook> register(@RequestBody Registration r) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(webhooks.register(r.unitId(), r.url(), r.secret(), r.description(), Callers.require()));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('WEBHOOK_MANAGE')")
    @Operation(summary = "One webhook with its recent deliveries")
    Detail get(@PathVariable UUID id) {
        return new Detail(webhooks.get(id, Callers.require()), webhooks.deliveries(id, Callers.require(), RECENT));
    }

    @PostMapping("/{id}/disable")
    @PreAuthorize("hasAuthority('WEBHOOK_MANAGE')")
    @Operation(summary = "Stop sending; no events are queued while disabled")
    Webhooks.Webhook disable(@PathVariable UUID id) {
        return setActive(id, false);
    }

    @PostMapping("/{id}/enable")
    @PreAuthorize("hasAuthority('WEBHOOK_MANAGE')")
    @Operation(summary = "Send again (what is still waiting, and new events)")
    Webhooks.Webhook enable(@PathVariable UUID id) {
        return setActive(id, true);
    }

    private Webhooks.Webhook setActive(UUID id, boolean active) {
        try {
            return webhooks.setActive(id, active, Callers.require());
        } catch (Unchanged e) {
            // already in that state: answered as it stands, nothing written
            return webhooks.get(id, Callers.require());
        }
    }

    @PostMapping("/deliveries/{id}/retry")
    @PreAuthorize("hasAuthority('WEBHOOK_MANAGE')")
    @Operation(summary = "Retry a failed or waiting delivery now", description = "A failed one gets a fresh run of attempts.")
    Webhooks.Delivery retry(@PathVariable UUID id) {
        return webhooks.retry(id, Callers.require());
    }
}
