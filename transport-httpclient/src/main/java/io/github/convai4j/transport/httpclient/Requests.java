package io.github.convai4j.transport.httpclient;

import io.github.convai4j.http.Headers;
import io.github.convai4j.http.HttpRequest;
import java.io.IOException;
import java.net.URI;
import java.util.Iterator;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.HttpResponse;

/** Translation between the SPI's request and response values and HttpClient's. */
final class Requests {

    private Requests() {
    }

    /**
     * The URL as it goes on the wire: ASCII only (non-ASCII characters percent-encoded as UTF-8), without
     * user info or fragment, and with {@code /} for an empty path.
     */
    static URI wireUri(URI uri) {
        URI ascii = URI.create(uri.toASCIIString());
        StringBuilder sb = new StringBuilder(64)
                .append(ascii.getScheme()).append("://").append(ascii.getHost());
        if (ascii.getPort() != -1) {
            sb.append(':').append(ascii.getPort());
        }
        String path = ascii.getRawPath();
        sb.append(path == null || path.isEmpty() ? "/" : path);
        if (ascii.getRawQuery() != null) {
            sb.append('?').append(ascii.getRawQuery());
        }
        return URI.create(sb.toString());
    }

    /**
     * A description of the exchange for exception messages: method and origin only, because the path and
     * query may hold identifiers or signed tokens.
     */
    static String describe(HttpRequest request) {
        URI uri = request.uri();
        return request.method() + " " + uri.getScheme() + "://" + uri.getHost()
                + (uri.getPort() != -1 ? ":" + uri.getPort() : "");
    }

    /**
     * Copies the request's header fields, in order. {@link HttpRequest} refuses the fields the transport
     * writes, and a {@code Content-Type} next to a body; they are left out here all the same, so that
     * HttpClient's framing and the body's content type (set through the entity) are the only ones sent.
     */
    static void copyHeaders(HttpRequest request, HttpMessage target) {
        boolean hasBody = request.body() != null;
        request.headers().forEach((name, value) -> {
            if (HttpRequest.isTransportHeader(name) || hasBody && name.equalsIgnoreCase("Content-Type")) {
                return;
            }
            if (CredentialHeader.applies(name)) {
                target.addHeader(new CredentialHeader(name, value)); // masked in HttpClient's debug logs
            } else {
                target.addHeader(name, value);
            }
        });
    }

    /** Whether a header of this name is present. */
    static boolean hasHeader(HttpRequest request, String name) {
        return request.headers().contains(name);
    }

    /** The response's header fields, in order. */
    static Headers headers(HttpResponse response) throws IOException {
        Headers.Builder builder = Headers.receivedBuilder();
        Iterator<Header> it = response.headerIterator();
        while (it.hasNext()) {
            Header h = it.next();
            try {
                builder.add(h.getName(), h.getValue() == null ? "" : h.getValue());
            } catch (IllegalArgumentException e) {
                throw new IOException("The server sent a malformed header field: " + e.getMessage(), e);
            }
        }
        return builder.build();
    }
}
