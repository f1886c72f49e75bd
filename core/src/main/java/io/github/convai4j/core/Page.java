package io.github.convai4j.core;

import io.github.convai4j.errors.ConvaiException;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One page of a cursor-paginated listing ({@code agents().list(...)}, {@code conversations().list(...)},
 * ...), with the way to the next.
 *
 * <p>Use the page itself ({@link #items()}, {@link #nextCursor()}, {@link #hasMore()}, the full
 * {@link #response()}), step by hand with {@link #nextPage()}, or let the client page for you:
 * <pre>{@code
 * for (AgentSummary agent : client.agents().list(params).iterateAll()) { ... }
 * client.agents().list(params).streamAll().filter(...).findFirst();
 * }</pre>
 * Auto-paging is lazy: the next page is fetched only when iteration reaches the end of the current one,
 * on the iterating thread, with the same {@code RequestOptions} as the first page (each page is its own
 * call, with its own retries and deadline). A failure while fetching is thrown from the iterator.
 *
 * <p>Immutable and thread-safe; each iteration fetches its own pages.
 *
 * @param <T> the item type
 * @param <R> the page response type, e.g. {@code GetAgentsPageResponseModel}
 */
public final class Page<T, R> {

    private final Function<String, Page<T, R>> next;
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
     * @param next fetches the page of a cursor
     */
    public Page(RawResponse<R> raw, List<T> items, String cursor, String nextCursor, boolean hasMore,
            Function<String, Page<T, R>> next) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.items = Objects.requireNonNull(items, "items");
        this.cursor = cursor;
        this.nextCursor = nextCursor;
        this.hasMore = hasMore;
        this.next = Objects.requireNonNull(next, "next");
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
     * Returns the cursor of the next page ({@code next_cursor}).
     *
     * @return the cursor, or {@code null} on the last page
     */
    public String nextCursor() {
        return nextCursor;
    }

    /**
     * Tells whether there is a next page: the response said {@code has_more} and gave a cursor.
     *
     * @return {@code true} if {@link #nextPage()} will fetch a page
     */
    public boolean hasMore() {
        return hasMore;
    }

    /**
     * Returns the whole response of this page, with every property the API sent.
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
     * Fetches the next page, on the calling thread.
     *
     * @return the next page
     * @throws NoSuchElementException if this is the last page ({@link #hasMore()} is {@code false})
     * @throws io.github.convai4j.errors.ConvaiException if fetching fails
     */
    public Page<T, R> nextPage() {
        if (!hasMore) {
            throw new NoSuchElementException("This is the last page: check hasMore() before nextPage()");
        }
        checkProgress(cursor, nextCursor);
        return next.apply(nextCursor);
    }

    /**
     * Returns every page from this one on, fetching each when the iteration reaches it.
     *
     * @return the pages
     */
    public Iterable<Page<T, R>> iteratePages() {
        return () -> new Iterator<Page<T, R>>() {
            private Page<T, R> last;

            @Override
            public boolean hasNext() {
                return last == null || last.hasMore;
            }

            @Override
            public Page<T, R> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                last = last == null ? Page.this : last.nextPage();
                return last;
            }
        };
    }

    /**
     * Returns every item from this page on, fetching further pages lazily as the iteration needs them.
     *
     * @return the items
     */
    public Iterable<T> iterateAll() {
        return () -> new Iterator<T>() {
            private Page<T, R> page = Page.this;
            private Iterator<T> items = Page.this.items.iterator();

            @Override
            public boolean hasNext() {
                while (!items.hasNext() && page.hasMore) {
                    page = page.nextPage();
                    items = page.items.iterator();
                }
                return items.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return items.next();
            }
        };
    }

    /**
     * Returns every item from this page on as a sequential stream that fetches further pages lazily.
     *
     * @return the items
     */
    public Stream<T> streamAll() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterateAll().iterator(),
                Spliterator.ORDERED), false);
    }

    /** Stops a server that hands out the current page's cursor as the next one from being paged forever. */
    static void checkProgress(String cursorUsed, String nextCursor) {
        if (nextCursor != null && nextCursor.equals(cursorUsed)) {
            throw new ConvaiException("The server returned the cursor of the current page as the next cursor;"
                    + " stopping instead of fetching the same page forever");
        }
    }

    @Override
    public String toString() {
        return "Page[" + items.size() + " items, hasMore=" + hasMore + "]";
    }
}
