package io.github.convai4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Cursor paging as the API does it: {@code cursor} and {@code page_size} in, a page plus
 * {@code next_cursor} and {@code has_more} out. Items are listed newest first; a cursor names the last
 * item of the previous page by its creation sequence, so deleting items between pages skips nothing.
 */
final class Paging {

    static final int DEFAULT_PAGE_SIZE = 30;
    static final int MAX_PAGE_SIZE = 100;

    /** Something that can be paged: its creation sequence number, increasing with age. */
    interface Sequenced {
        long sequence();
    }

    static final class Page<T> {
        final List<T> items;
        final boolean hasMore;
        final String nextCursor;

        Page(List<T> items, boolean hasMore, String nextCursor) {
            this.items = items;
            this.hasMore = hasMore;
            this.nextCursor = nextCursor;
        }
    }

    private Paging() {
    }

    /** Reads {@code page_size} (1 to 100, default 30) and {@code cursor}; errors go to {@code validation}. */
    static int pageSize(RecordedRequest request, Validation validation) {
        return validation.queryInt(request, "page_size", 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
    }

    /** The sequence the cursor names, {@link Long#MAX_VALUE} without a cursor, or -1 when invalid. */
    static long after(RecordedRequest request, Validation validation) {
        String cursor = request.queryParameter("cursor");
        if (cursor == null || cursor.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith("fake:")) {
                return Long.parseLong(decoded.substring(5));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the validation error
        }
        validation.error("value_error", Validation.loc("query", "cursor"),
                "Value error, invalid cursor: pass the next_cursor of the previous page unchanged", cursor,
                JsonTree.object("error", JsonTree.object()));
        return -1;
    }

    /** One page of {@code newestFirst} (sorted by descending sequence) after the cursor's item. */
    static <T extends Sequenced> Page<T> page(List<T> newestFirst, long after, int pageSize) {
        List<T> items = new ArrayList<>(Math.min(pageSize, newestFirst.size()));
        boolean hasMore = false;
        for (T item : newestFirst) {
            if (item.sequence() >= after) {
                continue;
            }
            if (items.size() == pageSize) {
                hasMore = true;
                break;
            }
            items.add(item);
        }
        String next = hasMore ? cursor(items.get(items.size() - 1).sequence()) : null;
        return new Page<>(items, hasMore, next);
    }

    static String cursor(long sequence) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("fake:" + sequence).getBytes(StandardCharsets.UTF_8));
    }
}
