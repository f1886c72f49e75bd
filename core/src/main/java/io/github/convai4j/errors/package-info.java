/**
 * The exceptions of convai4j. All are unchecked and extend {@link io.github.convai4j.errors.ConvaiException}:
 * {@link io.github.convai4j.errors.ApiException} and its per-status subclasses for error responses,
 * {@link io.github.convai4j.errors.ConvaiIOException} (with
 * {@link io.github.convai4j.errors.ConnectionFailedException} and
 * {@link io.github.convai4j.errors.ConvaiTimeoutException}) for network failures, and
 * {@link io.github.convai4j.errors.DecodingException} for responses that cannot be read.
 *
 * <p>No message holds the API key, a signed-URL token or a secret value.
 */
package io.github.convai4j.errors;
