package io.github.convai4j.internal;

import io.github.convai4j.ClientOptions;
import io.github.convai4j.Provider;
import io.github.convai4j.core.AuthScheme;
import io.github.convai4j.core.BinaryResponse;
import io.github.convai4j.core.RawResponse;
import io.github.convai4j.core.RequestOptions;
import io.github.convai4j.errors.DecodingException;
import io.github.convai4j.http.ContentSource;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.MultipartBody;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request assembly and response decoding, on an in-memory transport (no network involved). */
class ClientContextTest {

    private static final String KEY = "sk_test_0123456789";

    private final StubTransport transport = new StubTransport();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void tearDown() {
        transport.close();
        scheduler.shutdownNow();
    }

    private ClientContext context(ClientOptions.Builder options) {
        return new ClientContext(options.apiKey(KEY).build(), transport, Runnable::run, scheduler);
    }

    private ClientContext context() {
        return context(ClientOptions.builder());
    }

    private static ApiRequest getAgent(String id) {
        return ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents/{agent_id}")
                .operationId("get_agent_route").pathParam("agent_id", id).build();
    }

    @Test
    void buildsTheWireRequestWithKeyUserAgentAndAccept() {
        transport.respond(200, "application/json", "{\"agent_id\":\"a/1\",\"name\":\"Support\"}");

        TestModels.Agent agent = context().execute(getAgent("a/1"), ResponseHandlers.json(TestModels.AGENT), null);

        assertThat(agent).isEqualTo(new TestModels.Agent("a/1", "Support"));
        HttpRequest sent = transport.sent().get(0).request();
        assertThat(sent.uri().toString()).isEqualTo("https://api.elevenlabs.io/v1/convai/agents/a%2F1");
        assertThat(sent.headers().first("xi-api-key")).isEqualTo(KEY);
        assertThat(sent.headers().first("Accept")).isEqualTo("application/json");
        assertThat(sent.headers().first("User-Agent")).matches("convai4j/\\S+ \\(stub; Java [^)]+\\)");
        assertThat(sent.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(sent.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(sent.totalTimeout()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void userAgentCarriesTheProjectVersion() {
        assertThat(context().userAgent()).doesNotContain("unknown").doesNotContain("${");
    }

    @Test
    void eachAuthSchemeSendsTheKeyInItsHeader() {
        for (AuthScheme scheme : AuthScheme.values()) {
            transport.respond(204, null, null);
            context(ClientOptions.builder().authScheme(scheme)).execute(getAgent("a"), ResponseHandlers.empty(), null);
        }

        assertThat(transport.sent().get(0).request().headers().first("xi-api-key")).isEqualTo(KEY);
        assertThat(transport.sent().get(1).request().headers().first("x-api-key")).isEqualTo(KEY);
        assertThat(transport.sent().get(2).request().headers().first("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(transport.sent().get(2).request().headers().contains("xi-api-key")).isFalse();
    }

    @Test
    void threetoneSendsXApiKeyToItsHost() {
        transport.respond(204, null, null);

        context(ClientOptions.builder().provider(Provider.THREETONE)).execute(getAgent("a"), ResponseHandlers.empty(), null);

        HttpRequest sent = transport.sent().get(0).request();
        assertThat(sent.uri().getHost()).isEqualTo("api.threetone.in");
        assertThat(sent.headers().first("x-api-key")).isEqualTo(KEY);
    }

    @Test
    void basePathPrefixIsKept() {
        transport.respond(204, null, null);

        context(ClientOptions.builder().baseUrl("https://gateway.example.com/elevenlabs/"))
                .execute(getAgent("a"), ResponseHandlers.empty(), null);

        assertThat(transport.sent().get(0).request().uri().toString())
                .isEqualTo("https://gateway.example.com/elevenlabs/v1/convai/agents/a");
    }

    @Test
    void headerPrecedenceIsDefaultsThenOperationThenRequestOptions() {
        transport.respond(204, null, null);
        ClientContext context = context(ClientOptions.builder().defaultHeader("x-team", "default").defaultHeader("x-a", "1"));
        ApiRequest request = ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents")
                .header("x-team", "operation").header("x-b", "2").build();

        context.execute(request, ResponseHandlers.empty(), RequestOptions.builder().header("x-team", "call").build());

        HttpRequest sent = transport.sent().get(0).request();
        assertThat(sent.headers().values("x-team")).containsExactly("call");
        assertThat(sent.headers().first("x-a")).isEqualTo("1");
        assertThat(sent.headers().first("x-b")).isEqualTo("2");
    }

    @Test
    void extraHeadersCannotSetTheTransportsFieldsOrTheContentType() {
        for (String name : new String[] {"Content-Type", "content-length", "Transfer-Encoding", "Host", "Connection"}) {
            assertThatThrownBy(() -> RequestOptions.builder().header(name, "text/x-from-request")).as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("RequestOptions.header cannot set '" + name + "'");
            assertThatThrownBy(() -> ClientOptions.builder().defaultHeader(name, "x")).as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("defaultHeader cannot set '" + name + "'");
            assertThatThrownBy(() -> ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents").header(name, "x")).as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ApiRequest.header cannot set '" + name + "'");
        }
        assertThatThrownBy(() -> RequestOptions.builder().header("Content-Type", "text/plain"))
                .hasMessageContaining("always the body's own");
        assertThatThrownBy(() -> ApiRequest.builder(HttpMethod.POST, "/v1/x").header("content-type", "text/plain"))
                .hasMessageContaining("set it on the RequestBody");
    }

    @Test
    void aJsonBodyIsSentAsCodecsToBytesWritesIt() {
        transport.respond(200, "application/json", "{}").respond(200, "application/json", "{}");
        TestModels.Agent agent = new TestModels.Agent(null, "Support \u00e9 " + "x".repeat(50_000));
        JsonValue untyped = JsonValue.object(Map.of("name", JsonValue.of("caf\u00e9")));

        context().execute(ApiRequest.builder(HttpMethod.POST, "/v1/convai/agents/create")
                .jsonBody(agent, TestModels.AGENT).build(), ResponseHandlers.jsonValue(), null);
        context().execute(ApiRequest.builder(HttpMethod.POST, "/v1/convai/agents/create")
                .jsonBody(untyped).build(), ResponseHandlers.jsonValue(), null);

        assertThat(transport.sent().get(0).body()).isEqualTo(Json.toBytes(TestModels.AGENT, agent));
        assertThat(transport.sent().get(0).request().body().contentLength()).isEqualTo(
                Json.toBytes(TestModels.AGENT, agent).length);
        assertThat(transport.sent().get(1).bodyText()).isEqualTo("{\"name\":\"caf\u00e9\"}");
    }

    @Test
    void aJsonBodyThatCannotBeWrittenFailsBeforeAnythingIsSent() {
        JsonValue deep = JsonValue.of(1L);
        for (int i = 0; i < Json.MAX_NESTING_DEPTH + 1; i++) {
            deep = JsonValue.array(java.util.List.of(deep));
        }
        ApiRequest request = ApiRequest.builder(HttpMethod.POST, "/v1/convai/agents/create")
                .operationId("create_agent_route").jsonBody(deep).build();

        assertThatThrownBy(() -> context().execute(request, ResponseHandlers.jsonValue(), null))
                .isInstanceOf(io.github.convai4j.errors.ConvaiException.class)
                .hasMessageContaining("Could not write the JSON request body").hasMessageContaining("nesting depth");
        assertThat(transport.sent()).isEmpty();
    }

    @Test
    void theBodysContentTypeIsTheOnlyOneSent() {
        transport.respond(200, "application/json", "{}").respond(200, "application/json", "{}")
                .respond(204, null, null);
        ApiRequest json = ApiRequest.builder(HttpMethod.POST, "/v1/convai/agents/create")
                .jsonBody(new TestModels.Agent(null, "Support"), TestModels.AGENT).build();
        MultipartBody form = MultipartBody.builder().addField("name", "x").build();
        ApiRequest multipart = ApiRequest.builder(HttpMethod.POST, "/v1/convai/knowledge-base/file")
                .multipartBody(form).build();

        context().execute(json, ResponseHandlers.jsonValue(), null);
        context().execute(multipart, ResponseHandlers.jsonValue(), null);
        context().execute(getAgent("a"), ResponseHandlers.empty(), null);

        HttpRequest sentJson = transport.sent().get(0).request();
        assertThat(sentJson.headers().contains("Content-Type")).isFalse();
        assertThat(sentJson.body().contentType()).isEqualTo("application/json");
        HttpRequest sentForm = transport.sent().get(1).request();
        assertThat(sentForm.headers().contains("Content-Type")).isFalse();
        assertThat(sentForm.body().contentType()).isEqualTo(form.contentType()).contains("boundary=");
        HttpRequest sentGet = transport.sent().get(2).request();
        assertThat(sentGet.body()).isNull();
        assertThat(sentGet.headers().contains("Content-Type")).isFalse();
    }

    @Test
    void queryIsEncodedAndExtraParametersReplaceByName() {
        transport.respond(204, null, null);
        ApiRequest request = ApiRequest.builder(HttpMethod.GET, "/v1/convai/conversations")
                .queryParam("search", "a&b=c d/é")
                .queryParams("tool_names", java.util.List.of("x", "y"))
                .queryParam("page_size", 10)
                .build();

        context().execute(request, ResponseHandlers.empty(), RequestOptions.builder()
                .queryParam("page_size", "50").queryParam("new_filter", "on").build());

        assertThat(transport.sent().get(0).request().uri().getRawQuery())
                .isEqualTo("search=a%26b%3Dc%20d%2F%C3%A9&tool_names=x&tool_names=y&page_size=50&new_filter=on");
    }

    @Test
    void extraBodyPropertiesMergeIntoTheTopLevelOfTheJsonBody() {
        transport.respond(200, "application/json", "{\"agent_id\":\"a\"}");
        ApiRequest request = ApiRequest.builder(HttpMethod.POST, "/v1/convai/agents/create")
                .jsonBody(new TestModels.Agent(null, "Support"), TestModels.AGENT).build();

        context().execute(request, ResponseHandlers.json(TestModels.AGENT), RequestOptions.builder()
                .bodyProperty("name", "Renamed").bodyProperty("beta_flag", true)
                .bodyProperty("nested", Map.of("k", 1)).build());

        assertThat(transport.sent().get(0).bodyText())
                .isEqualTo("{\"name\":\"Renamed\",\"beta_flag\":true,\"nested\":{\"k\":1}}");
        assertThat(transport.sent().get(0).request().body().contentType()).isEqualTo("application/json");
    }

    @Test
    void extraBodyPropertiesOnAPostWithoutBodyBecomeTheBody() {
        transport.respond(200, "application/json", "{}");
        ApiRequest request = ApiRequest.builder(HttpMethod.POST, "/v1/convai/agents/{agent_id}/duplicate")
                .pathParam("agent_id", "a").build();

        context().execute(request, ResponseHandlers.jsonValue(), RequestOptions.builder().bodyProperty("name", "Copy").build());

        assertThat(transport.sent().get(0).bodyText()).isEqualTo("{\"name\":\"Copy\"}");
    }

    @Test
    void extraBodyPropertiesThatCannotBeMergedFailBeforeAnyIo() {
        ApiRequest multipart = ApiRequest.builder(HttpMethod.POST, "/v1/convai/agents/{agent_id}/avatar")
                .pathParam("agent_id", "a")
                .multipartBody(MultipartBody.builder().addFile("avatar_file", "a.png", "image/png",
                        ContentSource.ofBytes(new byte[] {1})).build())
                .build();
        RequestOptions extra = RequestOptions.builder().bodyProperty("x", 1).build();

        assertThatThrownBy(() -> context().execute(multipart, ResponseHandlers.jsonValue(), extra))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multipart/form-data");
        assertThatThrownBy(() -> context().executeAsync(getAgent("a"), ResponseHandlers.jsonValue(), extra))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has none");
        assertThat(transport.sent()).isEmpty();
    }

    @Test
    void rawResponseCarriesStatusHeadersAndRequestId() {
        transport.respond(200, "application/json", "{\"agent_id\":\"a\"}", "request-id", "req-42");

        RawResponse<TestModels.Agent> raw = context().executeRaw(getAgent("a"), ResponseHandlers.json(TestModels.AGENT), null);

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.requestId()).isEqualTo("req-42");
        assertThat(raw.headers().first("content-type")).isEqualTo("application/json");
        assertThat(raw.value().agentId()).isEqualTo("a");
    }

    @Test
    void malformedJsonIsADecodingException() {
        transport.respond(200, "application/json", "{\"agent_id\": \"a\"", "request-id", "req-7");

        assertThatThrownBy(() -> context().execute(getAgent("a"), ResponseHandlers.json(TestModels.AGENT), null))
                .isInstanceOfSatisfying(DecodingException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(200);
                    assertThat(e.requestId()).isEqualTo("req-7");
                    assertThat(e.getMessage()).contains("get_agent_route");
                });
    }

    @Test
    void trailingContentAndEmptyBodiesAreDecodingExceptions() {
        transport.respond(200, "application/json", "{\"agent_id\":\"a\"} {}");
        transport.respond(200, "application/json", "");

        assertThatThrownBy(() -> context().execute(getAgent("a"), ResponseHandlers.json(TestModels.AGENT), null))
                .isInstanceOf(DecodingException.class).hasMessageContaining("after the JSON value");
        assertThatThrownBy(() -> context().execute(getAgent("a"), ResponseHandlers.json(TestModels.AGENT), null))
                .isInstanceOf(DecodingException.class).hasMessageContaining("empty");
    }

    @Test
    void brokenReadConstraintIsADecodingException() {
        String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 10) + "]".repeat(Json.MAX_NESTING_DEPTH + 10);
        transport.respond(200, "application/json", deep);

        assertThatThrownBy(() -> context().execute(getAgent("a"), ResponseHandlers.jsonValue(), null))
                .isInstanceOf(DecodingException.class).hasMessageContaining("nesting depth");
    }

    @Test
    void untypedJsonAndTextAndEmptyResponses() {
        transport.respond(200, "application/json", "{\"ok\":true}");
        transport.respond(200, "application/json", "");
        transport.respond(200, "text/html; charset=ISO-8859-1", "<Response>caf\u00e9</Response>");
        transport.respond(200, "application/json", "{\"ignored\":1}");

        assertThat(context().execute(getAgent("a"), ResponseHandlers.jsonValue(), null).get("ok")).isEqualTo(JsonValue.TRUE);
        assertThat(context().execute(getAgent("a"), ResponseHandlers.jsonValue(), null)).isEqualTo(JsonValue.NULL);
        // The stub sends UTF-8 bytes while the header claims Latin-1: the handler decodes as the header says.
        assertThat(context().execute(getAgent("a"), ResponseHandlers.text(), null))
                .isEqualTo("<Response>caf\u00c3\u00a9</Response>");
        assertThat(context().execute(getAgent("a"), ResponseHandlers.empty(), null)).isNull();
    }

    @Test
    void binaryResponseStreamsAndIsClosedByItsOwner() throws Exception {
        transport.respond(200, "audio/mpeg", "ID3-audio-bytes", "Content-Length", "15");

        try (BinaryResponse audio = context().execute(getAgent("a"), ResponseHandlers.binary(), null)) {
            assertThat(audio.contentType()).isEqualTo("audio/mpeg");
            assertThat(audio.contentLength()).isEqualTo(15);
            assertThat(new String(audio.body().readAllBytes())).isEqualTo("ID3-audio-bytes");
            assertThatThrownBy(audio::body).isInstanceOf(IllegalStateException.class);
        }
    }
}
