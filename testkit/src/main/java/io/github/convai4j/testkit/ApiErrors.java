package io.github.convai4j.testkit;

import static io.github.convai4j.testkit.JsonTree.object;

/**
 * Error bodies in the Agents Platform's shape: {@code {"detail":{"status":"...","message":"..."}}}.
 *
 * <p>The {@code status} codes for 401 ({@code invalid_api_key}, {@code needs_authorization}) and 429
 * ({@code too_many_concurrent_requests}) are the live API's; the OpenAPI document declares no error
 * bodies except 422. The codes for 404, 500, 501 and 503 follow the same shape with a descriptive code.
 */
final class ApiErrors {

    private ApiErrors() {
    }

    static FakeResponse detail(int httpStatus, String status, String message) {
        return FakeResponse.json(httpStatus, object("detail", object("status", status, "message", message)));
    }

    static FakeResponse invalidApiKey() {
        return detail(401, "invalid_api_key", "Invalid API key");
    }

    static FakeResponse needsAuthorization(String message) {
        return detail(401, "needs_authorization", message);
    }

    static FakeResponse notFound(String resource, String id) {
        String code = resource.toLowerCase(java.util.Locale.ROOT).replace(' ', '_') + "_not_found";
        return detail(404, code, capitalize(resource) + " with id '" + id + "' was not found.");
    }

    static FakeResponse notImplemented(String method, String rawPath) {
        return detail(501, "not_implemented", "convai4j-testkit's fake Agents Platform does not implement "
                + method + " " + rawPath + ". It implements agents, widget and avatar, conversations, tools, "
                + "knowledge-base documents and secrets (see FakeAgentsPlatform's Javadoc); test this operation "
                + "against the real API or a stub of your own.");
    }

    /** The body the fake answers with for an injected status fault, unless the rule gives its own. */
    static FakeResponse forInjectedStatus(int status) {
        switch (status) {
            case 429:
                return detail(429, "too_many_concurrent_requests", "Too many concurrent requests. Your current "
                        + "subscription is associated with a maximum number of concurrent requests (running in "
                        + "parallel). (Injected by convai4j-testkit.)");
            case 500:
                return detail(500, "internal_server_error",
                        "An internal server error occurred. (Injected by convai4j-testkit.)");
            case 503:
                return detail(503, "service_unavailable", "The service is temporarily unavailable, please try "
                        + "again later. (Injected by convai4j-testkit.)");
            default:
                return detail(status, "injected_fault",
                        "HTTP " + status + " injected by convai4j-testkit.");
        }
    }

    static FakeResponse payloadTooLarge(long limit) {
        return detail(413, "payload_too_large", "The request body exceeds the fake server's limit of " + limit
                + " bytes. Raise it with FakeAgentsPlatform.builder().maxRequestBodyBytes(...).");
    }

    /** Starlette's answer to a multipart body it cannot parse. */
    static FakeResponse unparsableMultipart() {
        return FakeResponse.json(400, object("detail", "There was an error parsing the body"));
    }

    /** FastAPI's answer to a path outside every router. */
    static FakeResponse routeNotFound() {
        return FakeResponse.json(404, object("detail", "Not Found"));
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
