package io.github.convai4j.testkit;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.github.convai4j.testkit.JsonTree.object;

/**
 * The live conversation endpoint: {@code GET /v1/convai/conversation/get-signed-url} (a REST route, API key
 * required) and the WebSocket upgrade of {@code /v1/convai/conversation?agent_id=...[&token=...]}, which needs
 * no API key. Admission, in this order:
 * <ol>
 *   <li>an upgrade to any other path: 404 {@code {"detail":"Not Found"}};</li>
 *   <li>no {@code agent_id}: 422 with FastAPI's {@code missing} error;</li>
 *   <li>an unknown agent: 404 {@code agent_not_found}, as the REST routes answer;</li>
 *   <li>a {@code token} (or {@code conversation_signature}) that was never issued, was used already, expired
 *       or belongs to another agent: 403 ({@code invalid_token}, {@code token_expired});</li>
 *   <li>no token for an agent whose {@code platform_settings.auth.enable_auth} is true: 403
 *       {@code authorization_required}.</li>
 * </ol>
 */
final class LiveEndpoint {

    static final String PATH = "/v1/convai/conversation";
    /** The largest message accepted, as the official clients set it: 16 MiB. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    static final String SUBPROTOCOL = "convai";

    private static final Logger LOG = LoggerFactory.getLogger(FakeAgentsPlatform.class);
    private static final List<String> SEGMENTS = Arrays.asList("v1", "convai", "conversation");

    private final FakeAgentsPlatform platform;
    private final FakeState state;
    private final SignedUrls signedUrls;
    private final LiveSessions sessions;

    LiveEndpoint(FakeAgentsPlatform platform, FakeState state, SignedUrls signedUrls, LiveSessions sessions) {
        this.platform = platform;
        this.state = state;
        this.signedUrls = signedUrls;
        this.sessions = sessions;
    }

    void register(Router router) {
        router.add("GET", "/v1/convai/conversation/get-signed-url", this::signedUrl);
        router.add("GET", "/v1/convai/conversation/get_signed_url", this::signedUrl); // deprecated alias
    }

    static boolean isUpgrade(HttpRequest request) {
        String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
        return upgrade != null && upgrade.trim().equalsIgnoreCase("websocket");
    }

    /** The WebSocket path, asked for without an upgrade. */
    static boolean isEndpoint(RecordedRequest request) {
        return request.pathSegments().equals(SEGMENTS);
    }

    private FakeResponse signedUrl(RecordedRequest request, Map<String, String> path) throws Abort {
        String agentId = request.queryParameter("agent_id");
        Validation validation = new Validation();
        if (agentId == null) {
            validation.error("missing", Validation.loc("query", "agent_id"), "Field required", null, null);
        }
        validation.check();
        synchronized (state) {
            if (!state.agents.containsKey(agentId)) {
                throw new Abort(ApiErrors.notFound("agent", agentId));
            }
        }
        String url = platform.baseUrl().replaceFirst("^http", "ws") + PATH + "?agent_id=" + encode(agentId)
                + "&token=" + signedUrls.issue(agentId);
        return FakeResponse.json(200, object("signed_url", url));
    }

