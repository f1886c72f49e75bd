package io.github.convai4j.transport.jdk.internal;

import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.RequestBody;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Locale;

/** Turns an SPI request into a {@code java.net.http} one: method, URL, headers and body, as given. */
final class JdkRequests {
    private JdkRequests() {
    }

    /**
     * @param publisher the body's publisher, or {@code null} if the request has no body or an empty one
     * @throws IllegalArgumentException if the request carries a header that {@code java.net.http} does not let
     *     a caller set ({@code Expect}; the others it restricts are refused by {@link HttpRequest} already)
     */
    static java.net.http.HttpRequest of(HttpRequest request, RequestBodyPublisher publisher) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(request.uri())
                .version(java.net.http.HttpClient.Version.HTTP_1_1);
        RequestBody body = request.body();
        BodyPublisher bodyPublisher;
        if (publisher == null) {
            bodyPublisher = BodyPublishers.noBody();
        } else if (body.contentLength() > 0) {
            bodyPublisher = BodyPublishers.fromPublisher(publisher, body.contentLength());
        } else {
            bodyPublisher = BodyPublishers.fromPublisher(publisher); // chunked
        }
        if (publisher == null && request.method() == io.github.convai4j.http.HttpMethod.GET) {
            b.GET(); // from Java 19 on, sent without Content-Length: 0
        } else if (publisher == null && request.method() == io.github.convai4j.http.HttpMethod.DELETE) {
            b.DELETE();
        } else {
            b.method(request.method().name(), bodyPublisher);
        }
        request.headers().forEach((name, value) -> {
            try {
                b.header(name, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("java.net.http does not let a request set the '"
                        + name.toLowerCase(Locale.ROOT) + "' header; remove it, or use another transport");
            }
        });
        if (body != null && body.contentType() != null) {
            b.header("Content-Type", body.contentType());
        }
        return b.build();
    }
}
