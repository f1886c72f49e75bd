/**
 * convai4j-testkit: an in-process fake of the ElevenLabs Agents Platform (REST API and live agent WebSocket)
 * for your own tests.
 *
 * <p>Start a {@link io.github.convai4j.testkit.FakeAgentsPlatform} (or register a
 * {@link io.github.convai4j.testkit.FakeAgentsPlatformExtension} in JUnit 5), point the client at its
 * {@code baseUrl()} with its {@code apiKey()}, and assert on its state and
 * {@link io.github.convai4j.testkit.RecordedRequest recorded requests}. Make things go wrong with
 * {@link io.github.convai4j.testkit.FaultRule}s.
 *
 * <h2>Live conversations</h2>
 * The fake agent answers on the WebSocket by itself (metadata, echoed answers with audio, pings); a test
 * takes hold of a {@link io.github.convai4j.testkit.LiveSession} to check what the client sent and to make
 * the agent do what the client must cope with:
 * <pre>{@code
 * try (FakeAgentsPlatform server = FakeAgentsPlatform.start()) {
 *     String agentId = server.addAgent("Support");
 *     server.requireAuth(agentId, true);                  // private: the client must use a signed URL
 *     server.script(agentId, (session, text) ->           // how the agent answers a user turn
 *             session.sendAgentResponse(text.contains("order") ? "It ships tomorrow." : "Sorry?"));
 *
 *     myClient.startConversation(server.baseUrl(), server.apiKey(), agentId);   // the code under test
 *
 *     LiveSession session = server.awaitSession(Duration.ofSeconds(5));
 *     assertFalse(session.apiKeySeenOnHandshake());
 *     session.awaitMessage("user_message", Duration.ofSeconds(5));
 *     LiveMessage result = session.sendClientToolCall("get_time", "{}", Duration.ofSeconds(5));
 *     assertEquals("12:00", result.string("result"));
 *     session.interrupt();
 *     session.sendRaw("{\"type\":\"some_future_event\"}");
 *     session.closeWithError(1002, "llm_timeout", "The LLM took too long");
 *     session.awaitClosed(Duration.ofSeconds(5));        // now listed by GET /v1/convai/conversations
 * }
 * }</pre>
 *
 * <p>The testkit depends on no other convai4j module: its JSON handling, routes and models are its own, so
 * that a bug in the client's codecs cannot be hidden by the same bug on the server side.
 */
package io.github.convai4j.testkit;
