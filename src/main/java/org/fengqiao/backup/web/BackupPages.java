package org.fengqiao.backup.web;

import java.util.Locale;
import org.fengqiao.backup.internal.Backups;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.web.FormAnswers;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The system administrator's page of database backups: the copies kept, the latest runs, and a copy taken now. */
@Controller
@PreAuthorize("hasAuthority('SYSTEM_BACKUP')")
class BackupPages {

    static final int RUNS = 20;

    private final Backups backups;
    private final MessageSource messages;
    private final FormAnswers answers;

    BackupPages(Backups backups, MessageSource messages, FormAnswers answers) {
        this.backups = backups;
        this.messages = messages;
        this.answers = answers;
    }

    @GetMapping("/backups")
    String page(Locale locale, Model model) {
        model.addAttribute("available", backups.available());
        model.addAttribute("directory", backups.directory());
        model.addAttribute("keep", backups.keep());
        model.addAttribute("next", backups.nextNightly());
        model.addAttribute("copies", backups.list());
        java.util.List<Backups.Run> runs = backups.runs(RUNS);
        model.addAttribute("runs", runs);
        java.util.Map<java.util.UUID, String> reasons = new java.util.HashMap<>();
        java.util.Map<java.util.UUID, String> took = new java.util.HashMap<>();
        for (Backups.Run r : runs) {
            String reason = reason(messages, r, locale);
            if (reason != null) {
                reasons.put(r.id(), reason);
            }
            if (r.took() != null) {
                took.put(r.id(), took(messages, r.took(), locale));
            }
        }
        model.addAttribute("reasons", reasons);
        model.addAttribute("took", took);
        return "backup/backups";
    }

    /** Why a run failed, in the reader's words; null for a run that did not fail. */
    static String reason(MessageSource messages, Backups.Run run, Locale locale) {
        return run.error() == null ? null
                : messages.getMessage(run.error(), run.errorArgs().toArray(), run.error(), locale);
    }

    /**
     * How long a run took, to the second under an hour: a nightly copy that took ten times as long as the night
     * before (a disk going bad, the database grown) is seen here before it fails.
     */
    static String took(MessageSource messages, java.time.Duration took, Locale locale) {
        long seconds = Math.max(0, took.toSeconds());
        if (seconds < 60) {
            return messages.getMessage("backup.took.seconds", new Object[] {seconds}, locale);
        }
        if (seconds < 3600) {
            return messages.getMessage("backup.took.minutes", new Object[] {seconds / 60, seconds % 60}, locale);
        }
        return messages.getMessage("backup.took.hours", new Object[] {seconds / 3600, seconds % 3600 / 60}, locale);
    }

    @PostMapping("/backups")
    String take(Locale locale, RedirectAttributes redirect) {
        try {
            Backups.Backup taken = backups.take(Callers.require().username());
            redirect.addFlashAttribute("notice", messages.getMessage("backup.taken",
                    new Object[] {taken.name(), Backups.megabytes(taken.bytes())}, locale));
        } catch (Conflict refused) {
            answers.refused(redirect, refused, locale);
        }
        return "redirect:/backups";
    }
}
