package io.github.convai4j.internal;

import com.fasterxml.jackson.core.JsonParser;
import io.github.convai4j.core.RequestOptions;
import io.github.convai4j.errors.ConvaiException;
import io.github.convai4j.http.Headers;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an {@link ApiRequest} into the wire request: base URL and encoded query, the auth header,
 * {@code User-Agent}, {@code Accept}, default and per-request headers, the JSON body serialized (with any
 * extra body properties merged in), and the timeouts and retry policy of this call.
 *
 * <p>Precedence, lowest first: the runtime's own headers ({@code User-Agent}, {@code Accept}, auth), the
 * client's default headers, the operation's headers, the call's {@link RequestOptions}.
 */
final class RequestAssembler {

    private static final String JSON = "application/json";

    private final ClientSettings options;
    private final String userAgent;

    RequestAssembler(ClientSettings options, String userAgent) {
        this.options = options;
        this.userAgent = userAgent;
    }

    PreparedCall prepare(ApiRequest request, RequestOptions requestOptions, ResponseHandler<?> handler) {
        URI url = url(request, requestOptions);

        Headers.Builder headers = Headers.builder()
                .set("User-Agent", userAgent)
                .set("Accept", handler.accept())
                .set(options.authScheme().headerName(), options.authScheme().headerValue(options.apiKey()));
        overlay(headers, options.defaultHeaders());
        overlay(headers, request.headers());
        overlay(headers, requestOptions.headers());
        Boolean compression = requestOptions.compression();
        long maxInflatedSize = -1;
        // A caller who sets Accept-Encoding himself gets the body as the server sent it.
        if ((compression != null ? compression : options.compression()) && !headers.build().contains("Accept-Encoding")) {
            headers.set("Accept-Encoding", ContentDecoding.ACCEPT_ENCODING);
            maxInflatedSize = options.maxInflatedSize();
        }

        byte[] jsonBytes = null;
        RequestBody body = request.body();
        Map<String, JsonValue> extraProperties = requestOptions.bodyProperties();
        if (request.jsonBody() != null) {
            jsonBytes = json(request, extraProperties);
            body = RequestBody.ofBytes(jsonBytes, JSON);
        } else if (!extraProperties.isEmpty()) {
            if (body != null) {
                throw new IllegalArgumentException("Extra body properties can only be merged into a JSON body; "
                        + request.describe() + " sends " + body.contentType());
            }
            if (request.method() != HttpMethod.POST && request.method() != HttpMethod.PUT
                    && request.method() != HttpMethod.PATCH) {
                throw new IllegalArgumentException("Extra body properties need a request with a body; "
                        + request.describe() + " has none");
            }
            jsonBytes = write(new ApiRequest.JsonBody<>(JsonValue.object(extraProperties), Codecs.JSON));
            body = RequestBody.ofBytes(jsonBytes, JSON);
        }

        HttpRequest wire = HttpRequest.builder(request.method(), url).headers(headers.build()).body(body).build();
        return new PreparedCall(request, wire, jsonBytes,
                requestOptions.retryPolicy(options.retryPolicy()),
                options.connectTimeout(),
                orDefault(requestOptions.readTimeout(), options.readTimeout()),
                orDefault(requestOptions.attemptTimeout(), options.attemptTimeout()),
                orDefault(requestOptions.timeout(), options.timeout()),
                maxInflatedSize);
    }

    private URI url(ApiRequest request, RequestOptions requestOptions) {
        URI base = options.baseUrl();
        StringBuilder url = new StringBuilder(base.toString()).append(request.path());
        Set<String> replaced = new HashSet<>();
        for (Map.Entry<String, String> extra : requestOptions.queryParams()) {
            replaced.add(extra.getKey());
        }
        List<Map.Entry<String, String>> query = new ArrayList<>();
        for (Map.Entry<String, String> param : request.queryParams()) {
            if (!replaced.contains(param.getKey())) {
                query.add(param);
            }
        }
        query.addAll(requestOptions.queryParams());
        char separator = '?';
        for (Map.Entry<String, String> param : query) {
            try {
                url.append(separator).append(PercentEncoding.queryComponent(param.getKey()))
                        .append('=').append(PercentEncoding.queryComponent(param.getValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Query parameter '" + param.getKey() + "' " + e.getMessage(), e);
            }
            separator = '&';
        }
        URI uri = URI.create(url.toString());
        // The key goes only to the configured host. Encoding makes this hold by construction; checked anyway.
        if (!base.getScheme().equals(uri.getScheme()) || !base.getHost().equals(uri.getHost())
                || base.getPort() != uri.getPort()) {
            throw new IllegalStateException("The request URL of " + request.describe() + " left the base URL's host");
        }
        return uri;
    }

    private static byte[] json(ApiRequest request, Map<String, JsonValue> extraProperties) {
        byte[] bytes = write(request.jsonBody());
        if (extraProperties.isEmpty()) {
            return bytes;
        }
        JsonValue tree;
        try (JsonParser parser = Json.factory().createParser(bytes)) {
            tree = JsonValue.read(parser);
        } catch (IOException e) {
            throw new ConvaiException("The request body of " + request.describe() + " is not valid JSON: "
                    + e.getMessage(), e);
        }
        if (!tree.isObject()) {
            throw new IllegalArgumentException("Extra body properties can only be merged into a JSON object; the body of "
                    + request.describe() + " is " + tree.type());
        }
        Map<String, JsonValue> merged = new LinkedHashMap<>(tree.asObject());
        merged.putAll(extraProperties);
        return write(new ApiRequest.JsonBody<>(JsonValue.object(merged), Codecs.JSON));
    }

    private static byte[] write(ApiRequest.JsonBody<?> body) {
        try {
            return body.toBytes();
        } catch (UncheckedIOException e) {
            // Writing to memory does not fail: this is a codec writing invalid JSON, or a value nested too deep.
            IOException cause = e.getCause();
            throw new ConvaiException("Could not write the JSON request body: " + cause.getMessage(), cause);
        }
    }

    /** Puts every field of {@code top} into {@code headers}, replacing fields of the same names. */
    private static void overlay(Headers.Builder headers, Headers top) {
        for (String name : top.names()) {
            headers.remove(name);
        }
        headers.addAll(top);
    }

    private static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
