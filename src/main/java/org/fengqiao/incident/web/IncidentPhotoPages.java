package org.fengqiao.incident.web;

import java.util.UUID;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Photos;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.NotFound;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** A photo of an incident for staff: found only through an incident of the caller's scope, else 404. */
@Controller
class IncidentPhotoPages {

    private final IncidentDesk desk;
    private final Photos photos;

    IncidentPhotoPages(IncidentDesk desk, Photos photos) {
        this.desk = desk;
        this.photos = photos;
    }

    @GetMapping("/incidents/{id}/photos/{photo}")
    @PreAuthorize("hasAuthority('INCIDENT_READ')")
    ResponseEntity<byte[]> photo(@PathVariable UUID id, @PathVariable UUID photo) {
        try {
            desk.get(id, Submitter.of(Callers.require()));
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Photos.Content content = photos.content(id, photo, false)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(content.contentType()))
                .cacheControl(CacheControl.noStore()).body(content.bytes());
    }
}
