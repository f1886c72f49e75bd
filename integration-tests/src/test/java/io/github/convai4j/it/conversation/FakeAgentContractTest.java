package io.github.convai4j.it.conversation;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.conversation.AsyncApiDocument;
import io.github.convai4j.conversation.ConversationClosedException;
import io.github.convai4j.conversation.ConversationEnd;
import io.github.convai4j.conversation.ConversationInitiation;
import io.github.convai4j.conversation.ConversationSession;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.testing.ApiDocument;
import io.github.convai4j.testing.NeedsApiDocument;
import io.github.convai4j.testkit.FakeAgentsPlatform;
import io.github.convai4j.testkit.LiveSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.github.convai4j.conversation.AsyncApiDocument.at;
import static io.github.convai4j.conversation.AsyncApiDocument.cast;
import static io.github.convai4j.conversation.AsyncApiDocument.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The testkit's fake agent refuses, like a strict server, what the API documents do not list, and accepts all
 * they do: for every closed list of values a client sends (the initiation's {@code source_info.source}, the
 * agent language override, the client events, the tool-mock strategies), each listed value opens a
 * conversation through the real client, and an unlisted one ends it with 1008 {@code value_error}. Its lists
 * are copies of the documents' (it reads nothing at run time), so a change of the documents fails here.
 */
@NeedsApiDocument
class FakeAgentContractTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static FakeAgentsPlatform server;
    private static ConvaiClient client;
    private static String agentId;
    private static AsyncApiDocument asyncApi;
    private static List<String> sources;

    @BeforeAll
    static void start() throws IOException {
        server = FakeAgentsPlatform.start();
        client = ConvaiClient.builder().apiKey(server.apiKey()).baseUrl(server.baseUrl()).transportName("netty").build();
        agentId = server.addAgent("Strict");
        asyncApi = AsyncApiDocument.read();
        JsonValue openApi = JsonValue.parse(new String(Files.readAllBytes(
                ApiDocument.dir().resolve("elevenlabs-convai-openapi.json")), StandardCharsets.UTF_8));
        sources = new ArrayList<>();
        for (JsonValue value : openApi.get("components").get("schemas").get("ConversationInitiationSource")
                .get("enum").asArray()) {
            sources.add(value.asString());
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void everyListedSourceIsAcceptedAndAnUnlistedOneRefused() {
        assertThat(sources).hasSizeGreaterThan(20);
        for (String source : sources) {
            accepted(b -> b.sourceInfo(source, "1.0"), "source " + source);
        }
        refused(b -> b.property("source_info", JsonValue.parse("{\"source\":\"java_sdk\",\"version\":\"1.0\"}")),
                "source_info.source 'java_sdk'");
        refused(b -> b.property("source_info", JsonValue.parse("{\"source\":\"unknown\",\"version\":\""
                + "v".repeat(51) + "\"}")), "source_info.version");
    }

    @Test
    void everyListedLanguageIsAcceptedAndAnUnlistedOneRefused() {
        List<Object> languages = list(at(asyncApi.resolve(cast(at(schema("AgentConfigOverride"), "properties",
                "language"))), "enum"));
        assertThat(languages).hasSizeGreaterThan(50).contains("en", "no", "pt-br");
        for (Object language : languages) {
            accepted(b -> b.language((String) language), "language " + language);
        }
        refused(b -> b.language("xx"), "conversation_config_override.agent.language 'xx'");
    }

    @Test
    void everyListedClientEventIsAcceptedAndAnUnlistedOneRefused() {
        List<String> events = new ArrayList<>();
        for (Object event : list(at(schema("ClientEvent"), "enum"))) {
            events.add((String) event);
        }
        assertThat(events).hasSizeGreaterThan(20).contains("agent_response", "client_tool_call");
        accepted(b -> b.clientEvents(events), "every client event");
        List<String> withUnlisted = new ArrayList<>(events);
        withUnlisted.add("telepathy");
        refused(b -> b.clientEvents(withUnlisted), "client_events[] 'telepathy'");
    }

    @Test
    void everyListedToolMockStrategyIsAcceptedAndAnUnlistedOneRefused() {
        for (String property : new String[] {"mocking_strategy", "fallback_strategy"}) {
            List<Object> values = list(at(schema("ToolMockConfig"), "properties", property, "enum"));
            assertThat(values).hasSizeGreaterThanOrEqualTo(2);
            for (Object value : values) {
                accepted(b -> b.property("tool_mock_config", JsonValue.parse("{\"" + property + "\":\"" + value + "\"}")),
                        property + " " + value);
            }
            refused(b -> b.property("tool_mock_config", JsonValue.parse("{\"" + property + "\":\"sometimes\"}")),
                    "tool_mock_config." + property + " 'sometimes'");
        }
    }

    private static Map<String, Object> schema(String name) {
        return asyncApi.schema(name);
    }

    private static void accepted(Consumer<ConversationInitiation.Builder> setting, String what) {
        ConversationInitiation.Builder initiation = ConversationInitiation.builder().textOnly(true);
        setting.accept(initiation);
        try (ConversationSession session = client.liveConversation(agentId).initiation(initiation.build()).open()) {
            assertThat(session.sendAndAwaitReply("Hello", WAIT)).as(what).isEqualTo("You said: Hello");
        }
        server.awaitSession(WAIT).awaitClosed(WAIT);
    }

    private static void refused(Consumer<ConversationInitiation.Builder> setting, String reason) {
        ConversationInitiation.Builder initiation = ConversationInitiation.builder().textOnly(true);
        setting.accept(initiation);
        assertThatThrownBy(() -> client.liveConversation(agentId).initiation(initiation.build()).open())
                .isInstanceOf(ConversationClosedException.class)
                .satisfies(e -> {
                    ConversationEnd end = ((ConversationClosedException) e).end();
                    assertThat(end.closeCode()).isEqualTo(1008);
                    assertThat(end.errorType()).hasValue("value_error");
                    assertThat(end.errorEvent().flatMap(error -> error.message())).hasValueSatisfying(m -> assertThat(m).contains(reason));
                });
        LiveSession session = server.awaitSession(WAIT);
        assertThat(session.awaitClosed(WAIT).code()).isEqualTo(1008);
        assertThat(session.received().get(0).type()).isEqualTo("conversation_initiation_client_data");
    }
}
