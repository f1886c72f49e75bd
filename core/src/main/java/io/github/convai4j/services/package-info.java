/**
 * The generated API: the root groups ({@code ConvaiServices}, {@code ConvaiAsyncServices}, which the clients
 * extend) here, and one sync and one async service interface per API group in the sub-packages, reached
 * through {@code ConvaiClient} and {@code ConvaiAsyncClient}. Their implementations are internal
 * ({@code io.github.convai4j.internal.services}). Generated from the OpenAPI document; never edited by hand.
 */
package io.github.convai4j.services;
