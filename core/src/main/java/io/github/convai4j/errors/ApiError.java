package io.github.convai4j.errors;

import io.github.convai4j.http.Headers;
import io.github.convai4j.json.JsonValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An error response of the API, read and parsed: status, headers, the body (bounded), and what the body
 * says.
 *
 * <p>The API sends its errors as {@code {"detail": ...}}, where {@code detail} takes one of three shapes,
 * all understood here:
 * <ul>
 *   <li>an object {@code {"status": "too_many_concurrent_requests", "message": "..."}}: {@link #code()} is
 *       the {@code status}, {@link #message()} the {@code message};</li>
 *   <li>a string: it is the {@link #message()};</li>
 *   <li>an array of {@code {loc, msg, type, input}} (a 422 validation error): {@link #validationErrors()}.</li>
 * </ul>
 * A body that is not JSON (say, an HTML page from a proxy) is kept as {@link #body()}, and its first line
 * becomes the message.
 *
 * <p>Immutable and thread-safe.
 */
public final class ApiError {

    private static final int MAX_MESSAGE_LENGTH = 500;

    private final int statusCode;
    private final Headers headers;
    private final String body;
    private final boolean bodyTruncated;
    private final JsonValue detail;
    private final String code;
    private final String message;
    private final List<ValidationError> validationErrors;
    private final String requestId;
    private final Duration retryAfter;
    private final String operation;

    private ApiError(int statusCode, Headers headers, String body, boolean bodyTruncated, Duration retryAfter,
            String operation) {
        this.statusCode = statusCode;
        this.headers = headers;
        this.body = body;
        this.bodyTruncated = bodyTruncated;
        this.retryAfter = retryAfter;
        this.operation = operation;
        this.requestId = requestIdOf(headers);

        JsonValue root = parseOrNull(body);
        JsonValue detailValue = root != null ? root.get("detail") : null;
        String codeValue = null;
        String messageValue = null;
        List<ValidationError> errors = new ArrayList<>();
        if (detailValue != null && detailValue.isObject()) {
            codeValue = firstString(detailValue, "status", "code", "type");
            messageValue = firstString(detailValue, "message", "msg");
        } else if (detailValue != null && detailValue.isString()) {
            messageValue = detailValue.asString();
        } else if (detailValue != null && detailValue.isArray()) {
            for (JsonValue element : detailValue.asArray()) {
                errors.add(ValidationError.fromJson(element));
            }
            messageValue = summarize(errors);
        } else if (root != null && root.isObject()) {
            // Not the API's own shape, but gateways and compatible providers answer like this.
            codeValue = firstString(root, "code", "status");
            messageValue = firstString(root, "message", "error");
        } else if (root == null) {
            messageValue = firstLine(body);
        }
        this.detail = detailValue;
        this.code = codeValue;
        this.message = messageValue;
        this.validationErrors = Collections.unmodifiableList(errors);
    }

    /**
     * Parses an error response.
     *
     * @param statusCode the HTTP status
     * @param headers the response headers
     * @param body the response body as text (already bounded by the caller), or empty
     * @param bodyTruncated whether {@code body} was cut at the caller's bound
     * @param retryAfter how long the server asked to wait ({@code Retry-After} or {@code retry-after-ms}),
     *     or {@code null}
     * @param operation the operation that failed, for messages, e.g.
     *     {@code "get_agent_route GET /v1/convai/agents/{agent_id}"}; must not hold a secret; or {@code null}
     * @return the parsed error
     */
    public static ApiError parse(int statusCode, Headers headers, String body, boolean bodyTruncated,
            Duration retryAfter, String operation) {
        return new ApiError(statusCode, headers == null ? Headers.empty() : headers, body == null ? "" : body,
                bodyTruncated, retryAfter, operation);
    }

    /**
     * Returns the HTTP status code.
     *
     * @return the status, e.g. 404
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * Returns the response headers.
     *
     * @return the headers
     */
    public Headers headers() {
        return headers;
    }

    /**
     * Returns the response body as text, cut at the client's bound (64 KiB) if it was longer. Occurrences
     * of the client's API key are replaced by {@code <redacted>}. A 422 body may echo request values.
     *
     * @return the body; empty if there was none
     */
    public String body() {
        return body;
    }

    /**
     * Tells whether {@link #body()} was cut at the bound.
     *
     * @return {@code true} if the server sent more than {@link #body()} holds
     */
    public boolean isBodyTruncated() {
        return bodyTruncated;
    }

    /**
     * Returns the body's {@code detail} property: an object, a string or an array.
     *
     * @return the detail, or {@code null} if the body is not JSON or has no {@code detail}
     */
    public JsonValue detail() {
        return detail;
    }

    /**
     * Returns the machine-readable error code: {@code detail.status}, e.g. {@code "too_many_concurrent_requests"},
     * {@code "system_busy"} or {@code "invalid_api_key"}.
     *
     * @return the code, or {@code null} if the body has none
     */
    public String code() {
        return code;
    }

    /**
     * Returns the human-readable message: {@code detail.message}, the {@code detail} string, a summary of
     * {@code detail[]}, or the first line of a body that is not JSON.
     *
     * @return the message, or {@code null} if the body says nothing
     */
    public String message() {
        return message;
    }

    /**
     * Returns the entries of a validation error's {@code detail[]}.
     *
     * @return the entries; empty unless {@code detail} is an array
     */
    public List<ValidationError> validationErrors() {
        return validationErrors;
    }

    /**
     * Returns the id the server gave this request: the {@code request-id} header, else {@code x-trace-id}.
     * Quote it when you contact support.
     *
     * @return the id, or {@code null}
     */
    public String requestId() {
        return requestId;
    }

    /**
     * Returns how long the server asked the client to wait before trying again.
     *
     * @return the wait, or {@code null} if the response did not say
     */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * Returns the operation that failed, as given to {@link #parse}.
     *
     * @return the operation, or {@code null}
     */
    public String operation() {
        return operation;
    }

    /**
     * Returns a one-line description for logs and exception messages: status, code, message, operation
     * and request id. Holds no secret and never a 422's echoed input.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(statusCode);
        String reason = reasonPhrase(statusCode);
        if (reason != null) {
            sb.append(' ').append(reason);
        }
        if (code != null) {
            sb.append(" [").append(cut(code, 100)).append(']');
        }
        if (message != null && !message.isEmpty()) {
            sb.append(": ").append(cut(message, MAX_MESSAGE_LENGTH));
        }
        StringBuilder context = new StringBuilder();
        if (operation != null) {
            context.append(operation);
        }
        if (retryAfter != null) {
            context.append(context.length() > 0 ? ", " : "").append("retry after ").append(retryAfter.toMillis())
                    .append(" ms");
        }
        if (requestId != null) {
            context.append(context.length() > 0 ? ", " : "").append("request-id ").append(cut(requestId, 100));
        }
        if (context.length() > 0) {
            sb.append(" (").append(context).append(')');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "ApiError[" + describe() + "]";
    }

    /**
     * Returns the request id from the {@code request-id} or {@code x-trace-id} header.
     *
     * @param headers response headers
     * @return the id, or {@code null}
     */
    public static String requestIdOf(Headers headers) {
        String id = headers.first("request-id");
        return id != null ? id : headers.first("x-trace-id");
    }

    /**
     * Returns the standard reason phrase of a status, e.g. {@code "Not Found"} for 404.
     *
     * @param status the status
     * @return the phrase, or {@code null} for statuses without a well-known one
     */
    public static String reasonPhrase(int status) {
        switch (status) {
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 402: return "Payment Required";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 408: return "Request Timeout";
            case 409: return "Conflict";
            case 410: return "Gone";
            case 413: return "Content Too Large";
            case 415: return "Unsupported Media Type";
            case 422: return "Unprocessable Entity";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return null;
        }
    }

    private static JsonValue parseOrNull(String body) {
        String trimmed = body.trim();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[") && !trimmed.startsWith("\"")) {
            return null;
        }
        try {
            return JsonValue.parse(trimmed);
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }

    private static String firstString(JsonValue object, String... names) {
        for (String name : names) {
            JsonValue value = object.get(name);
            if (value != null && value.isString() && !value.asString().isEmpty()) {
                return value.asString();
            }
        }
        return null;
    }

    private static String summarize(List<ValidationError> errors) {
        if (errors.isEmpty()) {
            return "invalid request";
        }
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(3, errors.size());
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(errors.get(i)); // ValidationError.toString leaves out the echoed input
        }
        if (errors.size() > shown) {
            sb.append(" (and ").append(errors.size() - shown).append(" more)");
        }
        return sb.toString();
    }

    private static String firstLine(String body) {
        String trimmed = body.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        int end = trimmed.indexOf('\n');
        return cut(end < 0 ? trimmed : trimmed.substring(0, end).trim(), 200);
    }

    /** Cuts a server-supplied text and flattens control characters, so one error stays one log line. */
    private static String cut(String s, int max) {
        String shown = s.length() <= max ? s : s.substring(0, max) + "...";
        StringBuilder sb = new StringBuilder(shown.length());
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return sb.toString();
    }
}
