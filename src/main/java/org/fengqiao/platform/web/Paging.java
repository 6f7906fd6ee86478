package org.fengqiao.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where a paged list starts its page ({@link #offset}), and what its pages do when asked for one past their last.
 *
 * <p>Paged list pages asked for a page past their last (a bookmark or a link from before the list shrank, a number
 * typed into the address): they show the last page instead, by a redirect to the same address with the last page's
 * number, so the page never says "no matches" beside a total that says there are some.
 */
public final class Paging {

    private Paging() {
    }

    /**
     * The number of rows before page {@code page} (numbered from 1; below 1 reads as 1) of {@code size} rows: the SQL
     * offset of every paged list. A page number typed into the address or sent by a script can be any int, and the
     * product overflowed an int to a negative offset, which PostgreSQL refuses (a server error); the offset is
     * computed as a long and held at {@link Integer#MAX_VALUE}, past the end of any list the platform holds, so a page
     * far past the end answers an empty page (and a list page then sends it to its last).
     */
    public static int offset(long page, int size) {
        return (int) Math.min(Integer.MAX_VALUE, (Math.max(1, page) - 1) * Math.max(0L, size));
    }

    /**
     * The redirect to the last page when {@code page} (numbered from 1) lies past the {@code pages} the list has;
     * empty when the page is one of them or the list is empty (then its own "no matches" is true).
     */
    public static Optional<String> lastPageIfPast(long page, long pages) {
        return page > pages && pages > 0 ? Optional.of(redirectTo(pages)) : Optional.empty();
    }

    /** The same, for a list whose pages are numbered from 0 in its address (the audit trail). */
    public static Optional<String> lastPageIfPastFromZero(long page, long pages) {
        return page >= pages && pages > 0 ? Optional.of(redirectTo(pages - 1)) : Optional.empty();
    }

    /** The present request's address, within the application, with its {@code page} parameter replaced. */
    private static String redirectTo(long page) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // the query string as the browser sent it (already encoded), with only the page changed
        return "redirect:" + UriComponentsBuilder.fromPath(path).query(request.getQueryString())
                .replaceQueryParam("page", page).build().toUriString();
    }
}
