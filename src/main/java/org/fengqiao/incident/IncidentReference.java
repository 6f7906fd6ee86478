package org.fengqiao.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * How staff outside the incident's handling (the hard-cases board, the points ledger) name an incident: {@code SJ-}
 * and eight digits, derived from the incident's id, easy to tell apart and to say over the phone. Never the tracking
 * code: that is the resident's key to his report's public page ({@code /track/{code}}), where anyone holding it reads
 * the timeline and photos, rates the answer and reopens it. The digits are the first twelve hex digits of the MD5 of
 * the id's text, modulo 10^8, so that migration V158 computes the same in SQL for the rows written before.
 */
public final class IncidentReference {

    private IncidentReference() {
    }

    public static String of(UUID incidentId) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(incidentId.toString().getBytes(StandardCharsets.UTF_8));
            long head = Long.parseLong(HexFormat.of().formatHex(md5, 0, 6), 16);
            return "SJ-%08d".formatted(head % 100_000_000L);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java platform", e);
        }
    }
}
