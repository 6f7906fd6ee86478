package org.fengqiao.audit.internal;

import java.util.List;

/**
 * One page of the trail, newest first, with the number of entries that match the query; {@code upTo} is the newest
 * entry the pages are counted from, to be asked for again with the next page.
 */
public record AuditPage(List<AuditEntry> items, int page, int size, long total, long upTo) {

    public int pages() {
        return (int) ((total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
