/**
 * The client: {@link io.github.convai4j.ConvaiClient} (blocking) and
 * {@link io.github.convai4j.ConvaiAsyncClient} ({@code CompletableFuture}s), configured with
 * {@link io.github.convai4j.ClientOptions}, {@link io.github.convai4j.Provider} presets,
 * {@link io.github.convai4j.core.AuthScheme}, {@link io.github.convai4j.core.RetryPolicy} and, per call,
 * {@link io.github.convai4j.core.RequestOptions}.
 */
package io.github.convai4j;
