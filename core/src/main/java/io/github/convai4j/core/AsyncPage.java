package io.github.convai4j.core;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One page of a cursor-paginated listing, for async code: the same as {@link Page}, but the next page
 * comes as a {@link CompletableFuture}, and {@link #forEachAll} walks every item without blocking a thread.
 * <pre>{@code
 * client.async().agents().list(params)
 *     .thenCompose(page -> page.forEachAll(agent -> System.out.println(agent.name())))
 *     .join();
 * }</pre>
 *
 * <p>Futures complete on the client's executor (see {@code ClientOptions.Builder#executor}).
 * Immutable and thread-safe.
 *
 * @param <T> the item type
 * @param <R> the page response type
 */
public final class AsyncPage<T, R> {

    private final Function<String, CompletableFuture<AsyncPage<T, R>>> next;
    private final Executor executor;
    private final String cursor;
    private final RawResponse<R> raw;
    private final List<T> items;
    private final String nextCursor;
    private final boolean hasMore;

    /**
     * Creates a page; the client's runtime does this for a paginated operation (a test may, to fake one).
     *
     * @param raw the page's response
     * @param items its items
     * @param cursor the cursor it was fetched with, or {@code null} for the first page
     * @param nextCursor the next page's cursor, or {@code null} on the last page
     * @param hasMore whether there is a next page
     * @param next fetches the page of a cursor; its futures fail with the call's exception itself
     * @param executor where {@link #forEachAll} hands out the items
     */
    public AsyncPage(RawResponse<R> raw, List<T> items, String cursor, String nextCursor, boolean hasMore,
            Function<String, CompletableFuture<AsyncPage<T, R>>> next, Executor executor) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.items = Objects.requireNonNull(items, "items");
        this.cursor = cursor;
        this.nextCursor = nextCursor;
        this.hasMore = hasMore;
        this.next = Objects.requireNonNull(next, "next");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Returns this page's items.
     *
     * @return the items; empty for an empty page
     */
    public List<T> items() {
        return items;
    }

    /**
     * Returns the cursor of the next page.
     *
     * @return the cursor, or {@code null} on the last page
     */
    public String nextCursor() {
        return nextCursor;
    }

    /**
     * Tells whether there is a next page.
     *
     * @return {@code true} if {@link #nextPage()} will fetch a page
     */
    public boolean hasMore() {
        return hasMore;
    }

    /**
     * Returns the whole response of this page.
     *
     * @return the response
     */
    public R response() {
        return raw.value();
    }

    /**
     * Returns the response with its status, headers and request id.
     *
     * @return the raw response
     */
    public RawResponse<R> rawResponse() {
        return raw;
    }

    /**
     * Fetches the next page. Cancelling the future aborts the fetch.
     *
     * @return the future next page; it fails with {@link NoSuchElementException} if this is the last page,
     *     or with the call's {@code ConvaiException}
     */
    public CompletableFuture<AsyncPage<T, R>> nextPage() {
        if (!hasMore) {
            CompletableFuture<AsyncPage<T, R>> none = new CompletableFuture<>();
            none.completeExceptionally(new NoSuchElementException("This is the last page: check hasMore() first"));
            return none;
        }
        try {
            Page.checkProgress(cursor, nextCursor);
            return next.apply(nextCursor);
        } catch (RuntimeException e) {
            CompletableFuture<AsyncPage<T, R>> failed = new CompletableFuture<>();
            failed.completeExceptionally(e);
            return failed;
        }
    }

    /**
     * Calls {@code action} with every item from this page on, fetching each next page once the items of
     * the one before have been handed over. No thread waits in between. {@code action} runs on the
     * client's executor, one item at a time, in order.
     *
     * @param action receives each item
     * @return a future that completes when the last item has been handled, or fails with the first
     *     failure of a fetch or of {@code action}; cancelling it stops the iteration
     */
    public CompletableFuture<Void> forEachAll(Consumer<? super T> action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            executor.execute(() -> consume(this, action, done));
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private static <T, R> void consume(AsyncPage<T, R> page, Consumer<? super T> action, CompletableFuture<Void> done) {
        try {
            for (T item : page.items) {
                if (done.isDone()) {
                    return;
                }
                action.accept(item);
            }
        } catch (Throwable t) {
            done.completeExceptionally(t);
            return;
        }
        if (!page.hasMore) {
            done.complete(null);
            return;
        }
        CompletableFuture<AsyncPage<T, R>> next = page.nextPage();
        done.whenComplete((value, failure) -> {
            if (done.isCancelled()) {
                next.cancel(true);
            }
        });
        next.whenComplete((nextPage, failure) -> {
            if (failure != null) {
                done.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            } else {
                consume(nextPage, action, done);
            }
        });
    }

    @Override
    public String toString() {
        return "AsyncPage[" + items.size() + " items, hasMore=" + hasMore + "]";
    }
}
