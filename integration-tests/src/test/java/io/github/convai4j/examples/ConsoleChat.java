package io.github.convai4j.examples;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.conversation.ConversationClosedException;
import io.github.convai4j.conversation.ConversationInitiation;
import io.github.convai4j.conversation.ConversationSession;
import io.github.convai4j.errors.ConvaiTimeoutException;
import io.github.convai4j.testkit.ConversationScript;
import io.github.convai4j.testkit.FakeAgentsPlatform;
import io.github.convai4j.testkit.LiveMessage;
import io.github.convai4j.testkit.LiveSession;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A console text chat with an agent. With {@code ELEVENLABS_API_KEY} set it talks to the real agent whose id
 * is the first argument (or {@code ELEVENLABS_AGENT_ID}); add {@code --private} for an agent that needs a
 * signed URL. Without a key it starts the testkit's fake agent and talks to that. The agent can call the
 * client tool {@code get_time}, which answers with this machine's time.
 *
 * <pre>
 * ./mvnw -B -q -pl integration-tests -am -Pconsole-chat process-test-classes [-Dexec.args="agent_... --private"]
 * </pre>
 */
public final class ConsoleChat {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private ConsoleChat() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int status = run(in, System.out, System.getenv(), args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the chat on these streams; returns the exit status. */
    static int run(BufferedReader in, PrintStream out, Map<String, String> env, String[] args) throws IOException {
        List<String> arguments = Arrays.asList(args);
        String key = env.get(ConvaiClient.API_KEY_ENVIRONMENT_VARIABLE);
        FakeAgentsPlatform fake = null;
        ConvaiClient.Builder builder = ConvaiClient.builder();
        String agentId;
        if (key == null || key.isEmpty()) {
            fake = FakeAgentsPlatform.start();
            agentId = fake.addAgent("Console demo");
            fake.script(agentId, new FakeAgent());
            builder.apiKey(fake.apiKey()).baseUrl(fake.baseUrl());
            out.println("ELEVENLABS_API_KEY is not set: talking to the testkit's fake agent at " + fake.baseUrl());
        } else {
            agentId = arguments.stream().filter(a -> !a.startsWith("--")).findFirst()
                    .orElse(env.get("ELEVENLABS_AGENT_ID"));
            if (agentId == null) {
                out.println("Usage: ConsoleChat <agent id> [--private]   (or set ELEVENLABS_AGENT_ID)");
                return 2;
            }
            builder.apiKey(key);
        }
        try (ConvaiClient client = builder.build();
                ConversationSession session = client.liveConversation(agentId)
                        .requiresAuth(arguments.contains("--private"))
                        .initiation(ConversationInitiation.builder().textOnly(true).build())
                        .clientTool("get_time", call -> LocalTime.now().withNano(0).toString())
                        .open()) {
            out.println("Conversation " + session.conversationId() + ". Type a message; /quit or end of input to stop.");
            try {
                out.println("agent> " + session.awaitAgentResponse(Duration.ofSeconds(3))); // its first message
            } catch (ConvaiTimeoutException noFirstMessage) {
                // This agent waits for the user to speak first.
            }
            String line;
            while ((line = in.readLine()) != null) {
                line = line.trim();
                if (line.equals("/quit")) {
                    break;
                }
                if (line.isEmpty()) {
                    continue;
                }
                out.println("you> " + line);
                try {
                    out.println("agent> " + session.sendAndAwaitReply(line, REPLY_TIMEOUT));
                } catch (ConvaiTimeoutException e) {
                    out.println("(no answer within " + REPLY_TIMEOUT.getSeconds() + " s)");
                }
            }
            out.println("Bye.");
            return 0;
        } catch (ConversationClosedException e) {
            out.println("The conversation ended: " + e.end());
            return 1;
        } finally {
            if (fake != null) {
                fake.close();
            }
        }
    }

    /** How the fake agent talks: a greeting, the time through the client's tool, else an echo. */
    static final class FakeAgent implements ConversationScript {
        @Override
        public void onStart(LiveSession session) {
            session.sendAgentResponse("Hello! I am a fake agent. Ask me what time it is.");
        }

        @Override
        public void onUserTurn(LiveSession session, String text) {
            if (text.toLowerCase(Locale.ROOT).contains("time")) {
                LiveMessage result = session.sendClientToolCall("get_time", "{}", Duration.ofSeconds(10));
                session.sendAgentResponse("Your clock says " + result.string("result") + ".");
            } else {
                session.sendAgentResponse("You said: " + text);
            }
        }
    }
}
