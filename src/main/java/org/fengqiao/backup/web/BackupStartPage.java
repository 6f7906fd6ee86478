package org.fengqiao.backup.web;

import java.util.List;
import org.fengqiao.backup.internal.Backups;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.web.StartPageFigures;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The system administrator's start page tells how the latest backup went, so a nightly copy that failed is seen at the
 * next sign-in rather than only in a log.
 */
@Component
class BackupStartPage implements StartPageFigures {

    private final Backups backups;

    BackupStartPage(Backups backups) {
        this.backups = backups;
    }

    @Override
    public void addTo(Caller caller, Model model) {
        if (!caller.may("SYSTEM_BACKUP")) {
            return;
        }
        model.addAttribute("backupsAvailable", backups.available());
        List<Backups.Run> latest = backups.available() ? backups.runs(1) : List.of();
        model.addAttribute("latestBackup", latest.isEmpty() ? null : latest.get(0));
    }
}
