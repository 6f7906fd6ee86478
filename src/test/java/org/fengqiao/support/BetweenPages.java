package org.fengqiao.support;

import static org.mockito.Mockito.mock;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.mockito.AdditionalAnswers;
import org.mockito.stubbing.Answer;

/**
 * Another person's change committed while a list is read page by page: a stand-in for the list's repository that
 * answers every call through the real one (the real queries on the real database), except that the first time a page
 * past the first is asked for it first has {@code change} committed on another thread (a connection and transaction of
 * its own, as another request's) and waits for the commit. Whatever the reader sees of the change on that page is
 * what a person exporting at that moment would get.
 */
public final class BetweenPages {

    private BetweenPages() {
    }

    /**
     * @param pages the name of the method reading a page; its last argument is the offset, past the first page when
     *              above 0
     */
    public static <T> T changing(Class<T> type, T real, String pages, Runnable change) {
        return changing(type, real, pages,
                args -> args.length > 0 && args[args.length - 1] instanceof Integer offset && offset > 0, change);
    }

    /**
     * @param pages        the name of the method reading a page
     * @param pastTheFirst tells from that method's arguments whether it reads a page past the first (a keyset walk's
     *                     "after" given, say)
     */
    public static <T> T changing(Class<T> type, T real, String pages, Predicate<Object[]> pastTheFirst,
            Runnable change) {
        Answer<Object> through = AdditionalAnswers.delegatesTo(real);
        AtomicBoolean changed = new AtomicBoolean();
        return mock(type, invocation -> {
            boolean later = invocation.getMethod().getName().equals(pages)
                    && pastTheFirst.test(invocation.getArguments());
            if (later && changed.compareAndSet(false, true)) {
                CompletableFuture.runAsync(change).get(30, TimeUnit.SECONDS);
            }
            return through.answer(invocation);
        });
    }
}
