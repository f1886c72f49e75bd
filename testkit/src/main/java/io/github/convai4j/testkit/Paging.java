package io.github.convai4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Cursor paging as the API does it: {@code cursor} and {@code page_size} in, a page plus
 * {@code next_cursor} and {@code has_more} out. Items are listed newest first (by their sort time, then by
 * creation); a cursor names the position of the last item of the previous page, not its index, so deleting
 * items between pages skips nothing.
 */
final class Paging {

    static final int DEFAULT_PAGE_SIZE = 30;
    static final int MAX_PAGE_SIZE = 100;

    /** Something that can be paged: its creation sequence number (unique, increasing) and its sort time. */
    interface Sequenced {
        long sequence();

        /** What the list is sorted by, newest first; by default the creation order. */
        default long sortTime() {
            return sequence();
        }
    }

    /** A position in a newest-first list: the sort time and sequence of the item just before it. */
    static final class Position {
        static final Position START = new Position(Long.MAX_VALUE, Long.MAX_VALUE);

        final long time;
        final long sequence;

        Position(long time, long sequence) {
            this.time = time;
            this.sequence = sequence;
        }

        boolean isBefore(Sequenced item) {
            return item.sortTime() < time || (item.sortTime() == time && item.sequence() < sequence);
        }
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

    /** The position the cursor names, {@link Position#START} without one; an invalid cursor is an error. */
    static Position after(RecordedRequest request, Validation validation) {
        String cursor = request.queryParameter("cursor");
        if (cursor == null || cursor.isEmpty()) {
            return Position.START;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = decoded.split(":");
            if (parts.length == 3 && parts[0].equals("fake")) {
                return new Position(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the validation error
        }
        validation.error("value_error", Validation.loc("query", "cursor"),
                "Value error, invalid cursor: pass the next_cursor of the previous page unchanged", cursor,
                JsonTree.object("error", JsonTree.object()));
        return Position.START;
    }

    /** One page of {@code newestFirst} (as sorted by {@link FakeState#newestFirst}) after the position. */
    static <T extends Sequenced> Page<T> page(List<T> newestFirst, Position after, int pageSize) {
        List<T> items = new ArrayList<>(Math.min(pageSize, newestFirst.size()));
        boolean hasMore = false;
        for (T item : newestFirst) {
            if (!after.isBefore(item)) {
                continue;
            }
            if (items.size() == pageSize) {
                hasMore = true;
                break;
            }
            items.add(item);
        }
        String next = hasMore ? cursor(items.get(items.size() - 1)) : null;
        return new Page<>(items, hasMore, next);
    }

    static String cursor(Sequenced last) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("fake:" + last.sortTime() + ":" + last.sequence()).getBytes(StandardCharsets.UTF_8));
    }
}
