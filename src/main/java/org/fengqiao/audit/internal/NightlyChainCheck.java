package org.fengqiao.audit.internal;

import java.util.Locale;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fengqiao.audit.Audited;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes the hash chain every night, so tampering is noticed even when nobody asks, and
 * records the outcome in the trail itself (action VERIFY, actor "system"). With several instances
 * behind a load balancer, ShedLock lets exactly one of them run it; holding the lock at least a
 * few minutes keeps an instance whose clock runs slightly behind from running it a second time.
 */
@Component
public class NightlyChainCheck {

    private static final Logger log = LoggerFactory.getLogger(NightlyChainCheck.class);

    private final AuditEntries entries;
    private final ApplicationEventPublisher events;

    NightlyChainCheck(AuditEntries entries, ApplicationEventPublisher events) {
        this.entries = entries;
        this.events = events;
    }

    @Scheduled(cron = "${fengqiao.audit.verify-cron:0 30 2 * * *}", zone = "Asia/Shanghai")
    @SchedulerLock(name = "audit-chain-check", lockAtLeastFor = "PT5M", lockAtMostFor = "PT2H")
    @Transactional
    public void run() {
        ChainCheck check = entries.verify();
        if (check.valid()) {
            log.info("Audit chain verified: {} entries, whole", check.checked());
        } else if (check.witnessedChainNo() != null) {
            log.error("Audit chain {}: the witness saw chain entry {} at {} ({}), {} entries checked", check.reason()
                    .toUpperCase(Locale.ROOT), check.witnessedChainNo(), check.witnessedAt(),
                    check.brokenSeq() == null ? "gone" : "now seq " + check.brokenSeq(), check.checked());
        } else {
            log.error("Audit chain BROKEN at entry {} ({}), {} entries checked", check.brokenSeq(), check.reason(),
                    check.checked());
        }
        events.publishEvent(new Audited("VERIFY", "audit", null, null, null, check.summary(), null));
    }
}
