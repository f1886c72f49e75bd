package io.github.convai4j.core;

import io.github.convai4j.http.HttpRequest;

/**
 * Checks the names of headers a caller adds to every request ({@code ClientOptions.Builder#defaultHeader})
 * or to one call ({@link RequestOptions.Builder#header}), when they are added: such a header would be
 * refused later anyway, when the request is built, but the error is clearer at the line that set it. Both
 * option classes call it; there is nothing else to call it for.
 */
public final class ExtraHeaders {

    private ExtraHeaders() {
    }

    /**
     * Checks the name of a header a caller adds.
     *
     * @param name the name; {@code null} passes (the headers builder reports it)
     * @param where what adds it, for the message ({@code "defaultHeader"})
     * @throws IllegalArgumentException for a header the transport or the body sets itself
     */
    public static void checkName(String name, String where) {
        if (name == null) {
            return; // Headers reports it
        }
        if (HttpRequest.isTransportHeader(name)) {
            throw new IllegalArgumentException(where + " cannot set '" + name + "': the transport writes that header"
                    + " itself (from the URL, the body's length and its connection handling)");
        }
        if (name.equalsIgnoreCase("Content-Type")) {
            throw new IllegalArgumentException(where + " cannot set 'Content-Type': it is always the body's own"
                    + " (application/json for JSON bodies, multipart/form-data with its boundary for uploads), and"
                    + " a request without a body has none. To send another body, build an ApiRequest with"
                    + " body(RequestBody.ofBytes(bytes, contentType)) and send it with client.context()");
        }
    }
}
