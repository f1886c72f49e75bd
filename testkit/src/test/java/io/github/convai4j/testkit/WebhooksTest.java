package io.github.convai4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fake server as a webhook sender: it signs and posts post-call events to a receiver on loopback (here the
 * JDK's built-in HTTP server), after a conversation ends and on demand, and asks a client-data webhook when a
 * fake inbound call starts. Signatures are checked here with javax.crypto directly.
 */
class WebhooksTest {

    static final String SECRET = "wsec_testkit_" + System.nanoTime();
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    record Received(String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        JsonNode json() throws IOException {
            return Http.JSON.readTree(body);
        }
    }

    FakeAgentsPlatform server;
    HttpServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile Function<Received, Object[]> answer = r -> new Object[] {200, "{\"status\":\"ok\"}"};

    @BeforeEach
    void start() throws IOException {
        server = FakeAgentsPlatform.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Received r = new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body);
            received.add(r);
            Object[] a = answer.apply(r);
            byte[] out = ((String) a[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders((Integer) a[0], out.length == 0 ? -1 : out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        server.close();
    }

    String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    /** The signature as the platform computes it, written here with javax.crypto, apart from the testkit's code. */
    static String v0(String secret, String t, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    static void assertSigned(Received request, String secret) throws Exception {
        String header = request.header("ElevenLabs-Signature");
        assertThat(header).matches("t=\\d+,v0=[0-9a-f]{64}");
        String t = header.substring(2, header.indexOf(','));
        assertThat(header.substring(header.indexOf("v0=") + 3)).isEqualTo(v0(secret, t, request.body()));
        assertThat(Long.parseLong(t)).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
    }

    @Test
    void signsAsOpensslDoes() throws IOException {
        // printf '%s' '1739537297.{"type":"post_call_transcription","event_timestamp":1739537297,"data":{"agent_id":"xyz","conversation_id":"abc"}}' \
        //   | openssl dgst -sha256 -hmac 'wsec_0123456789abcdef0123456789abcdef'
        byte[] body = ("{\"type\":\"post_call_transcription\",\"event_timestamp\":1739537297,\"data\":{\"agent_id\":"
                + "\"xyz\",\"conversation_id\":\"abc\"}}").getBytes(StandardCharsets.UTF_8);
        String header = WebhookSigner.header("wsec_0123456789abcdef0123456789abcdef", 1739537297L, new EventBody() {
            @Override
            public long length() {
                return body.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(body);
            }
        });
        assertThat(header).isEqualTo("t=1739537297,v0=33621005cdae08b97a8c4fcebbe2045fcdacd1e509f6616b891c5d1bf1b90e38");
    }

    @Test
    void postsASignedTranscriptionWhenALiveConversationEnds() throws Exception {
        String agentId = server.addAgent("Support");
        server.postCallWebhook(PostCallWebhook.to(url("/webhooks/elevenlabs")).secret(SECRET));
        LiveSession session;
        try (WsClient client = WsClient.started(server, agentId)) {
            session = server.awaitSession(TIMEOUT);
            client.send("{\"type\":\"user_message\",\"text\":\"Where is my order?\"}");
            client.await("agent_response");
            client.close(1000, "bye");
            session.awaitClosed(TIMEOUT);
        }
        WebhookDelivery delivery = server.awaitWebhookDelivery(TIMEOUT);
        assertThat(delivery.type()).isEqualTo("post_call_transcription");
        assertThat(delivery.conversationId()).isEqualTo(session.conversationId());
        assertThat(delivery.statusCode()).isEqualTo(200);
        assertThat(delivery.succeeded()).isTrue();
        assertThat(delivery.responseBody()).isEqualTo("{\"status\":\"ok\"}");

        assertThat(received).hasSize(1);
        Received request = received.get(0);
        assertThat(request.path()).isEqualTo("/webhooks/elevenlabs");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertSigned(request, SECRET);
        assertThat(request.header("ElevenLabs-Signature")).isEqualTo(delivery.signatureHeader());
        assertThat(request.body()).isEqualTo(delivery.body());
        JsonNode event = request.json();
        assertThat(event.get("type").asText()).isEqualTo("post_call_transcription");
        assertThat(event.get("event_timestamp").isIntegralNumber()).isTrue();
        // data is the conversation exactly as GET /v1/convai/conversations/{id} serves it
        JsonNode served = new Http(server).get("/v1/convai/conversations/" + session.conversationId()).json();
        assertThat(event.get("data")).isEqualTo(served);
        assertThat(event.get("data").get("transcript").toString()).contains("Where is my order?");
    }

    @Test
    void streamsASignedAudioEventWithChunkedEncoding() throws Exception {
        String agentId = server.addAgent("Support");
        long size = 3 * 1024 * 1024 + 7;
        String conversationId = server.addConversation(ConversationSeed.forAgent(agentId).user("Hi").syntheticAudio(size));
        server.postCallWebhook(PostCallWebhook.to(url("/hook")).secret(SECRET).audio(true));

        WebhookDelivery delivery = server.deliverPostCallAudio(conversationId);
        assertThat(delivery.statusCode()).isEqualTo(200);
        assertThat(delivery.body()).isEmpty();                           // streamed, not kept
        Received request = received.get(0);
        assertThat(delivery.bodyLength()).isEqualTo(request.body().length);
        assertThat(request.header("Transfer-Encoding")).isEqualToIgnoringCase("chunked");
        assertSigned(request, SECRET);
        JsonNode event = request.json();
        assertThat(event.get("type").asText()).isEqualTo("post_call_audio");
        assertThat(event.get("data").get("agent_id").asText()).isEqualTo(agentId);
        assertThat(event.get("data").get("conversation_id").asText()).isEqualTo(conversationId);
        byte[] audio = Base64.getDecoder().decode(event.get("data").get("full_audio").asText());
        assertThat(MessageDigest.getInstance("SHA-256").digest(audio)).isEqualTo(
                MessageDigest.getInstance("SHA-256").digest(ConversationSeed.openSyntheticAudio(size).readAllBytes()));
        assertThatThrownBy(() -> server.deliverPostCallAudio(
                server.addConversation(ConversationSeed.forAgent(agentId))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no audio");
    }

    @Test
    void sendsTranscriptionAndAudioAfterAnInboundCallWhenAudioIsOn() throws Exception {
        String agentId = server.addAgent("Support");
        server.postCallWebhook(PostCallWebhook.to(url("/hook")).secret(SECRET).audio(true));
        InboundCall call = server.startInboundCall(agentId, "+14155550100", "+14155550199");
        WebhookDelivery transcription = server.awaitWebhookDelivery(TIMEOUT);
        assertThat(transcription.type()).isEqualTo("post_call_transcription");
        assertThat(transcription.conversationId()).isEqualTo(call.conversationId());
        // a fake phone call has no recording, so no audio event follows
        assertThatThrownBy(() -> server.awaitWebhookDelivery(Duration.ofMillis(300))).isInstanceOf(AssertionError.class);
    }

    @Test
    void sendsOtherEventsOnDemand() throws Exception {
        String agentId = server.addAgent("Support");
        String conversationId = server.addConversation(ConversationSeed.forAgent(agentId).user("Hi").agent("Hello"));
        server.postCallWebhook(PostCallWebhook.to(url("/hook")).secret(SECRET));

        assertThat(server.deliverPostCallTranscription(conversationId).statusCode()).isEqualTo(200);
        WebhookDelivery failure = server.deliverCallInitiationFailure(agentId, "busy");
        WebhookDelivery unknown = server.deliverWebhookEvent("voice_removal_notice", "{\"voice_id\":\"v1\"}");
        assertThat(received).hasSize(3);
        for (Received r : received) {
            assertSigned(r, SECRET);
        }
        JsonNode failureEvent = received.get(1).json();
        assertThat(failureEvent.get("type").asText()).isEqualTo("call_initiation_failure");
        assertThat(failureEvent.get("data").get("agent_id").asText()).isEqualTo(agentId);
        assertThat(failureEvent.get("data").get("failure_reason").asText()).isEqualTo("busy");
        assertThat(failureEvent.get("data").get("conversation_id").asText()).isEqualTo(failure.conversationId());
        assertThat(failureEvent.get("data").get("metadata").get("type").asText()).isEqualTo("twilio");
        assertThat(received.get(2).json().get("type").asText()).isEqualTo("voice_removal_notice");
        assertThat(received.get(2).json().get("data").get("voice_id").asText()).isEqualTo("v1");
        assertThat(unknown.conversationId()).isNull();
        assertThat(server.webhookDeliveries()).hasSize(3);
        assertThatThrownBy(() -> server.deliverWebhookEvent("x", "{not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sendsUnsignedWithoutASecretAndSignsOldTimestampsWhenAsked() throws Exception {
        String agentId = server.addAgent("Support");
        String conversationId = server.addConversation(ConversationSeed.forAgent(agentId));
        server.postCallWebhook(PostCallWebhook.to(url("/hook")));
        WebhookDelivery unsigned = server.deliverPostCallTranscription(conversationId);
        assertThat(unsigned.signatureHeader()).isNull();
        assertThat(received.get(0).header("ElevenLabs-Signature")).isNull();

        server.postCallWebhook(PostCallWebhook.to(url("/hook")).secret(SECRET).timestampOffset(Duration.ofMinutes(-31)));
        WebhookDelivery old = server.deliverPostCallTranscription(conversationId);
        long now = System.currentTimeMillis() / 1000;
        assertThat(old.timestamp()).isBetween(now - 31 * 60 - 5, now - 31 * 60 + 5);
        Received request = received.get(1);
        assertThat(request.header("ElevenLabs-Signature")).startsWith("t=" + old.timestamp() + ",v0=")
                .endsWith(v0(SECRET, Long.toString(old.timestamp()), request.body()));
    }

    @Test
    void recordsWhatTheReceiverAnsweredOrThatItWasUnreachable() {
        String agentId = server.addAgent("Support");
        String conversationId = server.addConversation(ConversationSeed.forAgent(agentId));
        answer = r -> new Object[] {401, "{\"detail\":\"bad signature\"}"};
        server.postCallWebhook(PostCallWebhook.to(url("/hook")).secret("wsec_wrong"));
        WebhookDelivery rejected = server.deliverPostCallTranscription(conversationId);
        assertThat(rejected.statusCode()).isEqualTo(401);
        assertThat(rejected.succeeded()).isFalse();
        assertThat(rejected.responseBody()).contains("bad signature");

        int port = receiver.getAddress().getPort();
        receiver.stop(0);
        server.postCallWebhook(PostCallWebhook.to("http://127.0.0.1:" + port + "/hook"));
        WebhookDelivery unreachable = server.deliverPostCallTranscription(conversationId);
        assertThat(unreachable.statusCode()).isEqualTo(-1);
        assertThat(unreachable.failure()).contains("Connect");
        assertThat(unreachable.toString()).contains("post_call_transcription " + conversationId);
    }

    @Test
    void refusesUrlsOffThisMachineAndDeliveriesWithoutAWebhook() {
        assertThatThrownBy(() -> PostCallWebhook.to("http://example.com/hook"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> PostCallWebhook.to("http://10.0.0.1/hook")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> PostCallWebhook.to("ftp://127.0.0.1/hook")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> ClientDataWebhook.to("not a url")).isInstanceOf(IllegalArgumentException.class);
        assertThat(PostCallWebhook.to("http://localhost:1/x").url()).isEqualTo("http://localhost:1/x");
        assertThatThrownBy(() -> server.deliverPostCallTranscription("conv_x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("server.postCallWebhook(");
        server.postCallWebhook(PostCallWebhook.to(url("/hook")));
        assertThatThrownBy(() -> server.deliverPostCallTranscription("conv_x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no conversation");
    }

    @Test
    void resetRemovesTheWebhooksAndTheirRecord() {
        String agentId = server.addAgent("Support");
        server.postCallWebhook(PostCallWebhook.to(url("/hook")).secret(SECRET));
        server.deliverPostCallTranscription(server.addConversation(ConversationSeed.forAgent(agentId)));
        assertThat(server.webhookDeliveries()).hasSize(1);
        server.reset();
        assertThat(server.webhookDeliveries()).isEmpty();
        assertThatThrownBy(() -> server.deliverCallInitiationFailure("agent_x", "busy"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(server.startInboundCall(server.addAgent("A"), "+1", "+2").clientDataStatus()).isEqualTo(-1);
    }

    @Test
    void anInboundCallAsksTheClientDataWebhookAndStartsWithItsVariables() throws Exception {
        String agentId = server.addAgent("Support");
        new Http(server).patchJson("/v1/convai/agents/" + agentId, "{\"conversation_config\":{\"agent\":{"
                + "\"first_message\":\"Hello {{customer_name}}, calling from {{system__caller_id}}?\"}}}");
        answer = r -> new Object[] {200, "{\"type\":\"conversation_initiation_client_data\",\"dynamic_variables\":"
                + "{\"customer_name\":\"Ada\",\"open_orders\":2},\"user_id\":\"customer-42\"}"};
        server.clientDataWebhook(ClientDataWebhook.to(url("/client-data")).header("X-Webhook-Token", "token-1"));
        server.postCallWebhook(PostCallWebhook.to(url("/post-call")).secret(SECRET));

        InboundCall call = server.startInboundCall(agentId, "+14155550100", "+14155550199");
        assertThat(call.started()).as(call.failure()).isTrue();
        assertThat(call.clientDataStatus()).isEqualTo(200);
        assertThat(call.firstMessage()).isEqualTo("Hello Ada, calling from +14155550100?");
        assertThat(call.callSid()).matches("CA[0-9a-f]{32}");
        assertThat(call.dynamicVariables()).containsEntry("customer_name", "Ada")
                .containsEntry("system__call_sid", call.callSid());

        Received ask = received.get(0);
        assertThat(ask.path()).isEqualTo("/client-data");
        assertThat(ask.header("X-Webhook-Token")).isEqualTo("token-1");
        assertThat(ask.header("ElevenLabs-Signature")).isNull();
        assertThat(ask.json()).isEqualTo(Http.JSON.readTree("{\"caller_id\":\"+14155550100\",\"agent_id\":\""
                + agentId + "\",\"called_number\":\"+14155550199\",\"call_sid\":\"" + call.callSid() + "\"}"));

        JsonNode conversation = new Http(server).get("/v1/convai/conversations/" + call.conversationId()).json();
        assertThat(conversation.get("transcript").get(0).get("message").asText()).isEqualTo(call.firstMessage());
        assertThat(conversation.get("user_id").asText()).isEqualTo("customer-42");
        assertThat(conversation.get("metadata").get("phone_call").get("external_number").asText()).isEqualTo("+14155550100");
        assertThat(conversation.get("metadata").get("phone_call").get("direction").asText()).isEqualTo("inbound");
        assertThat(conversation.get("conversation_initiation_client_data").get("dynamic_variables")
                .get("open_orders").asInt()).isEqualTo(2);

        WebhookDelivery postCall = server.awaitWebhookDelivery(TIMEOUT);
        assertThat(postCall.conversationId()).isEqualTo(call.conversationId());
        assertThat(postCall.url()).endsWith("/post-call");
        assertThat(Http.JSON.readTree(postCall.body()).get("data")).isEqualTo(conversation);
    }

    @Test
    void anOverrideFirstMessageWinsOverTheAgents() {
        String agentId = server.addAgent("Support");
        answer = r -> new Object[] {200, "{\"conversation_config_override\":{\"agent\":{\"first_message\":"
                + "\"Hi {{name}}!\"}},\"dynamic_variables\":{\"name\":\"Bo\"}}"};
        server.clientDataWebhook(ClientDataWebhook.to(url("/client-data")));
        assertThat(server.startInboundCall(agentId, "+1", "+2").firstMessage()).isEqualTo("Hi Bo!");
    }

    @Test
    void anInboundCallFailsOnAnAnswerThePlatformWouldNotTake() {
        String agentId = server.addAgent("Support");
        new Http(server).patchJson("/v1/convai/agents/" + agentId,
                "{\"conversation_config\":{\"agent\":{\"first_message\":\"Hello {{customer_name}}\"}}}");
        server.clientDataWebhook(ClientDataWebhook.to(url("/client-data")));
        Object[][] answers = {
            {500, "{}", "answered 500"},
            {200, "not json", "not JSON"},
            {200, "[]", "not a JSON object"},
            {200, "{\"type\":\"other\"}", "has type \"other\""},
            {200, "{\"dynamic_variables\":{\"customer_name\":{\"a\":1}}}", "not a string, number or boolean"},
            {200, "{\"dynamic_variables\":{\"customer_name\":\"A\",\"system__caller_id\":\"x\"}}", "reserved"},
            {200, "{\"dynamic_variables\":{}}", "missing_dynamic_variable"},
        };
        for (Object[] a : answers) {
            answer = r -> new Object[] {a[0], a[1]};
            InboundCall call = server.startInboundCall(agentId, "+1", "+2");
            assertThat(call.started()).as((String) a[1]).isFalse();
            assertThat(call.failure()).contains((String) a[2]);
            assertThat(new Http(server).get("/v1/convai/conversations/" + call.conversationId()).status())
                    .isEqualTo(404);
        }
        receiver.stop(0);
        assertThat(server.startInboundCall(agentId, "+1", "+2").failure()).contains("gave no response");
        assertThatThrownBy(() -> server.startInboundCall("agent_missing", "+1", "+2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no agent");
    }

    @Test
    void neitherAWebhookSecretNorAHeaderValueIsLoggedOrShown() throws Exception {
        String agentId = server.addAgent("Support");
        String conversationId = server.addConversation(ConversationSeed.forAgent(agentId).audio(new byte[] {1, 2, 3}));
        PostCallWebhook webhook = PostCallWebhook.to(url("/hook")).secret(SECRET).audio(true);
        ClientDataWebhook clientData = ClientDataWebhook.to(url("/cd")).header("X-Token", SECRET + "-header");
        server.postCallWebhook(webhook);
        server.clientDataWebhook(clientData);
        server.deliverPostCallTranscription(conversationId);
        server.deliverPostCallAudio(conversationId);
        server.startInboundCall(agentId, "+1", "+2");
        server.awaitWebhookDelivery(TIMEOUT);
        answer = r -> new Object[] {500, ""};
        server.deliverCallInitiationFailure(agentId, "busy");
        receiver.stop(0);
        server.deliverPostCallTranscription(conversationId);              // unreachable: logged as a failure

        assertThat(webhook.toString()).doesNotContain(SECRET).contains("signed");
        assertThat(clientData.toString()).doesNotContain(SECRET).contains("X-Token");
        for (WebhookDelivery d : server.webhookDeliveries()) {
            assertThat(d.toString()).doesNotContain(SECRET);
        }
        String log = Files.readString(LoggingTest.LOG);
        assertThat(log).contains("webhook post_call_audio -> " + url("/hook") + ": 200");   // the capture works
        assertThat(log).doesNotContain(SECRET);
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
