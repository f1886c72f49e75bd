package io.github.convai4j.it;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.AuthScheme;
import io.github.convai4j.core.BinaryResponse;
import io.github.convai4j.core.Page;
import io.github.convai4j.errors.AuthenticationException;
import io.github.convai4j.errors.ConvaiIOException;
import io.github.convai4j.errors.NotFoundException;
import io.github.convai4j.errors.UnprocessableEntityException;
import io.github.convai4j.http.ContentSource;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.MultipartBody;
import io.github.convai4j.internal.ApiRequest;
import io.github.convai4j.internal.ClientContext;
import io.github.convai4j.internal.PageAccessors;
import io.github.convai4j.internal.ResponseHandlers;
import io.github.convai4j.json.JsonCodec;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.testkit.ConversationSeed;
import io.github.convai4j.testkit.FakeAgentsPlatform;
import io.github.convai4j.testkit.FaultRule;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runtime against the testkit's fake Agents Platform: an implementation of the API written
 * independently of the client, with its own routes, paging, validation and faults.
 */
class AgainstTestkitTest {

    /** Reads a page as an untyped tree (generated code would use the page model's codec). */
    private static final JsonCodec<JsonValue> UNTYPED = new JsonCodec<>() {
        @Override
        public JsonValue read(JsonParser parser) throws IOException {
            return JsonValue.read(parser);
        }

        @Override
        public void write(JsonGenerator generator, JsonValue value) throws IOException {
            value.write(generator);
        }
    };

    private static ConvaiClient client(String transport, FakeAgentsPlatform fake, AuthScheme scheme) {
        return ConvaiClient.builder().apiKey(fake.apiKey()).baseUrl(fake.baseUrl()).authScheme(scheme)
                .transportName(transport).build();
    }

    private static ApiRequest createAgent(String name) {
        return ApiRequest.builder(HttpMethod.POST, "/v1/convai/agents/create").operationId("create_agent_route")
                .jsonBody(JsonValue.parse("{\"conversation_config\":{},\"name\":\"" + name + "\"}")).build();
    }

