package org.fengqiao.notification.web;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;

/**
 * What went wrong with a webhook delivery, in the reader's words. The delivery keeps the technical error as the worker
 * wrote it ({@code ConnectException: …}, {@code HTTP 503: …}) for the engineer who runs the receiver; the station chief
 * reading his webhook's page is told what it means (the receiver could not be reached, did not answer in time, refused
 * the event), with the technical text beside it.
 */
final class DeliveryErrors {

    private static final Pattern HTTP = Pattern.compile("HTTP (\\d{3}).*", Pattern.DOTALL);

    private DeliveryErrors() {
    }

    /** The message key for a stored error, with its argument (the HTTP status) where it has one. */
    static String key(String error) {
        if (error == null || error.isBlank()) {
            return null;
        }
        if (HTTP.matcher(error).matches()) {
            return "notification.delivery.error.http";
        }
        if (error.startsWith("address refused")) {
            return "notification.delivery.error.refused";
        }
        if (error.startsWith("HttpConnectTimeoutException") || error.startsWith("HttpTimeoutException")) {
            return "notification.delivery.error.timeout";
        }
        if (error.startsWith("UnknownHostException") || error.startsWith("UnresolvedAddressException")) {
            return "notification.delivery.error.unknownHost";
        }
        if (error.startsWith("ConnectException") || error.startsWith("ClosedChannelException")) {
            return "notification.delivery.error.connect";
        }
        if (error.startsWith("SSL")) {
            return "notification.delivery.error.tls";
        }
        return "notification.delivery.error.other";
    }

    /** The stored error in the reader's words; null when there is none. */
    static String text(String error, MessageSource messages, Locale locale) {
        String key = key(error);
        if (key == null) {
            return null;
        }
        Matcher http = HTTP.matcher(error);
        Object[] args = http.matches() ? new Object[] {http.group(1)} : new Object[0];
        return messages.getMessage(key, args, key, locale);
    }
}
