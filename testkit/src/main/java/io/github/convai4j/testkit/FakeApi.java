package io.github.convai4j.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The HTTP semantics of the fake, independent of the server that carries them: assets, authentication,
 * routing, and the "not implemented" answer for every other operation under {@code /v1/convai}.
 */
final class FakeApi {

    private static final Logger LOG = LoggerFactory.getLogger(FakeAgentsPlatform.class);

    private final FakeState state;
    private final AuthScheme authScheme;
    private final byte[] apiKey;
    private final Router router = new Router();

    FakeApi(FakeState state, AuthScheme authScheme, String apiKey, AgentRoutes agents,
            ConversationRoutes conversations, LiveEndpoint live) {
        this.state = state;
        this.authScheme = authScheme;
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        agents.register(router);
        conversations.register(router);
        live.register(router);
        new ToolRoutes(state).register(router);
        new KnowledgeBaseRoutes(state).register(router);
        new SecretRoutes(state).register(router);
    }

    /** Answers a request; never throws (a bug in the fake answers 500 and is logged). */
    FakeResponse respond(RecordedRequest request) {
        FakeResponse response;
        try {
            response = route(request);
        } catch (RuntimeException e) {
            LOG.warn("convai4j-testkit failed on {} {}", request.method(), request.path(), e);
            response = ApiErrors.detail(500, "internal_server_error", "convai4j-testkit's fake server failed on "
                    + request.method() + " " + request.path() + " with " + e.getClass().getName()
                    + ". This is a bug in convai4j-testkit; the server log has the stack trace.");
        }
        LOG.debug("{} {} -> {}", request.method(), request.path(), response.status());
        return response;
    }

    private FakeResponse route(RecordedRequest request) {
        List<String> segments = request.pathSegments();
        if (!segments.isEmpty() && segments.get(0).equals("_fake")) {
            return asset(request);
        }
        if (segments.size() < 2 || !segments.get(0).equals("v1") || !segments.get(1).equals("convai")) {
            return ApiErrors.routeNotFound();
        }
        if (LiveEndpoint.isEndpoint(request)) {
            // Starlette's answer to plain HTTP on a WebSocket-only route.
            LOG.debug("{} {} without a WebSocket upgrade -> 404", request.method(), request.path());
            return ApiErrors.routeNotFound();
        }
        FakeResponse refused = authenticate(request);
        if (refused != null) {
            return refused;
        }
        FakeResponse response = router.dispatch(request);
        return response != null ? response : ApiErrors.notImplemented(request.method(), request.path());
    }

    /** Files the fake serves publicly, like the CDN URL the API returns for an avatar. */
    private FakeResponse asset(RecordedRequest request) {
        StoredFile file;
        synchronized (state) {
            file = state.assets.get(request.path());
        }
        if (file == null || !(request.method().equals("GET") || request.method().equals("HEAD"))) {
            return ApiErrors.routeNotFound();
        }
        return FakeResponse.bytes(200, file.contentType(), file.bytesUnsafe());
    }

    /** {@code null} when the request carries the key in the configured header, else the 401 answer. */
    private FakeResponse authenticate(RecordedRequest request) {
        String key = authScheme.keyIn(request);
        if (key == null) {
            return ApiErrors.needsAuthorization(missingKeyMessage(request));
        }
        if (!MessageDigest.isEqual(apiKey, key.getBytes(StandardCharsets.UTF_8))) {
            return ApiErrors.invalidApiKey();
        }
        return null;
    }

    private String missingKeyMessage(RecordedRequest request) {
        String message = authScheme == AuthScheme.XI_API_KEY
                ? "Neither authorization header nor xi-api-key received, please provide one."
                : "No " + authScheme.describeHeader() + " header received, please provide one.";
        for (AuthScheme other : AuthScheme.values()) {
            if (other != authScheme && other.keyIn(request) != null) {
                return message + " (convai4j-testkit: a key came in the " + other.describeHeader()
                        + " header, but this fake server was started with AuthScheme." + authScheme.name()
                        + " and reads only " + authScheme.describeHeader() + ".)";
            }
        }
        return message;
    }
}
