package io.github.convai4j.testkit;

import java.time.Duration;

/**
 * What goes wrong, and on which requests: a route (or every request), an added latency and/or one action
 * (an HTTP status, a connection reset mid-body, a truncated body), for a number of matching requests.
 * Install it with {@link FakeAgentsPlatform#injectFault(FaultRule)}.
 *
 * <pre>{@code
 * server.injectFault(FaultRule.on("POST", "/v1/convai/agents/create").tooManyRequests(2).times(2));
 * server.injectFault(FaultRule.anyRequest().latency(Duration.ofMillis(300)));
 * server.injectFault(FaultRule.on("GET", "/v1/convai/conversations/{id}/audio").resetConnectionMidBody().once());
 * }</pre>
 *
 * <p><b>Route.</b> A method ({@code "*"} for any) and a path pattern where {@code {name}} or {@code *}
 * matches one path segment and a final {@code **} matches the rest; segments are compared after
 * percent-decoding.
 *
 * <p><b>Actions</b>, at most one per rule:
 * <ul>
 *   <li>{@link #status(int)}: the request is answered with that status and, unless {@link #body(String)}
 *       gives one, the Agents Platform's error body ({@code {"detail":{"status","message"}}}; for 429 the
 *       status code is {@code too_many_concurrent_requests}). The request is neither authenticated nor
 *       routed: nothing changes in the fake's state, as when a gateway in front of the API refuses it.</li>
 *   <li>{@link #resetConnectionMidBody()}: the request is processed normally (its effects on the state
 *       happen, as they would on a real server whose answer is lost), the response head is sent with the
 *       full {@code Content-Length}, then the first half of the body (rounded down), then the connection is
 *       reset (TCP RST, {@code SO_LINGER} 0).</li>
 *   <li>{@link #truncateBody()}: like the reset, but the connection is closed normally (FIN) after half the
 *       body: the client sees the stream end before {@code Content-Length} bytes.</li>
 * </ul>
 * On a response without a body (e.g. 204) the reset comes right after the head, and truncation is
 * indistinguishable from a normal response followed by a close.
 *
 * <p><b>Latency</b> ({@link #latency(Duration)}) delays the response (or the action) without blocking
 * the server's threads; it may be combined with an action.
 *
 * <p><b>Count.</b> By default a rule applies to every matching request until removed; {@link #times(int)}
 * or {@link #once()} limit it. When several installed rules match a request, each rule with uses left
 * applies in installation order: latencies add up, and the first rule with an action supplies it (a later
 * rule with an action is then skipped and keeps its uses).
 *
 * <p>Immutable and thread-safe: every method returns a new rule.
 */
public final class FaultRule {

    /** The {@link #times(int)} value meaning "every matching request". */
    public static final int UNLIMITED = -1;

    enum Action { NONE, STATUS, RESET, TRUNCATE }

    private final RoutePattern route;
    private final long latencyMillis;
    private final Action action;
    private final int status;
    private final String body;
    private final long retryAfterSeconds;
    private final int times;

    private FaultRule(RoutePattern route, long latencyMillis, Action action, int status, String body,
                      long retryAfterSeconds, int times) {
        this.route = route;
        this.latencyMillis = latencyMillis;
        this.action = action;
        this.status = status;
        this.body = body;
        this.retryAfterSeconds = retryAfterSeconds;
        this.times = times;
    }

    /**
     * Starts a rule for one route.
     *
     * @param method an HTTP method such as {@code "GET"}, or {@code "*"} for any
     * @param pathPattern e.g. {@code "/v1/convai/agents/{agent_id}"}, {@code "/v1/convai/tools/**"}
     * @return a rule without latency or action yet
     * @throws IllegalArgumentException if the method is blank or the pattern does not start with {@code /}
     */
    public static FaultRule on(String method, String pathPattern) {
        return new FaultRule(RoutePattern.parse(method, pathPattern), 0, Action.NONE, 0, null, -1, UNLIMITED);
    }

    /**
     * Starts a rule for every request, whatever its method and path.
     *
     * @return a rule without latency or action yet
     */
    public static FaultRule anyRequest() {
        return on("*", "/**");
    }

