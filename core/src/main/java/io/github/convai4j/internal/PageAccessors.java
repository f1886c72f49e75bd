package io.github.convai4j.internal;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * How to read one cursor-paginated response: its list of items, its {@code next_cursor} and its
 * {@code has_more}. The list property is named differently per operation ({@code agents},
 * {@code conversations}, {@code tools}, ...), so generated code supplies the three accessors, typically
 * as method references, and the runtime does the rest.
 *
 * <p>Read leniently: a missing list is an empty page; a missing {@code has_more} means "more" exactly when
 * there is a next cursor; a page that says {@code has_more: true} without a cursor ends the iteration,
 * since there is no way to ask for the next page.
 *
 * <p>Immutable and thread-safe if the functions are.
 *
 * @param <R> the page response type, e.g. {@code GetAgentsPageResponseModel}
 * @param <T> the item type
 */
public final class PageAccessors<R, T> {

    private final Function<? super R, ? extends List<T>> items;
    private final Function<? super R, String> nextCursor;
    private final Function<? super R, Boolean> hasMore;

    private PageAccessors(Function<? super R, ? extends List<T>> items, Function<? super R, String> nextCursor,
            Function<? super R, Boolean> hasMore) {
        this.items = items;
        this.nextCursor = nextCursor;
        this.hasMore = hasMore;
    }

    /**
     * Creates the accessors.
     *
     * @param items returns the page's items, or {@code null} if absent
     * @param nextCursor returns {@code next_cursor}, or {@code null} if absent or null
     * @param hasMore returns {@code has_more}, or {@code null} if absent
     * @param <R> the page response type
     * @param <T> the item type
     * @return the accessors
     */
    public static <R, T> PageAccessors<R, T> of(Function<? super R, ? extends List<T>> items,
            Function<? super R, String> nextCursor, Function<? super R, Boolean> hasMore) {
        return new PageAccessors<>(Objects.requireNonNull(items, "items"), Objects.requireNonNull(nextCursor, "nextCursor"),
                Objects.requireNonNull(hasMore, "hasMore"));
    }

    List<T> items(R response) {
        List<T> list = response == null ? null : items.apply(response);
        return list == null ? Collections.<T>emptyList() : Collections.unmodifiableList(list);
    }

    String nextCursor(R response) {
        String cursor = response == null ? null : nextCursor.apply(response);
        return cursor == null || cursor.isEmpty() ? null : cursor;
    }

    boolean hasMore(R response) {
        String cursor = nextCursor(response);
        if (cursor == null) {
            return false;
        }
        Boolean more = hasMore.apply(response);
        return more == null || more;
    }
}
