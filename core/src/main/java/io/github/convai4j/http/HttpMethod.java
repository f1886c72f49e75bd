package io.github.convai4j.http;

/**
 * The HTTP methods the Agents Platform API uses. Every {@link Transport} must support all of them,
 * {@link #PATCH} included.
 */
public enum HttpMethod {
    /** {@code GET}. */
    GET,
    /** {@code POST}. */
    POST,
    /** {@code PUT}. */
    PUT,
    /** {@code PATCH}. */
    PATCH,
    /** {@code DELETE}. */
    DELETE,
    /** {@code HEAD}: the response never has a body. */
    HEAD
}