    /**
     * Adds latency before the response (or the action) is sent.
     *
     * @param latency the delay; zero for none
     * @return the new rule
     * @throws IllegalArgumentException if negative
     */
    public FaultRule latency(Duration latency) {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be zero or positive, got " + latency);
        }
        return new FaultRule(route, latency.toMillis(), action, status, body, retryAfterSeconds, times);
    }

    /**
     * Answers matching requests with this HTTP status instead of processing them.
     *
     * @param status an HTTP status from 100 to 599 (429, 500 and 503 get the API's own error bodies)
     * @return the new rule
     * @throws IllegalArgumentException if the status is out of range
     * @throws IllegalStateException if the rule already has an action
     */
    public FaultRule status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status from 100 to 599, got " + status);
        }
        requireNoAction();
        return new FaultRule(route, latencyMillis, Action.STATUS, status, body, retryAfterSeconds, times);
    }

    /**
     * Answers matching requests with 429 and a {@code Retry-After} header, as the API does when too many
     * requests run at once.
     *
     * @param retryAfterSeconds the {@code Retry-After} value in seconds, zero or more
     * @return the new rule
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if the rule already has an action
     */
    public FaultRule tooManyRequests(long retryAfterSeconds) {
        return status(429).retryAfterSeconds(retryAfterSeconds);
    }

    /**
     * Adds a {@code Retry-After} header (in seconds) to a status action.
     *
     * @param seconds zero or more
     * @return the new rule
     * @throws IllegalArgumentException if negative
     */
    public FaultRule retryAfterSeconds(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("Retry-After seconds must be zero or more, got " + seconds);
        }
        return new FaultRule(route, latencyMillis, action, status, body, seconds, times);
    }

    /**
     * Replaces the default error body of a status action.
     *
     * @param json the response body, sent as {@code application/json} as is (it is not checked)
     * @return the new rule
     * @throws IllegalArgumentException if {@code null}
     */
    public FaultRule body(String json) {
        if (json == null) {
            throw new IllegalArgumentException("body must not be null");
        }
        return new FaultRule(route, latencyMillis, action, status, json, retryAfterSeconds, times);
    }

    /**
     * Resets the connection (TCP RST) after the response head and half the body.
     *
     * @return the new rule
     * @throws IllegalStateException if the rule already has an action
     */
    public FaultRule resetConnectionMidBody() {
        requireNoAction();
        return new FaultRule(route, latencyMillis, Action.RESET, 0, body, retryAfterSeconds, times);
    }

    /**
     * Closes the connection after the response head (with the full {@code Content-Length}) and half the body.
     *
     * @return the new rule
     * @throws IllegalStateException if the rule already has an action
     */
    public FaultRule truncateBody() {
        requireNoAction();
        return new FaultRule(route, latencyMillis, Action.TRUNCATE, 0, body, retryAfterSeconds, times);
    }

    /**
     * Limits the rule to the next {@code n} matching requests.
     *
     * @param n one or more, or {@link #UNLIMITED}
     * @return the new rule
     * @throws IllegalArgumentException if {@code n} is zero or a negative other than {@link #UNLIMITED}
     */
    public FaultRule times(int n) {
        if (n < 1 && n != UNLIMITED) {
            throw new IllegalArgumentException("times must be 1 or more, or FaultRule.UNLIMITED; got " + n);
        }
        return new FaultRule(route, latencyMillis, action, status, body, retryAfterSeconds, n);
    }

    /**
     * Limits the rule to the next matching request.
     *
     * @return the new rule
     */
    public FaultRule once() {
        return times(1);
    }

    RoutePattern route() {
        return route;
    }

    long latencyMillis() {
        return latencyMillis;
    }

    Action action() {
        return action;
    }

    int times() {
        return times;
    }

    FakeResponse statusResponse() {
        FakeResponse response = body != null
                ? FakeResponse.bytes(status, FakeResponse.JSON, body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                : ApiErrors.forInjectedStatus(status);
        if (retryAfterSeconds >= 0) {
            response.header("retry-after", Long.toString(retryAfterSeconds));
        }
        return response;
    }

    private void requireNoAction() {
        if (action != Action.NONE) {
            throw new IllegalStateException("this fault rule already has an action (" + describeAction()
                    + "); install a second rule for a second fault");
        }
    }

    private String describeAction() {
        switch (action) {
            case STATUS:
                return "status " + status;
            case RESET:
                return "connection reset mid-body";
            case TRUNCATE:
                return "truncated body";
            default:
                return "none";
        }
    }

    /**
     * Describes the rule.
     *
     * @return e.g. {@code "FaultRule[POST /v1/convai/agents/create: status 429, latency 0 ms, times 2]"}
     */
    @Override
    public String toString() {
        return "FaultRule[" + route + ": " + describeAction() + ", latency " + latencyMillis + " ms, times "
                + (times == UNLIMITED ? "unlimited" : Integer.toString(times)) + "]";
    }
}
