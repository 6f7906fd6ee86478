package org.fengqiao.population.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fengqiao.audit.Audited;
import org.fengqiao.audit.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the import jobs honest when a process stops: every instance beats for the jobs it queued (the
 * running ones beat with each progress write as well), and any instance fails the jobs whose process has
 * not beaten for {@code fengqiao.imports.abandoned-after} (default two minutes), with a message in the
 * submitter's language saying to import the file again. Without it a job cut off by a crash or a redeploy
 * showed RUNNING for ever. It also builds the indexes a large import had set aside and whose job has ended
 * without building them ({@link DeferredIndexes#buildAbandoned}). Not under ShedLock on purpose: each instance must beat for its own jobs, and
 * failing a job takes its row lock (SKIP LOCKED), so two instances never fail the same job twice.
 */
@Component
public class ImportJobWatch {

    private static final Logger log = LoggerFactory.getLogger(ImportJobWatch.class);

    private final ImportJobs jobs;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final long silenceSeconds;
    private final DeferredIndexes deferredIndexes;

    ImportJobWatch(ImportJobs jobs, MessageSource messages, ApplicationEventPublisher events,
            DeferredIndexes deferredIndexes, @Value("${fengqiao.imports.abandoned-after:PT2M}") java.time.Duration abandonedAfter) {
        this.jobs = jobs;
        this.messages = messages;
        this.events = events;
        this.silenceSeconds = abandonedAfter.toSeconds();
        this.deferredIndexes = deferredIndexes;
    }

    @Scheduled(fixedDelayString = "${fengqiao.imports.heartbeat:PT30S}", initialDelayString = "PT5S")
    public void watch() {
        jobs.beat();
        List<ImportJobs.Abandoned> failed = failAbandoned();
        if (!failed.isEmpty()) {
            log.warn("Import jobs abandoned by a stopped process, now failed: {}",
                    failed.stream().map(a -> a.id().toString()).toList());
        }
        // indexes a large import set aside and did not build again: its process stopped, or the build failed
        deferredIndexes.buildAbandoned();
    }

    /** Fails the jobs no process beats for any more, each audited; answers them. */
    @Transactional
    public List<ImportJobs.Abandoned> failAbandoned() {
        List<ImportJobs.Abandoned> failed = jobs.failAbandoned(silenceSeconds,
                locale -> messages.getMessage("imports.interrupted", null, locale));
        for (ImportJobs.Abandoned a : failed) {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("kind", a.kind().name());
            after.put("status", ImportJobs.Status.FAILED.name());
            after.put("reason", "abandoned");
            after.put("processed", a.counts().processed());
            after.put("created", a.counts().created());
            after.put("updated", a.counts().updated());
            events.publishEvent(new Audited("IMPORT", "import-job", a.id().toString(), a.unitPath(), null, after, null)
                    .by(SystemActor.IMPORT_JOB_WATCH));
        }
        return failed;
    }
}
