package org.fengqiao.population.internal;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.platform.Invalid;
import org.springframework.context.MessageSource;

/**
 * Why an import job failed, as the officer who started it reads it: the refusals of a file as a whole (a missing
 * header, a file too large) in their own words; a file that could not be read at all (not a workbook, an archive cut
 * short, a CSV not in UTF-8) as such; anything else as a failure of the system, named by the job so the log (which
 * keeps the exception) can be found. The reading library's and the database's own texts are never shown: they are in
 * English, name internals, and may quote the data.
 */
final class ImportFailures {

    private ImportFailures() {
    }

    /** The reason of a failed job, {@code failedKey} (with the reason as its argument) in the reader's language. */
    static String message(Throwable failure, UUID jobId, String failedKey, MessageSource messages, Locale locale) {
        String reason;
        if (failure instanceof Invalid invalid) {
            reason = invalid.problems().stream().map(p -> messages.getMessage(p.key(), p.args(), locale))
                    .reduce((a, b) -> a + messages.getMessage("text.semicolon", null, "；", locale) + b).orElse("");
            return messages.getMessage(failedKey, new Object[] {reason}, locale);
        }
        reason = unreadable(failure)
                ? messages.getMessage("imports.failed.unreadable", null, locale)
                : messages.getMessage("imports.failed.internal", new Object[] {String.valueOf(jobId)}, locale);
        return messages.getMessage(failedKey, new Object[] {reason}, locale);
    }

    /** Whether the file itself could not be read: an I/O or decoding failure, or the spreadsheet library's refusal. */
    static boolean unreadable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof CharacterCodingException
                    || t.getClass().getName().startsWith("org.apache.poi.")
                    || t.getClass().getName().startsWith("com.github.pjfanning.")) {
                return true;
            }
        }
        return false;
    }
}
