package io.github.convai4j.examples;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.conversation.ConversationClosedException;
import io.github.convai4j.conversation.ConversationInitiation;
import io.github.convai4j.conversation.ConversationSession;
import io.github.convai4j.errors.ConvaiException;
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
import java.util.function.Supplier;

/**
 * A console text chat with an agent over the live-conversation WebSocket: each line you type is sent as a
 * user message, and the agent's answer is printed. The agent may call the client tool {@code get_time},
 * which answers with this machine's time.
 *
 * <p>Where it runs:
 * <ul>
 *   <li>{@code ELEVENLABS_API_KEY} unset: against the testkit's fake agent, started in this JVM on 127.0.0.1
 *       (it greets you, tells the time through the client tool when you ask for it, and echoes the rest).
 *       Nothing leaves the machine.</li>
 *   <li>{@code ELEVENLABS_API_KEY} set: against the real agent whose id is the first argument (or
 *       {@code ELEVENLABS_AGENT_ID}); add the argument {@code --private} for an agent that needs
 *       authentication: the client then fetches a signed URL with the key, which never goes on the
 *       WebSocket. {@code ELEVENLABS_BASE_URL} picks another host, e.g. a data-residency one.</li>
 * </ul>
 * Type {@code /quit}, or end the input, to stop. Exit status 0 after a normal end, 1 if the conversation
 * failed or ended with an error, 2 for a usage error.
 *
 * <p>Run it from the repository root with
 * <pre>
 * ./mvnw -q -pl examples -am -Pconsole-chat compile [-DconsoleChat.args="agent_... --private"]
 * </pre>
 * API calls go through the HttpClient 5 transport, the WebSocket through the Netty one: the client finds
 * {@code convai4j-transport-netty} on the class path and uses it for live conversations only.
 */
public final class ConsoleChat {

    /** Optional base URL for the real API, e.g. {@code https://api.eu.residency.elevenlabs.io}. */
    public static final String BASE_URL_VARIABLE = "ELEVENLABS_BASE_URL";
    /** The agent to talk to, against the real API, when no argument names one. */
    public static final String AGENT_ID_VARIABLE = "ELEVENLABS_AGENT_ID";

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FIRST_MESSAGE_WAIT = Duration.ofSeconds(3);

    private ConsoleChat() {
    }

    /**
     * Runs the chat on the console; see the class documentation.
     *
     * @param args the agent id and {@code --private}, against the real API
     * @throws IOException if standard input cannot be read
     */
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int status = run(in, System.out, System.getenv(), args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * What {@link #main} does, with the streams and the environment given: for tests.
     *
     * @param in the user's lines
     * @param out where the chat is printed
     * @param env the environment variables
     * @param args the command-line arguments
     * @return the exit status
     * @throws IOException if {@code in} cannot be read
     */
    static int run(BufferedReader in, PrintStream out, Map<String, String> env, String[] args) throws IOException {
        List<String> arguments = Arrays.asList(args);
        String key = env.get(ConvaiClient.API_KEY_ENVIRONMENT_VARIABLE);
        if (key == null || key.trim().isEmpty()) {
            try (FakeAgentsPlatform fake = FakeAgentsPlatform.start()) {
                String agentId = fake.addAgent("Console demo");
                fake.script(agentId, new FakeAgent());
                out.println(ConvaiClient.API_KEY_ENVIRONMENT_VARIABLE + " is not set: talking to the testkit's fake"
                        + " agent at " + fake.baseUrl() + ", in this JVM (nothing leaves this machine).");
                return chat(() -> ConvaiClient.builder().apiKey(fake.apiKey()).baseUrl(fake.baseUrl()).build(),
                        agentId, false, in, out);
            }
        }
        String agentId = arguments.stream().filter(a -> !a.trim().isEmpty() && !a.startsWith("--")).findFirst()
                .orElse(env.get(AGENT_ID_VARIABLE));
        if (agentId == null || agentId.trim().isEmpty()) {
            out.println("Usage: ConsoleChat <agent id> [--private]   (or set " + AGENT_ID_VARIABLE + ")");
            return 2;
        }
        String baseUrl = env.get(BASE_URL_VARIABLE);
        return chat(() -> {
            ConvaiClient.Builder builder = ConvaiClient.builder().apiKey(key.trim());
            if (baseUrl != null && !baseUrl.trim().isEmpty()) {
                builder.baseUrl(baseUrl.trim());
            }
            return builder.build();
        }, agentId.trim(), arguments.contains("--private"), in, out);
    }

    private static int chat(Supplier<ConvaiClient> clients, String agentId, boolean isPrivate, BufferedReader in,
            PrintStream out) throws IOException {
        try (ConvaiClient client = clients.get();
                ConversationSession session = client.liveConversation(agentId)
                        .requiresAuth(isPrivate)
                        .initiation(ConversationInitiation.builder().textOnly(true).build())
                        .clientTool("get_time", call -> {
                            String now = LocalTime.now().withNano(0).toString();
                            out.println("   (the agent called the client tool get_time: " + now + ")");
                            return now;
                        })
                        .open()) {
            out.println("Conversation " + session.conversationId() + " with agent " + agentId + " (API calls through "
                    + client.context().transport().name() + ")."
                    + " Type a message; /quit or the end of input stops.");
            try {
                out.println("agent> " + session.awaitAgentResponse(FIRST_MESSAGE_WAIT)); // its first message
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
            return e.end().isNormal() ? 0 : 1;
        } catch (ConvaiException e) {
            // Refused (e.g. a private agent without --private), unreachable, or a failed signed-URL request.
            out.println("Could not talk to agent " + agentId + ": " + e.getMessage());
            return 1;
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
