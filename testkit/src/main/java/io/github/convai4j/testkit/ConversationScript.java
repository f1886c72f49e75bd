package io.github.convai4j.testkit;

/**
 * How the fake agent answers a user's turn in a {@link LiveSession}: registered per agent with
 * {@link FakeAgentsPlatform#script(String, ConversationScript)}. Without one, the fake uses {@link #echo()}.
 *
 * <pre>{@code
 * server.script(agentId, (session, text) -> {
 *     if (text.contains("weather")) {
 *         LiveMessage result = session.sendClientToolCall("get_weather", "{\"city\":\"Paris\"}",
 *                 Duration.ofSeconds(5));
 *         session.sendAgentResponse("It is " + result.string("result") + " in Paris.");
 *     } else {
 *         session.sendAgentResponse("You said: " + text);
 *     }
 * });
 * }</pre>
 *
 * <h2>Threads</h2>
 * Each session runs its script calls one after another on a thread of its own (never a server I/O thread), in
 * the order the turns arrived. A script may therefore block: wait for a tool result, sleep, or
 * {@link LiveSession#awaitMessage(String, java.time.Duration) await} a message; meanwhile the server keeps
 * reading, answering and pinging. When the session ends, the script thread is interrupted.
 *
 * <h2>Failures</h2>
 * An exception thrown by the script (an {@link AssertionError} from a timed-out wait included) is logged as a
 * warning, kept in {@link LiveSession#scriptFailure()}, and ends the session with close code 1011 and
 * {@code error_type} {@code unknown_websocket_crash}, as a crash of the real server would. Exceptions thrown
 * because the session had already ended are ignored.
 */
@FunctionalInterface
public interface ConversationScript {

    /**
     * Answers one user turn.
     *
     * @param session the live session; send the answer through it, e.g. with
     *                {@link LiveSession#sendAgentResponse(String)}
     * @param text what the user said: the {@code text} of a {@code user_message} (or of a
     *             {@code multimodal_message}), or the {@code user_transcript} the fake made of user audio
     * @throws Exception anything; it ends the session (see the interface's Javadoc)
     */
    void onUserTurn(LiveSession session, String text) throws Exception;

    /**
     * Runs once the conversation has started: after {@code conversation_initiation_metadata} and the agent's
     * first message (if it has one) were sent. Does nothing by default.
     *
     * @param session the live session
     * @throws Exception anything; it ends the session (see the interface's Javadoc)
     */
    default void onStart(LiveSession session) throws Exception {
    }

    /**
     * The default script: answers every turn with {@code agent_response} {@code "You said: <text>"} (and its
     * audio, unless the conversation is text-only).
     *
     * @return the echo script
     */
    static ConversationScript echo() {
        return EchoScript.INSTANCE;
    }
}
