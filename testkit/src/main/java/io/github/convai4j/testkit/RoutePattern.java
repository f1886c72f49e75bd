package io.github.convai4j.testkit;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A method and a path pattern: {@code "GET"} (or {@code "*"} for any method) and a path such as
 * {@code /v1/convai/agents/{agent_id}}, where {@code {name}} and {@code *} match exactly one segment and a
 * final {@code **} matches any number of remaining segments (zero included). Segments are compared with the
 * request's percent-decoded segments; literal segments are case-sensitive.
 */
final class RoutePattern {

    /**
     * Literal segments of the API's own paths that sit beside a path parameter (e.g.
     * {@code /v1/convai/agents/summaries} beside {@code /v1/convai/agents/{agent_id}}). The fake's routes
     * never bind a parameter to one of these, so such an operation answers "not implemented" instead of
     * "agent 'summaries' not found".
     */
    private static final Set<String> RESERVED = new HashSet<>(java.util.Arrays.asList(
            "create", "summaries", "messages", "resolve", "bulk-delete", "bulk-move", "crawl",
            "dependent-agents", "file", "folder", "rag-index", "search", "text", "url"));

    private final String method;
    private final String pattern;
    private final String[] segments;
    private final boolean reserveLiterals;

    private RoutePattern(String method, String pattern, String[] segments, boolean reserveLiterals) {
        this.method = method;
        this.pattern = pattern;
        this.segments = segments;
        this.reserveLiterals = reserveLiterals;
    }

    /** A pattern given by a user of the testkit; throws {@link IllegalArgumentException} if malformed. */
    static RoutePattern parse(String method, String pattern) {
        return parse(method, pattern, false);
    }

    /** A route of the fake itself: parameters never bind to the API's reserved literal segments. */
    static RoutePattern route(String method, String pattern) {
        return parse(method, pattern, true);
    }

    private static RoutePattern parse(String method, String pattern, boolean reserveLiterals) {
        if (method == null || method.trim().isEmpty()) {
            throw new IllegalArgumentException("method must be an HTTP method such as \"GET\", or \"*\" for any");
        }
        if (pattern == null || !pattern.startsWith("/")) {
            throw new IllegalArgumentException("path pattern must start with '/', e.g. "
                    + "\"/v1/convai/agents/{agent_id}\"; got " + (pattern == null ? "null" : "\"" + pattern + "\""));
        }
        List<String> parts = RecordedRequest.segments(pattern);
        String[] segments = parts.toArray(new String[0]);
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equals("**") && i != segments.length - 1) {
                throw new IllegalArgumentException("'**' may only be the last segment of a path pattern: "
                        + pattern);
            }
        }
        return new RoutePattern(method.trim().toUpperCase(Locale.ROOT), pattern, segments, reserveLiterals);
    }

    String method() {
        return method;
    }

    boolean matches(String requestMethod, List<String> requestSegments) {
        return bind(requestMethod, requestSegments) != null;
    }

    /** The path parameters if the request matches, else {@code null}. */
    Map<String, String> bind(String requestMethod, List<String> requestSegments) {
        if (!method.equals("*") && !method.equalsIgnoreCase(requestMethod)) {
            return null;
        }
        Map<String, String> parameters = Collections.emptyMap();
        int i = 0;
        for (; i < segments.length; i++) {
            String expected = segments[i];
            if (expected.equals("**")) {
                return parameters;
            }
            if (i >= requestSegments.size()) {
                return null;
            }
            String actual = requestSegments.get(i);
            if (expected.equals("*")) {
                continue;
            }
            if (expected.length() > 2 && expected.startsWith("{") && expected.endsWith("}")) {
                if (actual.isEmpty() || (reserveLiterals && RESERVED.contains(actual))) {
                    return null;
                }
                if (parameters.isEmpty()) {
                    parameters = new LinkedHashMap<>();
                }
                parameters.put(expected.substring(1, expected.length() - 1), actual);
                continue;
            }
            if (!expected.equals(actual)) {
                return null;
            }
        }
        return i == requestSegments.size() ? parameters : null;
    }

    @Override
    public String toString() {
        return method + " " + pattern;
    }
}
