package io.github.convai4j.it.conversation;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.conversation.ConversationEnd;
import io.github.convai4j.conversation.ConversationSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the JDK transport, a conversation whose server falls silent and answers no ping ends as a lost connection: the
 * transport pings after 10 s of silence and gives up 10 s later. This is what ends a conversation when
 * {@code java.net.http} loses the end of the connection (see {@code JavaNetWebSocket}), and when a peer vanishes
 * without closing. The peer here sends the conversation's metadata, then nothing, and reads nothing.
 *
 * <p>Netty is not tested here: it sees a closed connection itself, and has no such check for a peer that vanished
 * without closing.
 */
class SilentPeerTest {

    private HostilePeer peer;
    private ConvaiClient client;

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void aServerThatFallsSilentAndAnswersNoPingEndsTheConversationAsALostConnection() throws Exception {
        peer = new HostilePeer(HostilePeer.Behaviour.SILENT);
        client = ConvaiClient.builder().apiKey("sk_silent_peer_test").baseUrl(peer.baseUrl()).transportName("jdk")
                .build();
        try (ConversationSession session = client.liveConversation("agent_silent").open()) {
            long opened = System.nanoTime();
            ConversationEnd end = session.ended().get(40, TimeUnit.SECONDS);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - opened);
            assertThat(end.kind()).isEqualTo(ConversationEnd.Kind.CONNECTION_LOST);
            assertThat(end.reason()).isEqualTo(ConversationEnd.Reason.PEER_CLOSED);
            assertThat(end.closeCode()).isEqualTo(1006);
            assertThat(end.cause()).get().asString().contains("not even the answer to a ping");
            assertThat(seconds).as("seconds from the last frame to the end").isBetween(18L, 35L);
        }
    }
}
