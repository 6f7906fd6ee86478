package org.fengqiao.recovery.web;

import java.util.List;
import org.fengqiao.recovery.internal.Rates;
import org.fengqiao.recovery.internal.RecoveryFiles;
import org.springframework.stereotype.Component;

/** A file with everything hanging on it, as the API and the pages show it (phones and identity numbers masked). */
@Component
class RecoveryViews {

    record Detail(RecoveryFiles.File file, Rates.Figures figures, List<RecoveryFiles.Victim> victims,
            List<RecoveryFiles.Loss> losses, List<RecoveryFiles.Suspect> suspects, List<RecoveryFiles.Asset> assets,
            List<RecoveryFiles.AssetStep> assetSteps, List<RecoveryFiles.Return> returns,
            List<RecoveryFiles.Revisit> revisits) {
    }

    record EventDetail(RecoveryFiles.Event event, List<RecoveryFiles.Return> returns) {
    }

    private final RecoveryFiles files;

    RecoveryViews(RecoveryFiles files) {
        this.files = files;
    }

    Detail detail(RecoveryFiles.File f) {
        return new Detail(f, Rates.of(f), files.victims(f.id()), files.losses(f.id()), files.suspects(f.id()),
                files.assets(f.id()), files.steps(f.id()), files.returns(f.id()), files.revisits(f.id()));
    }

    /** An event with the returns on files the caller sees. */
    EventDetail event(RecoveryFiles.Event e, java.util.List<String> scopePaths) {
        return new EventDetail(e, files.eventReturns(e.id(), scopePaths));
    }
}
