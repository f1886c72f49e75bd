/**
 * convai4j-testkit: an in-process fake of the ElevenLabs Agents Platform REST API for your own tests.
 *
 * <p>Start a {@link io.github.convai4j.testkit.FakeAgentsPlatform} (or register a
 * {@link io.github.convai4j.testkit.FakeAgentsPlatformExtension} in JUnit 5), point the client at its
 * {@code baseUrl()} with its {@code apiKey()}, and assert on its state and
 * {@link io.github.convai4j.testkit.RecordedRequest recorded requests}. Make things go wrong with
 * {@link io.github.convai4j.testkit.FaultRule}s.
 *
 * <p>The testkit depends on no other convai4j module: its JSON handling, routes and models are its own, so
 * that a bug in the client's codecs cannot be hidden by the same bug on the server side.
 */
package io.github.convai4j.testkit;
