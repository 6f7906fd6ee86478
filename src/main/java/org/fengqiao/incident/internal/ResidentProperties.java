package org.fengqiao.incident.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The public side's settings: how many reports (and additions to a report) one address may send per hour,
 * how large a photo and how many per report or addition, how long after the answer a resident may
 * reopen the report, and how many tracking codes naming no report one address may try in a minute.
 */
@ConfigurationProperties("fengqiao.incident.resident")
public record ResidentProperties(@DefaultValue("10") int filingsPerHour, @DefaultValue("5MB") DataSize maxPhotoSize,
        @DefaultValue("4") int maxPhotos, @DefaultValue("P7D") Duration reopenWithin,
        @DefaultValue("30") int trackingGuessesPerMinute) {
}
