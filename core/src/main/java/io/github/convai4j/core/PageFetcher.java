package io.github.convai4j.core;

import io.github.convai4j.RequestOptions;
import io.github.convai4j.errors.ConvaiException;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Fetches the pages of one paginated listing: the same request, with the cursor of the page before. */
final class PageFetcher<T, R> {

    private final ClientContext context;
    private final Function<String, ApiRequest> requestForCursor;
    private final ResponseHandler<R> handler;
    private final PageAccessors<R, T> accessors;
    private final RequestOptions options;

    PageFetcher(ClientContext context, Function<String, ApiRequest> requestForCursor, JsonCodec<R> codec,
            PageAccessors<R, T> accessors, RequestOptions options) {
        this.context = context;
        this.requestForCursor = requestForCursor;
        this.handler = ResponseHandlers.json(codec);
        this.accessors = accessors;
        this.options = options;
    }

    PageAccessors<R, T> accessors() {
        return accessors;
    }

    Page<T, R> fetch(String cursor) {
        return new Page<>(this, cursor, context.executeRaw(request(cursor), handler, options));
    }

    CompletableFuture<AsyncPage<T, R>> fetchAsync(String cursor) {
        CompletableFuture<RawResponse<R>> raw = context.executeRawAsync(request(cursor), handler, options);
        CompletableFuture<AsyncPage<T, R>> page = new CompletableFuture<>();
        raw.whenComplete((response, failure) -> {
            if (failure != null) {
                page.completeExceptionally(Futures.unwrap(failure));
            } else {
                page.complete(new AsyncPage<>(this, cursor, response));
            }
        });
        Futures.propagateCancel(page, raw);
        return page;
    }

    ClientContext context() {
        return context;
    }

    /** Fails when a server hands out the cursor it was just given: following it would never end. */
    static void checkProgress(String cursorUsed, String nextCursor) {
        if (nextCursor != null && nextCursor.equals(cursorUsed)) {
            throw new ConvaiException("The server returned the cursor of the current page as the next cursor;"
                    + " stopping instead of fetching the same page forever");
        }
    }

    private ApiRequest request(String cursor) {
        ApiRequest request = requestForCursor.apply(cursor);
        if (request == null) {
            throw new IllegalStateException("The request function of a paginated operation returned null");
        }
        return request;
    }
}