    /** Admits or refuses one upgrade request; on the connection's I/O thread. */
    void upgrade(ChannelHandlerContext ctx, FullHttpRequest http, RecordedRequest request) {
        Map<String, Object> agent = null;
        FakeResponse refusal;
        String agentId = request.queryParameter("agent_id");
        if (!isEndpoint(request) || !http.method().name().equals("GET")) {
            refusal = ApiErrors.routeNotFound();
        } else if (agentId == null) {
            refusal = FakeResponse.json(422, object("detail", JsonTree.array(object("type", "missing",
                    "loc", JsonTree.array("query", "agent_id"), "msg", "Field required", "input", null))));
        } else {
            synchronized (state) {
                FakeState.Agent stored = state.agents.get(agentId);
                agent = stored == null ? null : JsonTree.deepCopy(stored.document);
            }
            refusal = agent == null ? ApiErrors.notFound("agent", agentId) : authorize(request, agentId, agent);
        }
        if (refusal != null) {
            LOG.debug("WebSocket upgrade {} refused: {}", request.path(), refusal.status());
            writeAndClose(ctx, request, refusal);
            return;
        }

        WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(
                platform.baseUrl().replaceFirst("^http", "ws") + PATH, SUBPROTOCOL,
                WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(MAX_MESSAGE_BYTES).build());
        WebSocketServerHandshaker handshaker = factory.newHandshaker(http);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ChannelFuture handshake;
        try {
            handshake = handshaker.handshake(ctx.channel(), http);
        } catch (RuntimeException e) { // e.g. no Sec-WebSocket-Key
            LOG.debug("WebSocket handshake failed: {}", e.toString());
            writeAndClose(ctx, request, ApiErrors.detail(400, "invalid_websocket_handshake",
                    "Not a valid WebSocket upgrade request: " + e.getMessage()));
            return;
        }
        // Swapping handlers after the 101 went out is safe: the client's first frame can only arrive after it
        // has read the 101, in a later turn of this connection's event loop.
        final LiveSession session = new LiveSession(sessions, agentId, agent, request,
                containsKey(request, platform.apiKey()), handshaker.selectedSubprotocol(), ctx.channel());
        ctx.pipeline().addAfter(ctx.name(), "live", new LiveSessionHandler(session));
        ctx.pipeline().addBefore("live", "live-aggregate", new WebSocketFrameAggregator(MAX_MESSAGE_BYTES));
        ctx.pipeline().remove(ctx.handler());
        handshake.addListener(new ChannelFutureListener() {
            @Override
            public void operationComplete(ChannelFuture future) {
                if (future.isSuccess()) {
                    LOG.debug("live session {} opened for agent {}", session.conversationId(), session.agentId());
                    sessions.opened(session);
                } else {
                    LOG.debug("WebSocket handshake could not be sent: {}", String.valueOf(future.cause()));
                    future.channel().close();
                }
            }
        });
    }

    /** {@code null} when the connection may proceed, else the 403 refusal. */
    private FakeResponse authorize(RecordedRequest request, String agentId, Map<String, Object> agent) {
        String token = request.queryParameter("token");
        if (token == null) {
            token = request.queryParameter("conversation_signature");
        }
        if (token != null) {
            switch (signedUrls.redeem(token, agentId)) {
                case VALID:
                    return null;
                case EXPIRED:
                    return ApiErrors.detail(403, "token_expired", "The signed URL has expired: signed URLs are valid "
                            + "for " + TimeUnit.NANOSECONDS.toSeconds(signedUrls.ttlNanos()) + " s. Get a fresh one "
                            + "from GET /v1/convai/conversation/get-signed-url.");
                default:
                    return ApiErrors.detail(403, "invalid_token", "The signed URL's token is not valid for agent '"
                            + agentId + "': it was never issued, has been used already (each signed URL opens one "
                            + "conversation) or belongs to another agent. Get a fresh one from "
                            + "GET /v1/convai/conversation/get-signed-url.");
            }
        }
        if (Boolean.TRUE.equals(JsonTree.valueAt(agent, "platform_settings", "auth", "enable_auth"))) {
            return ApiErrors.detail(403, "authorization_required", "Agent '" + agentId + "' requires authorization "
                    + "(platform_settings.auth.enable_auth is true): connect with a signed URL from "
                    + "GET /v1/convai/conversation/get-signed-url, which takes the API key. The API key itself is "
                    + "not accepted on the WebSocket.");
        }
        return null;
    }

    /** Whether the key appears in any header value or in the request target. */
    private static boolean containsKey(RecordedRequest request, String apiKey) {
        if (request.path().contains(apiKey) || request.query().contains(apiKey)) {
            return true;
        }
        for (List<String> values : request.queryParameters().values()) {
            for (String value : values) {
                if (value.contains(apiKey)) {
                    return true;
                }
            }
        }
        for (List<String> values : request.headers().values()) {
            for (String value : values) {
                if (value.contains(apiKey)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void writeAndClose(ChannelHandlerContext ctx, RecordedRequest request, FakeResponse refusal) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(refusal.status()), Unpooled.wrappedBuffer(refusal.bytes()));
        for (Map.Entry<String, String> header : refusal.headers().entrySet()) {
            response.headers().set(header.getKey(), header.getValue());
        }
        response.headers().set("request-id", request.requestId());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        HttpUtil.setContentLength(response, refusal.length());
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private static String encode(String value) {
        try {
            return URLEncoder.encode(value, "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e); // UTF-8 is always supported
        }
    }
}
