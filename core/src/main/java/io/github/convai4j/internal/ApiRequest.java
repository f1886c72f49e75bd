package io.github.convai4j.internal;

import io.github.convai4j.http.Headers;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.MultipartBody;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonCodec;
import io.github.convai4j.json.JsonValue;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One call of an API operation, as a generated service method describes it: method, path template with
 * its parameters, query parameters, headers, an optional body, the operation id, and whether the body is
 * sensitive. The runtime ({@link ClientContext}) adds the base URL, authentication, default headers,
 * {@code User-Agent} and the caller's {@code RequestOptions}.
 *
 * <p>Everything is checked in {@link Builder#build()}, before any I/O: every path parameter must be
 * given, non-null and non-empty. Path parameters are percent-encoded as exactly one segment, so an id like
 * {@code ../x} or {@code a/b} stays inside its segment.
 *
 * <p>Immutable and thread-safe (a body read from an {@code InputStream} can still be sent only once).
 */
public final class ApiRequest {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private final HttpMethod method;
    private final String pathTemplate;
    private final String path;
    private final List<Map.Entry<String, String>> queryParams;
    private final Headers headers;
    private final JsonBody<?> jsonBody;
    private final RequestBody body;
    private final boolean multipart;
    private final String operationId;
    private final boolean sensitive;

    ApiRequest(Builder b, String path) {
        this.method = b.method;
        this.pathTemplate = b.pathTemplate;
        this.path = path;
        this.queryParams = Collections.unmodifiableList(new ArrayList<>(b.queryParams));
        this.headers = b.headers.build();
        this.jsonBody = b.jsonBody;
        this.body = b.body;
        this.multipart = b.multipart;
        this.operationId = b.operationId;
        this.sensitive = b.sensitive;
    }

    /**
     * Returns a builder.
     *
     * @param method the HTTP method
     * @param pathTemplate the operation's path as the spec writes it, e.g.
     *     {@code "/v1/convai/agents/{agent_id}"}; starts with {@code /}
     * @return a builder
     * @throws IllegalArgumentException if the template does not start with {@code /} or has unbalanced braces
     */
    public static Builder builder(HttpMethod method, String pathTemplate) {
        return new Builder(method, pathTemplate);
    }

    /**
     * Returns the HTTP method.
     *
     * @return the method
     */
    public HttpMethod method() {
        return method;
    }

    /**
     * Returns the path template, e.g. {@code /v1/convai/agents/{agent_id}}. Safe to log: it holds no values.
     *
     * @return the template
     */
    public String pathTemplate() {
        return pathTemplate;
    }

    /**
     * Returns the path with every parameter percent-encoded in place, e.g. {@code /v1/convai/agents/a%2Fb}.
     *
     * @return the encoded path
     */
    public String path() {
        return path;
    }

    /**
     * Returns the query parameters (unencoded), in order; a name repeats for an array parameter.
     *
     * @return the name and value pairs
     */
    public List<Map.Entry<String, String>> queryParams() {
        return queryParams;
    }

    /**
     * Returns the operation's own headers (not the client's defaults or auth).
     *
     * @return the headers
     */
    public Headers headers() {
        return headers;
    }

    /**
     * Returns the operation id, e.g. {@code get_agent_route}.
     *
     * @return the id, or {@code null} if none was given
     */
    public String operationId() {
        return operationId;
    }

    /**
     * Tells whether the request or response body may hold a secret, so that neither is logged.
     *
     * @return {@code true} if the bodies must not be logged
     */
    public boolean isSensitive() {
        return sensitive;
    }

    /**
     * Tells whether the request has a body (JSON or other).
     *
     * @return {@code true} if there is a body
     */
    public boolean hasBody() {
        return jsonBody != null || body != null;
    }

    /**
     * Returns a short description for logs and messages: operation id, method and path template, e.g.
     * {@code "get_agent_route GET /v1/convai/agents/{agent_id}"}. Holds no parameter values.
     *
     * @return the description
     */
    public String describe() {
        return (operationId != null ? operationId + " " : "") + method + " " + pathTemplate;
    }

    JsonBody<?> jsonBody() {
        return jsonBody;
    }

    RequestBody body() {
        return body;
    }

    /**
     * Tells whether the body is a {@link MultipartBody}, whose {@code toString} lists its parts' names, file names
     * and sizes, never their contents, and so may be logged. Decided when the body is set, so that sending a
     * request never refers to {@code MultipartBody}: an app that uploads nothing does not keep it when shrunk.
     */
    boolean isMultipart() {
        return multipart;
    }

    @Override
    public String toString() {
        return "ApiRequest[" + describe() + "]";
    }

    /** A JSON request body: a value and its codec. */
    static final class JsonBody<T> {
        final T value;
        final JsonCodec<T> codec;

        JsonBody(T value, JsonCodec<T> codec) {
            this.value = value;
            this.codec = codec;
        }

        /** The body's bytes, as {@link Codecs#toBytes} writes them. */
        byte[] toBytes() {
            return Json.toBytes(codec, value);
        }
    }

    /** Builds an {@link ApiRequest}. Not thread-safe. */
    public static final class Builder {
        final HttpMethod method;
        final String pathTemplate;
        final Map<String, String> pathParams = new LinkedHashMap<>();
        final List<Map.Entry<String, String>> queryParams = new ArrayList<>();
        final Headers.Builder headers = Headers.builder();
        JsonBody<?> jsonBody;
        RequestBody body;
        boolean multipart;
        String operationId;
        boolean sensitive;

        Builder(HttpMethod method, String pathTemplate) {
            this.method = Objects.requireNonNull(method, "method");
            this.pathTemplate = Objects.requireNonNull(pathTemplate, "pathTemplate");
            if (!pathTemplate.startsWith("/")) {
                throw new IllegalArgumentException("A path template starts with '/': " + pathTemplate);
            }
            if (PATH_PARAMETER.matcher(pathTemplate).replaceAll("").matches(".*[{}].*")) {
                throw new IllegalArgumentException("Unbalanced or invalid '{' '}' in path template " + pathTemplate);
            }
        }

        /**
         * Sets the operation id, used in logs and messages.
         *
         * @param operationId e.g. {@code "get_agent_route"}
         * @return this builder
         */
        public Builder operationId(String operationId) {
            this.operationId = operationId;
            return this;
        }

        /**
         * Sets a path parameter. The value is checked in {@link #build()}: {@code null} or empty fails there.
         *
         * @param name the name in the template, without braces
         * @param value the value, sent percent-encoded as one path segment
         * @return this builder
         */
        public Builder pathParam(String name, String value) {
            pathParams.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /**
         * Adds a query parameter, unless {@code value} is {@code null} (an optional parameter left out).
         *
         * @param name the name
         * @param value the value; its {@code toString()} is sent (booleans as {@code true}/{@code false}),
         *     percent-encoded
         * @return this builder
         */
        public Builder queryParam(String name, Object value) {
            Objects.requireNonNull(name, "name");
            if (value != null) {
                queryParams.add(new AbstractMap.SimpleImmutableEntry<>(name, String.valueOf(value)));
            }
            return this;
        }

        /**
         * Adds a repeated query parameter, one {@code name=value} per element ({@code ?ids=a&ids=b}), as the
         * API expects for array parameters. {@code null} (the parameter left out) and {@code null} elements
         * add nothing.
         *
         * @param name the name
         * @param values the values, or {@code null}
         * @return this builder
         */
        public Builder queryParams(String name, Iterable<?> values) {
            if (values != null) {
                for (Object value : values) {
                    queryParam(name, value);
                }
            }
            return this;
        }

        /**
         * Adds a header, unless {@code value} is {@code null}. The fields that the transport writes
         * ({@link HttpRequest#isTransportHeader}) and {@code Content-Type} cannot be set: the content type
         * is the body's ({@code application/json} for {@link #jsonBody}, else the {@link RequestBody}'s).
         *
         * @param name the name
         * @param value the value (no CR or LF), or {@code null}
         * @return this builder
         * @throws IllegalArgumentException if the name or value is invalid, or the name is one of those above
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            if (HttpRequest.isTransportHeader(name)) {
                throw new IllegalArgumentException("ApiRequest.header cannot set '" + name + "': the transport"
                        + " writes that header itself (from the URL, the body's length and its connection handling)");
            }
            if (name.equalsIgnoreCase("Content-Type")) {
                throw new IllegalArgumentException("ApiRequest.header cannot set 'Content-Type': it is the body's;"
                        + " set it on the RequestBody, e.g. body(RequestBody.ofBytes(bytes, contentType))");
            }
            if (value != null) {
                headers.add(name, value);
            }
            return this;
        }

        /**
         * Sets a JSON body, written by a codec when the request is sent.
         *
         * @param value the body
         * @param codec writes it
         * @param <T> the body type
         * @return this builder
         */
        public <T> Builder jsonBody(T value, JsonCodec<T> codec) {
            Objects.requireNonNull(value, "body");
            Objects.requireNonNull(codec, "codec");
            this.jsonBody = new JsonBody<>(value, codec);
            this.body = null;
            this.multipart = false;
            return this;
        }

        /**
         * Sets an untyped JSON body.
         *
         * @param value the body
         * @return this builder
         */
        public Builder jsonBody(JsonValue value) {
            Objects.requireNonNull(value, "body");
            this.jsonBody = new JsonBody<>(value, Codecs.JSON);
            this.body = null;
            this.multipart = false;
            return this;
        }

        /**
         * Sets a {@code multipart/form-data} body.
         *
         * @param multipart the body; streamed, repeatable if all its parts are
         * @return this builder
         */
        public Builder multipartBody(MultipartBody multipart) {
            return body(multipart);
        }

        /**
         * Sets any other body, sent as given.
         *
         * @param body the body
         * @return this builder
         */
        public Builder body(RequestBody body) {
            this.body = Objects.requireNonNull(body, "body");
            this.multipart = body instanceof MultipartBody;
            this.jsonBody = null;
            return this;
        }

        /**
         * Marks the request as carrying a secret (e.g. creating a workspace secret): neither its body nor its
         * response body is ever logged, at any level. Default: {@code false} (bodies are logged at TRACE with
         * sensitive-looking properties masked).
         *
         * @param sensitive {@code true} to suppress body logging
         * @return this builder
         */
        public Builder sensitive(boolean sensitive) {
            this.sensitive = sensitive;
            return this;
        }

        /**
         * Builds the request, checking it.
         *
         * @return the request
         * @throws IllegalArgumentException if a path parameter of the template is missing, {@code null} or
         *     empty, or one is given that the template does not have
         */
        public ApiRequest build() {
            String operation = (operationId != null ? operationId + " (" : "(") + method + " " + pathTemplate + ")";
            Matcher m = PATH_PARAMETER.matcher(pathTemplate);
            StringBuilder path = new StringBuilder();
            List<String> used = new ArrayList<>();
            int last = 0;
            while (m.find()) {
                String name = m.group(1);
                if (!pathParams.containsKey(name)) {
                    throw new IllegalArgumentException("Path parameter '" + name + "' of " + operation + " was not given");
                }
                String value = pathParams.get(name);
                if (value == null || value.isEmpty()) {
                    throw new IllegalArgumentException("Path parameter '" + name + "' of " + operation + " is "
                            + (value == null ? "null" : "empty") + "; pass the id of an existing resource");
                }
                String segment;
                try {
                    segment = PercentEncoding.pathSegment(value);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Path parameter '" + name + "' of " + operation + " "
                            + e.getMessage(), e);
                }
                path.append(pathTemplate, last, m.start()).append(segment);
                used.add(name);
                last = m.end();
            }
            path.append(pathTemplate, last, pathTemplate.length());
            for (String name : pathParams.keySet()) {
                if (!used.contains(name)) {
                    throw new IllegalArgumentException("Path parameter '" + name + "' is not in the path of " + operation);
                }
            }
            return new ApiRequest(this, path.toString());
        }
    }
}
