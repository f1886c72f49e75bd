package io.github.convai4j.examples;

import io.github.convai4j.testkit.FakeAgentsPlatform;
import io.github.convai4j.testkit.LiveSession;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the console chat example with scripted input, against the fake agent. */
class ConsoleChatTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private int run(String input, Map<String, String> env, String... args) throws IOException {
        return ConsoleChat.run(new BufferedReader(new StringReader(input)), out, env, args);
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutAKeyItChatsWithTheFakeAgentAndAnswersItsToolCall() throws Exception {
        int status = run("Hello there\n\nWhat time is it?\n/quit\nnever read\n", Collections.emptyMap());

        String output = output();
        assertThat(status).as(output).isZero();
        assertThat(output).contains("ELEVENLABS_API_KEY is not set: talking to the testkit's fake agent at http://127.0.0.1:")
                .containsPattern("Conversation conv_\\S+ with agent agent_\\S+ \\(API calls through httpclient5\\)")
                .contains("agent> Hello! I am a fake agent. Ask me what time it is.\n")
                .contains("you> Hello there\nagent> You said: Hello there\n")
                .containsPattern("you> What time is it\\?\n"
                        + "   \\(the agent called the client tool get_time: (\\d\\d:\\d\\d(:\\d\\d)?)\\)\n"
                        + "agent> Your clock says \\1\\.\n")
                .doesNotContain("never read")
                .endsWith("Bye.\n");
    }

    @Test
    void withAKeyItTalksToTheAgentOfTheArgumentsAndFetchesASignedUrlForAPrivateOne() throws Exception {
        try (FakeAgentsPlatform platform = FakeAgentsPlatform.start()) {
            String agentId = platform.addAgent("Private desk");
            platform.requireAuth(agentId, true);
            Map<String, String> env = new HashMap<>();
            env.put("ELEVENLABS_API_KEY", platform.apiKey());
            env.put("ELEVENLABS_BASE_URL", platform.baseUrl());

            int status = run("Hi\n", env, agentId, "--private");

            String output = output();
            assertThat(status).as(output).isZero();
            assertThat(output).contains("you> Hi\nagent> You said: Hi\n").endsWith("Bye.\n")
                    .doesNotContain(platform.apiKey());
            assertThat(platform.requests("GET", "/v1/convai/conversation/get-signed-url")).hasSize(1);
            LiveSession fake = platform.awaitSession(Duration.ofSeconds(10));
            assertThat(fake.apiKeySeenOnHandshake()).isFalse();
            assertThat(fake.handshake().queryParameter("token")).isNotBlank();
        }
    }

    @Test
    void aPrivateAgentOpenedAsPublicIsRefusedWithAHint() throws Exception {
        try (FakeAgentsPlatform platform = FakeAgentsPlatform.start()) {
            String agentId = platform.addAgent("Private desk");
            platform.requireAuth(agentId, true);
            Map<String, String> env = new HashMap<>();
            env.put("ELEVENLABS_API_KEY", platform.apiKey());
            env.put("ELEVENLABS_BASE_URL", platform.baseUrl());

            int status = run("Hi\n", env, agentId);

            assertThat(status).isEqualTo(1);
            assertThat(output()).startsWith("Could not talk to agent " + agentId + ": ")
                    .contains("HTTP 403", "requiresAuth(true)");
        }
    }

    @Test
    void withAKeyButNoAgentItSaysHowToRunIt() throws Exception {
        int status = run("", Collections.singletonMap("ELEVENLABS_API_KEY", "sk_x"));
        assertThat(status).isEqualTo(2);
        assertThat(output()).contains("Usage: ConsoleChat <agent id> [--private]");
    }
}
