/**
 * The runtime the generated API runs on, and its support types.
 *
 * <ul>
 *   <li>Calling operations: {@link io.github.convai4j.core.ClientContext} sends an
 *       {@link io.github.convai4j.core.ApiRequest} and decodes the answer with a
 *       {@link io.github.convai4j.core.ResponseHandler} (ready-made in
 *       {@link io.github.convai4j.core.ResponseHandlers}), with retries, errors and logging.</li>
 *   <li>Results: {@link io.github.convai4j.core.RawResponse} (value plus status, headers, request id),
 *       {@link io.github.convai4j.core.BinaryResponse} (a streamed download),
 *       {@link io.github.convai4j.core.Page} and {@link io.github.convai4j.core.AsyncPage} (cursor paging,
 *       read through {@link io.github.convai4j.core.PageAccessors}).</li>
 *   <li>JSON: the configured factory ({@link io.github.convai4j.core.Json}), the tri-state
 *       {@link io.github.convai4j.core.Field}, the value tree {@link io.github.convai4j.core.JsonValue} and
 *       the {@link io.github.convai4j.core.JsonCodec} contract of generated models.</li>
 * </ul>
 */
package io.github.convai4j.core;
