package io.github.convai4j.examples;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.conversation.ConversationInitiation;
import io.github.convai4j.conversation.ConversationSession;
import io.github.convai4j.conversation.events.AgentResponseEvent;
import io.github.convai4j.testkit.FakeAgentsPlatform;
import io.github.convai4j.testkit.LiveMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live-conversation snippets of the README and of the {@code io.github.convai4j.conversation} package
 * Javadoc, run against the fake agent: only the client's key and base URL differ.
 */
class ReadmeSnippetTest {

    @Test
    void theBlockingSnippet() {
        try (FakeAgentsPlatform fake = FakeAgentsPlatform.start()) {
            String agentId = fake.addAgent("Readme");
            fake.script(agentId, (session, text) -> {
                LiveMessage time = session.sendClientToolCall("get_time", "{}", Duration.ofSeconds(10));
                session.sendAgentResponse("It is " + time.string("result") + ".");
            });
            String reply;
            // ---- the snippet ----
            try (ConvaiClient client = ConvaiClient.builder().apiKey(fake.apiKey()).baseUrl(fake.baseUrl()).build();
                    ConversationSession session = client.liveConversation(agentId)
                            .initiation(ConversationInitiation.builder().textOnly(true).build())
                            .clientTool("get_time", call -> LocalTime.now().withNano(0).toString())
                            .open()) {
                reply = session.sendAndAwaitReply("Hi! What time is it?", Duration.ofSeconds(30));
            }
            // ---------------------
            assertThat(reply).matches("It is \\d\\d:\\d\\d(:\\d\\d)?\\.");
        }
    }

    @Test
    void theListenerSnippet() throws Exception {
        try (FakeAgentsPlatform fake = FakeAgentsPlatform.start()) {
            String agentId = fake.addAgent("Readme");
            List<String> printed = new CopyOnWriteArrayList<>();
            try (ConvaiClient client = ConvaiClient.builder().apiKey(fake.apiKey()).baseUrl(fake.baseUrl()).build()) {
                // ---- the snippet ----
                ConversationSession session = client.liveConversation(agentId).open((s, event) -> {
                    if (event instanceof AgentResponseEvent) {
                        printed.add(((AgentResponseEvent) event).text());
                    }
                });
                session.sendUserMessage("Hello");
                // ---------------------
                fake.awaitSession(Duration.ofSeconds(10)).awaitMessage("user_message", Duration.ofSeconds(10));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (printed.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                session.close();
                assertThat(printed).containsExactly("You said: Hello");
            }
        }
    }
}
