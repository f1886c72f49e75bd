/**
 * The generated API: one sync and one async service per API group, reached through {@code ConvaiClient}
 * and {@code ConvaiAsyncClient}. Generated from the OpenAPI document; never edited by hand.
 */
package io.github.convai4j.services;