    private static ApiRequest agent(HttpMethod method, String agentId) {
        return ApiRequest.builder(method, "/v1/convai/agents/{agent_id}").pathParam("agent_id", agentId).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void eachAuthSchemeIsWhatTheServerExpects(String transport) {
        for (AuthScheme scheme : AuthScheme.values()) {
            io.github.convai4j.testkit.AuthScheme expected = io.github.convai4j.testkit.AuthScheme.valueOf(scheme.name());
            try (FakeAgentsPlatform fake = FakeAgentsPlatform.builder().authScheme(expected).start();
                    ConvaiClient right = client(transport, fake, scheme);
                    ConvaiClient wrong = client(transport, fake, scheme == AuthScheme.BEARER ? AuthScheme.XI_API_KEY : AuthScheme.BEARER)) {
                fake.addAgent("Support");

                JsonValue page = right.context().execute(ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents").build(),
                        ResponseHandlers.jsonValue(), null);
                assertThat(page.get("agents").asArray()).hasSize(1);
                assertThatThrownBy(() -> wrong.context().execute(agent(HttpMethod.GET, "x"), ResponseHandlers.jsonValue(), null))
                        .isInstanceOfSatisfying(AuthenticationException.class,
                                e -> assertThat(e.code()).isEqualTo("needs_authorization"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void agentLifecycleAndCursorPaging(String transport) {
        try (FakeAgentsPlatform fake = FakeAgentsPlatform.start(); ConvaiClient client = client(transport, fake, AuthScheme.XI_API_KEY)) {
            ClientContext context = client.context();
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                ids.add(context.execute(createAgent("Agent " + i), ResponseHandlers.jsonValue(), null).get("agent_id").asString());
            }

            Function<String, ApiRequest> list = cursor -> ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents")
                    .operationId("get_agents_route").queryParam("page_size", 2).queryParam("cursor", cursor).build();
            PageAccessors<JsonValue, JsonValue> accessors = PageAccessors.of(
                    r -> r.get("agents").asArray(),
                    r -> r.get("next_cursor") == null || r.get("next_cursor").isNull() ? null : r.get("next_cursor").asString(),
                    r -> r.get("has_more").asBoolean());
            Page<JsonValue, JsonValue> first = context.executePage(list, UNTYPED, accessors, null);
            List<String> names = first.streamAll().map(a -> a.get("name").asString()).toList();

            assertThat(names).containsExactly("Agent 5", "Agent 4", "Agent 3", "Agent 2", "Agent 1");
            assertThat(fake.requests("GET", "/v1/convai/agents")).hasSize(3);

            context.execute(ApiRequest.builder(HttpMethod.PATCH, "/v1/convai/agents/{agent_id}").pathParam("agent_id", ids.get(0))
                    .jsonBody(JsonValue.parse("{\"name\":\"Renamed\"}")).build(), ResponseHandlers.jsonValue(), null);
            assertThat(context.execute(agent(HttpMethod.GET, ids.get(0)), ResponseHandlers.jsonValue(), null)
                    .get("name").asString()).isEqualTo("Renamed");
            context.execute(agent(HttpMethod.DELETE, ids.get(0)), ResponseHandlers.empty(), null);
            assertThatThrownBy(() -> context.execute(agent(HttpMethod.GET, ids.get(0)), ResponseHandlers.jsonValue(), null))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> {
                        assertThat(e.code()).isEqualTo("agent_not_found");
                        assertThat(e.requestId()).isNotBlank();
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void validationErrorsOfTheFakeAreParsed(String transport) {
        try (FakeAgentsPlatform fake = FakeAgentsPlatform.start(); ConvaiClient client = client(transport, fake, AuthScheme.XI_API_KEY)) {
            ApiRequest noConfig = ApiRequest.builder(HttpMethod.POST, "/v1/convai/agents/create")
                    .jsonBody(JsonValue.parse("{\"name\":42}")).build();

            assertThatThrownBy(() -> client.context().execute(noConfig, ResponseHandlers.jsonValue(), null))
                    .isInstanceOfSatisfying(UnprocessableEntityException.class, e ->
                            assertThat(e.validationErrors()).anyMatch(v -> v.location().equals("body.conversation_config")
                                    && "missing".equals(v.type())));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void avatarUploadArrivesByteForByte(String transport) {
        try (FakeAgentsPlatform fake = FakeAgentsPlatform.start(); ConvaiClient client = client(transport, fake, AuthScheme.XI_API_KEY)) {
            String agentId = fake.addAgent("Support");
            byte[] png = new byte[200_000];
            for (int i = 0; i < png.length; i++) {
                png[i] = (byte) (i ^ (i >>> 7));
            }
            ApiRequest upload = ApiRequest.builder(HttpMethod.POST, "/v1/convai/agents/{agent_id}/avatar")
                    .operationId("post_agent_avatar_route").pathParam("agent_id", agentId)
                    .multipartBody(MultipartBody.builder().addFile("avatar_file", "avatar.png", "image/png",
                            ContentSource.ofBytes(png)).build())
                    .build();

            JsonValue result = client.context().execute(upload, ResponseHandlers.jsonValue(), null);

            assertThat(result.get("avatar_url").asString()).startsWith(fake.baseUrl());
            assertThat(fake.avatar(agentId)).hasValueSatisfying(file -> {
                assertThat(file.bytes()).isEqualTo(png);
                assertThat(file.filename()).isEqualTo("avatar.png");
                assertThat(file.contentType()).isEqualTo("image/png");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void conversationAudioDownloadsToAFile(String transport, @TempDir Path dir) throws Exception {
        try (FakeAgentsPlatform fake = FakeAgentsPlatform.start(); ConvaiClient client = client(transport, fake, AuthScheme.XI_API_KEY)) {
            long size = 3L * 1024 * 1024 + 5;
            String conversationId = fake.addConversation(ConversationSeed.forAgent(fake.addAgent("A"))
                    .user("Hi").agent("Hello").syntheticAudio(size));
            ApiRequest audio = ApiRequest.builder(HttpMethod.GET, "/v1/convai/conversations/{conversation_id}/audio")
                    .pathParam("conversation_id", conversationId).build();

            Path file = dir.resolve("audio.mp3");
            try (BinaryResponse response = client.context().execute(audio, ResponseHandlers.binary(), null)) {
                assertThat(response.contentType()).startsWith("audio/mpeg");
                assertThat(response.writeTo(file)).isEqualTo(size);
            }
            try (InputStream expected = ConversationSeed.openSyntheticAudio(size); InputStream actual = Files.newInputStream(file)) {
                assertThat(actual).hasSameContentAs(expected);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void connectionResetMidBodyIsRetriedForAGet(String transport) {
        try (FakeAgentsPlatform fake = FakeAgentsPlatform.start(); ConvaiClient client = client(transport, fake, AuthScheme.XI_API_KEY)) {
            String agentId = fake.addAgent("Support");
            fake.injectFault(FaultRule.on("GET", "/v1/convai/agents/{agent_id}").resetConnectionMidBody().once());

            JsonValue agent = client.context().execute(agent(HttpMethod.GET, agentId), ResponseHandlers.jsonValue(), null);

            assertThat(agent.get("name").asString()).isEqualTo("Support");
            assertThat(fake.requests("GET", "/v1/convai/agents/{agent_id}")).hasSize(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void truncatedAnswerToAPostIsNotRetriedSinceItMayHaveTakenEffect(String transport) {
        try (FakeAgentsPlatform fake = FakeAgentsPlatform.start(); ConvaiClient client = client(transport, fake, AuthScheme.XI_API_KEY)) {
            fake.injectFault(FaultRule.on("POST", "/v1/convai/agents/create").truncateBody().once());

            assertThatThrownBy(() -> client.context().execute(createAgent("Once"), ResponseHandlers.jsonValue(), null))
                    .isInstanceOf(ConvaiIOException.class);

            assertThat(fake.requests("POST", "/v1/convai/agents/create")).hasSize(1);
            JsonValue page = client.context().execute(ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents").build(),
                    ResponseHandlers.jsonValue(), null);
            assertThat(page.get("agents").asArray()).hasSize(1); // created once, not twice
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void rateLimitFaultIsRetriedAfterItsRetryAfter(String transport) {
        try (FakeAgentsPlatform fake = FakeAgentsPlatform.start(); ConvaiClient client = client(transport, fake, AuthScheme.XI_API_KEY)) {
            fake.injectFault(FaultRule.on("POST", "/v1/convai/agents/create").tooManyRequests(1).once());
            long start = System.nanoTime();

            JsonValue created = client.context().execute(createAgent("Patient"), ResponseHandlers.jsonValue(), null);

            assertThat(created.get("agent_id").asString()).isNotBlank();
            assertThat(fake.requests("POST", "/v1/convai/agents/create")).hasSize(2);
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(950L, 5_000L);
        }
    }
}
