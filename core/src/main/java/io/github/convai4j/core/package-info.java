/**
 * Runtime support shared by the client and the generated API: the configured JSON factory
 * ({@link io.github.convai4j.core.Json}), the tri-state {@link io.github.convai4j.core.Field}, the JSON value
 * tree {@link io.github.convai4j.core.JsonValue}, and the request, retry and paging machinery.
 */
package io.github.convai4j.core;
