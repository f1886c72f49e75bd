package io.github.convai4j.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Small helpers for chaining {@link CompletableFuture}s without losing cancellation or the real cause. */
final class Futures {

    private Futures() {
    }

    /** Returns the failure inside {@link CompletionException} / {@link ExecutionException} wrappers. */
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
