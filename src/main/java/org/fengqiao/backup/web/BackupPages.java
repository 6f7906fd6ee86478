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
        for (Backups.Run r : runs) {
            if (r.error() != null) {
                reasons.put(r.id(), messages.getMessage(r.error(), r.errorArgs().toArray(), r.error(), locale));
            }
        }
        model.addAttribute("reasons", reasons);
        return "backup/backups";
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
