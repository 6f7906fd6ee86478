package org.fengqiao.supervision.web;

import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.supervision.internal.NoticePdf;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.fengqiao.supervision.internal.Notices;

/** What the API and the pages share: the caller's bureau and a unit he may issue notices to. */
final class SupervisionViews {

    private SupervisionViews() {
    }

    /** The path of the caller's bureau: the first unit of his own (a 通报 goes to all the bureau's police). */
    static String bureauPath(Caller caller) {
        String path = caller.unitPaths().get(0);
        return path.substring(0, path.indexOf('/', 1) + 1);
    }

    static ResponseEntity<byte[]> pdf(NoticePdf.Document d) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(d.fileName()).build()
                        .toString())
                .body(d.bytes());
    }

    static Optional<Notices.Target> target(Notices notices, UUID unitId, Caller caller) {
        return notices.targets(caller.scopePatterns()).stream().filter(t -> t.id().equals(unitId)).findFirst();
    }
}
