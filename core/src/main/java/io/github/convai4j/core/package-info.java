/**
 * What a caller of the API uses besides the client and the models: per-call options
 * ({@link io.github.convai4j.core.RequestOptions}, {@link io.github.convai4j.core.RetryPolicy}), how the key
 * is sent ({@link io.github.convai4j.core.AuthScheme}), file parts of uploads
 * ({@link io.github.convai4j.core.FilePart}), and the results: {@link io.github.convai4j.core.RawResponse}
 * (a value with its status, headers and request id), {@link io.github.convai4j.core.BinaryResponse} (a
 * streamed download), {@link io.github.convai4j.core.Page} and {@link io.github.convai4j.core.AsyncPage}
 * (cursor paging).
 *
 * <p>It depends on the JSON, HTTP and error packages only: the runtime that makes these values
 * ({@code io.github.convai4j.internal}) depends on it, not the other way round.
 */
package io.github.convai4j.core;
