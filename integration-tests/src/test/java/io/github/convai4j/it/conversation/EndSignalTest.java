package io.github.convai4j.it.conversation;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.conversation.ConversationEnd;
import io.github.convai4j.conversation.ConversationInitiation;
import io.github.convai4j.conversation.ConversationListener;
import io.github.convai4j.conversation.ConversationSession;
import io.github.convai4j.conversation.events.ConversationEvent;
import io.github.convai4j.errors.ConvaiTimeoutException;
import io.github.convai4j.testkit.FakeAgentsPlatform;
import io.github.convai4j.testkit.LiveSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A conversation ends exactly once, with who or what ended it and the close code and reason, whichever way it
 * ends: the user closes it, the agent ends it, the server closes with an error, the client fails it (a message
 * over the size limit), the client gives up waiting, or the server drops the connection. For each way, on each
 * transport with a WebSocket: {@code ended()} completes with the same end the listener's {@code onEnd} gets, once,
 * and closing again changes nothing.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"netty", "jdk"})
class EndSignalTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ConversationInitiation TEXT_ONLY = ConversationInitiation.builder().textOnly(true).build();

    @Parameter
    String transportName;

    private FakeAgentsPlatform server;
    private ConvaiClient client;
    private String agentId;

    @BeforeEach
    void start() {
        server = FakeAgentsPlatform.start();
        client = ConvaiClient.builder().apiKey(server.apiKey()).baseUrl(server.baseUrl()).transportName(transportName)
                .build();
        agentId = server.addAgent("Ends");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    /** Records every {@code onEnd}. */
    static final class Ends implements ConversationListener {
        final List<ConversationEnd> ends = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(ConversationSession session, ConversationEvent event) {
        }

        @Override
        public void onEnd(ConversationSession session, ConversationEnd end) {
            ends.add(end);
        }
    }

    /** Waits for the end, checks it is the one the listener got, once, and stays so after another close. */
    private static ConversationEnd endedOnce(ConversationSession session, Ends listener) throws Exception {
        return endedOnce(session, listener, WAIT);
    }

    private static ConversationEnd endedOnce(ConversationSession session, Ends listener, Duration wait)
            throws Exception {
        ConversationEnd end = session.ended().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        session.close();
        session.closeAsync();
        Thread.sleep(300); // room for a second signal, if there were one
        assertThat(listener.ends).containsExactly(end);
        assertThat(session.ended().join()).isSameAs(end);
        assertThat(session.isOpen()).isFalse();
        return end;
    }

    @Test
    void theUserClosing() throws Exception {
        Ends listener = new Ends();
        ConversationSession session = client.liveConversation(agentId).initiation(TEXT_ONLY).open(listener);
        session.close();
        ConversationEnd end = endedOnce(session, listener);
        assertThat(end.reason()).isEqualTo(ConversationEnd.Reason.USER);
        assertThat(end.kind()).isEqualTo(ConversationEnd.Kind.CLOSED_BY_CLIENT);
        assertThat(end.closeCode()).isEqualTo(1000);
        assertThat(end.closeReason()).isEqualTo("User ended conversation");
        assertThat(end.isNormal()).isTrue();
        assertThat(server.awaitSession(WAIT).awaitClosed(WAIT).code()).isEqualTo(1000);
    }

    @Test
    void theAgentEndingTheCall() throws Exception {
        Ends listener = new Ends();
        try (ConversationSession session = client.liveConversation(agentId).initiation(TEXT_ONLY).open(listener)) {
            server.awaitSession(WAIT).close(1000, "max_duration_exceeded");
            ConversationEnd end = endedOnce(session, listener);
            assertThat(end.reason()).isEqualTo(ConversationEnd.Reason.AGENT);
            assertThat(end.kind()).isEqualTo(ConversationEnd.Kind.NORMAL);
            assertThat(end.closeCode()).isEqualTo(1000);
            assertThat(end.closeReason()).isEqualTo("max_duration_exceeded");
        }
    }

    @Test
    void theServerClosingWithAnError() throws Exception {
        Ends listener = new Ends();
        try (ConversationSession session = client.liveConversation(agentId).initiation(TEXT_ONLY).open(listener)) {
            server.awaitSession(WAIT).closeWithError(1008, "override_error", "The override is not allowed");
            ConversationEnd end = endedOnce(session, listener);
            assertThat(end.reason()).isEqualTo(ConversationEnd.Reason.ERROR);
            assertThat(end.kind()).isEqualTo(ConversationEnd.Kind.INPUT_ERROR);
            assertThat(end.closeCode()).isEqualTo(1008);
            assertThat(end.closeReason()).isEqualTo("override_error");
            assertThat(end.errorType()).contains("override_error");
        }
    }

    @Test
    void theClientFailingItOnAMessageOverTheSizeLimit() throws Exception {
        Ends listener = new Ends();
        try (ConversationSession session = client.liveConversation(agentId).initiation(TEXT_ONLY)
                .maxMessageSize(1024).open(listener)) {
            StringBuilder big = new StringBuilder("{\"type\":\"agent_response\",\"agent_response_event\":{\"agent_response\":\"");
            while (big.length() < 4096) {
                big.append("words ");
            }
            server.awaitSession(WAIT).sendRaw(big.append("\"}}").toString());
            ConversationEnd end = endedOnce(session, listener);
            assertThat(end.reason()).isEqualTo(ConversationEnd.Reason.ERROR);
            assertThat(end.closeCode()).isEqualTo(1009);
            assertThat(end.cause()).get().asString().contains("1009");
        }
    }

    @Test
    void theClientGivingUpWaitingForTheStart() throws Exception {
        Ends listener = new Ends();
        CompletableFuture<ConversationSession> opening = client.liveConversation(agentId).initiation(TEXT_ONLY)
                .expectFirstMessage(true) // the fake's agent sends none: it waits for the user
                .openTimeout(Duration.ofMillis(500)).openAsync(listener);
        assertThatThrownBy(() -> opening.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ConvaiTimeoutException.class);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (listener.ends.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertThat(listener.ends).hasSize(1);
        ConversationEnd end = listener.ends.get(0);
        assertThat(end.reason()).isEqualTo(ConversationEnd.Reason.TIMEOUT);
        assertThat(end.kind()).isEqualTo(ConversationEnd.Kind.CLIENT_FAILURE);
        assertThat(end.cause()).get().isInstanceOf(ConvaiTimeoutException.class);
        LiveSession fake = server.awaitSession(WAIT);
        assertThat(fake.awaitClosed(WAIT)).isNotNull();
    }

    @Test
    void theServerDroppingTheConnection() throws Exception {
        Ends listener = new Ends();
        try (ConversationSession session = client.liveConversation(agentId).initiation(TEXT_ONLY).open(listener)) {
            server.awaitSession(WAIT).drop();
            // java.net.http loses about one drop in ten (see JavaNetWebSocket); its ping check then ends the
            // conversation 20 s after the last frame (SilentPeerTest)
            ConversationEnd end = endedOnce(session, listener, Duration.ofSeconds(30));
            assertThat(end.reason()).isEqualTo(ConversationEnd.Reason.PEER_CLOSED);
            assertThat(end.kind()).isEqualTo(ConversationEnd.Kind.CONNECTION_LOST);
            assertThat(end.closeCode()).isEqualTo(1006);
            assertThat(end.closeReason()).isEmpty();
        }
    }
}
