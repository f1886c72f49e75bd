package io.github.convai4j.internal;

import io.github.convai4j.core.AsyncPage;
import io.github.convai4j.core.Page;
import io.github.convai4j.core.RawResponse;
import io.github.convai4j.core.RequestOptions;
import io.github.convai4j.errors.ConvaiException;
import io.github.convai4j.json.JsonCodec;

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
        RawResponse<R> raw = context.executeRaw(request(cursor), handler, options);
        R page = raw.value();
        return new Page<>(raw, accessors.items(page), cursor, accessors.nextCursor(page), accessors.hasMore(page),
                this::fetch);
    }

    CompletableFuture<AsyncPage<T, R>> fetchAsync(String cursor) {
        CompletableFuture<RawResponse<R>> raw = context.executeRawAsync(request(cursor), handler, options);
        CompletableFuture<AsyncPage<T, R>> page = new CompletableFuture<>();
        raw.whenComplete((response, failure) -> {
            if (failure != null) {
                page.completeExceptionally(Futures.unwrap(failure));
            } else {
                R value = response.value();
                page.complete(new AsyncPage<>(response, accessors.items(value), cursor, accessors.nextCursor(value),
                        accessors.hasMore(value), this::fetchAsync, context.executor()));
            }
        });
        Futures.propagateCancel(page, raw);
        return page;
    }

    ClientContext context() {
        return context;
    }

    private ApiRequest request(String cursor) {
        ApiRequest request = requestForCursor.apply(cursor);
        if (request == null) {
            throw new IllegalStateException("The request function of a paginated operation returned null");
        }
        return request;
    }
}
