package org.fengqiao.incident.web;

import java.util.List;
import java.util.UUID;
import org.fengqiao.incident.internal.Photos;
import org.fengqiao.incident.internal.Ratings;
import org.springframework.stereotype.Component;

/**
 * What the resident's side adds to the staff's incident page: the photos and the reporter's rating. Called
 * from the template ({@code @incidentResident.of(id)}) after the page found the incident in the caller's scope.
 */
@Component("incidentResident")
public class ResidentSummaries {

    public record Summary(List<Photos.Photo> photos, Ratings.Rating rating) {
    }

    private final Photos photos;
    private final Ratings ratings;

    ResidentSummaries(Photos photos, Ratings ratings) {
        this.photos = photos;
        this.ratings = ratings;
    }

    public Summary of(UUID incident) {
        return new Summary(photos.of(incident), ratings.of(incident).orElse(null));
    }
}
