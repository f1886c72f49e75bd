/**
 * Live conversations with an agent over the WebSocket of the Agents Platform
 * ({@code /v1/convai/conversation}).
 *
 * <pre>{@code
 * try (ConvaiClient client = ConvaiClient.builder().build();              // key from ELEVENLABS_API_KEY
 *      ConversationSession session = client.liveConversation("agent_123")
 *              .initiation(ConversationInitiation.builder().textOnly(true).build())
 *              .clientTool("get_time", call -> java.time.LocalTime.now().toString())
 *              .open()) {
 *     System.out.println("Agent: " + session.sendAndAwaitReply("Hi! What time is it?", Duration.ofSeconds(30)));
 * }
 * }</pre>
 *
 * <p>Or with a listener, which gets every event on the session's event thread:
 * <pre>{@code
 * ConversationSession session = client.liveConversation(agentId).open((s, event) -> {
 *     if (event instanceof AgentResponseEvent) {
 *         System.out.println(((AgentResponseEvent) event).text());
 *     }
 * });
 * session.sendUserMessage("Hello");
 * }</pre>
 *
 * <p><b>The pieces.</b> {@link io.github.convai4j.conversation.LiveConversation} sets a conversation up
 * (private agent, initiation data, client tools, executors, limits) and opens it;
 * {@link io.github.convai4j.conversation.ConversationSession} is the open conversation (send, receive,
 * close); {@link io.github.convai4j.conversation.ConversationInitiation} is what is sent first;
 * {@link io.github.convai4j.conversation.ConversationEnd} says how it ended. The server's events are the
 * classes of {@link io.github.convai4j.conversation.events}.
 *
 * <p><b>Threads.</b> Per session: the transport's I/O thread reads messages, answers pings, drops audio an
 * interruption cut off and starts client tools, but never runs your code; one event thread (or your event
 * executor) calls the {@link io.github.convai4j.conversation.ConversationListener}, in order; a small pool
 * (or your tool executor) runs client tool handlers; futures complete on the client's executor. A session
 * opened without a listener has no event thread: you take events with
 * {@link io.github.convai4j.conversation.ConversationSession#nextEvent(java.time.Duration)}. The timeouts of
 * all sessions share one daemon timer thread, which stops when idle.
 *
 * <p><b>Choices where the protocol is silent.</b>
 * <ul>
 *   <li>Opening waits for {@code conversation_initiation_metadata} (within the open timeout, 30 s by
 *       default), so an open session always knows its conversation id and audio formats; a close before it
 *       fails the opening with a {@link io.github.convai4j.conversation.ConversationClosedException} that
 *       carries the close code and error type.</li>
 *   <li>An unknown event type is delivered as an
 *       {@link io.github.convai4j.conversation.events.UnknownEvent}; a message that cannot be read as a
 *       {@link io.github.convai4j.conversation.events.MalformedMessageEvent}, logged at WARN. Neither ends
 *       the conversation.</li>
 *   <li>Events that are not consumed wait in a bounded queue; when it is full, transient events (audio
 *       first) are dropped, because the WebSocket gives no way to slow the server down.</li>
 *   <li>Every {@code client_tool_call} gets exactly one {@code client_tool_result}; an unknown tool, a
 *       failing handler and a handler past the tool timeout (30 s) get {@code is_error: true}.</li>
 *   <li>No automatic reconnect, as in the official SDKs.</li>
 * </ul>
 *
 * <p><b>Logging</b> (SLF4J logger {@code io.github.convai4j.conversation}): DEBUG names each message
 * received and sent by type, and the end; never message contents, the API key or a signed URL's token.
 */
package io.github.convai4j.conversation;
