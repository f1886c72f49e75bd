package io.github.convai4j.internal;

import io.github.convai4j.core.RawResponse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Small helpers for chaining {@link CompletableFuture}s without losing cancellation or the real cause. */
public final class Futures {

    private Futures() {
    }

    /** Returns the failure inside {@link CompletionException} / {@link ExecutionException} wrappers. */
    /**
     * Returns the future of a future raw response's value: what the plain async service methods return over
     * their {@code withRawResponse()} flavour. It completes with the value on the thread that completes
     * {@code raw}; it fails with {@code raw}'s failure, unwrapped from any
     * {@link java.util.concurrent.CompletionException}; cancelling it cancels {@code raw} (which aborts the
     * exchange). A value that arrives after it was cancelled is closed if it holds a resource (a
     * {@code BinaryResponse}).
     *
     * @param raw the future raw response
     * @param <T> the value type
     * @return the future value
     */
    public static <T> CompletableFuture<T> valueOf(CompletableFuture<RawResponse<T>> raw) {
        CompletableFuture<T> value = new CompletableFuture<>();
        raw.whenComplete((response, failure) -> {
            if (failure != null) {
                value.completeExceptionally(unwrap(failure));
            } else if (!value.complete(response.value())) {
                closeUndelivered(response);
            }
        });
        propagateCancel(value, raw);
        return value;
    }

    static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Cancelling {@code downstream} cancels {@code upstream}, which a plain {@code thenApply} does not do. */
    static void propagateCancel(CompletableFuture<?> downstream, CompletableFuture<?> upstream) {
        downstream.whenComplete((value, failure) -> {
            if (downstream.isCancelled()) {
                upstream.cancel(true);
            }
        });
    }

    /** Closes a value a future could no longer deliver (because it was cancelled), if it holds a resource. */
    static void closeUndelivered(Object value) {
        if (value instanceof RawResponse) {
            value = ((RawResponse<?>) value).value();
        }
        if (value instanceof AutoCloseable) {
            try {
                ((AutoCloseable) value).close();
            } catch (Exception ignored) {
                // Nobody is left to tell.
            }
        }
    }
}
