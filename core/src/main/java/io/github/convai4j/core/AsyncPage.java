package io.github.convai4j.core;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

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

    private final PageFetcher<T, R> fetcher;
    private final String cursor;
    private final RawResponse<R> raw;
    private final List<T> items;
    private final String nextCursor;
    private final boolean hasMore;

    AsyncPage(PageFetcher<T, R> fetcher, String cursor, RawResponse<R> raw) {
        this.fetcher = fetcher;
        this.cursor = cursor;
        this.raw = raw;
        PageAccessors<R, T> accessors = fetcher.accessors();
        this.items = accessors.items(raw.value());
        this.nextCursor = accessors.nextCursor(raw.value());
        this.hasMore = accessors.hasMore(raw.value());
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
            PageFetcher.checkProgress(cursor, nextCursor);
            return fetcher.fetchAsync(nextCursor);
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
            fetcher.context().executor().execute(() -> consume(this, action, done));
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
        Futures.propagateCancel(done, next);
        next.whenComplete((nextPage, failure) -> {
            if (failure != null) {
                done.completeExceptionally(Futures.unwrap(failure));
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
