package io.github.convai4j.conversation;

import io.github.convai4j.Provider;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationUrlsTest {

    @Test
    void publicAgentFollowsTheProviderAndRegion() {
        assertThat(ConversationUrls.publicAgent(Provider.ELEVENLABS.baseUrl(), "agent_1", null, null, "1.0").toString())
                .isEqualTo("wss://api.elevenlabs.io/v1/convai/conversation?agent_id=agent_1&source=unknown&version=1.0");
        assertThat(ConversationUrls.publicAgent(Provider.ELEVENLABS_EU_RESIDENCY.baseUrl(), "a", null, null, "1").getHost())
                .isEqualTo("api.eu.residency.elevenlabs.io");
        assertThat(ConversationUrls.publicAgent(Provider.ELEVENLABS_US.baseUrl(), "a", null, null, "1").getHost())
                .isEqualTo("api.us.elevenlabs.io");
        assertThat(ConversationUrls.publicAgent(Provider.ELEVENLABS_IN_RESIDENCY.baseUrl(), "a", null, null, "1").getHost())
                .isEqualTo("api.in.residency.elevenlabs.io");
        assertThat(ConversationUrls.publicAgent(Provider.ELEVENLABS_SG_RESIDENCY.baseUrl(), "a", null, null, "1").getHost())
                .isEqualTo("api.sg.residency.elevenlabs.io");
        assertThat(ConversationUrls.publicAgent(Provider.THREETONE.baseUrl(), "a", null, null, "1").toString())
                .startsWith("wss://api.threetone.in/v1/convai/conversation?");
    }

    @Test
    void loopbackHttpBecomesWsAndAPathPrefixAndPortAreKept() {
        URI url = ConversationUrls.publicAgent(URI.create("http://127.0.0.1:8123/proxy/eleven"), "agent 1/x", "br_1",
                "staging", "0.1.0-SNAPSHOT");
        assertThat(url.getScheme()).isEqualTo("ws");
        assertThat(url.getPort()).isEqualTo(8123);
        assertThat(url.getRawPath()).isEqualTo("/proxy/eleven/v1/convai/conversation");
        assertThat(url.getRawQuery()).isEqualTo("agent_id=agent%201%2Fx&branch_id=br_1&environment=staging"
                + "&source=unknown&version=0.1.0-SNAPSHOT");
    }

    @Test
    void signedUrlIsKeptAsReturnedWithSourceAndVersionAdded() {
        String signed = "wss://api.elevenlabs.io/v1/convai/conversation?agent_id=agent_1&conversation_signature=cs%2B1&token=tok.EN-1";
        assertThat(ConversationUrls.signed(signed, "2.0").toString()).isEqualTo(signed + "&source=unknown&version=2.0");
        String already = "ws://127.0.0.1:9/v1/convai/conversation?token=t&source=mine&version=7";
        assertThat(ConversationUrls.signed(already, "2.0").toString()).isEqualTo(already);
        assertThat(ConversationUrls.signed("wss://h/p", "2.0").toString()).isEqualTo("wss://h/p?source=unknown&version=2.0");
    }

    @Test
    void aBadSignedUrlIsRefusedWithoutRepeatingItsToken() {
        assertThatThrownBy(() -> ConversationUrls.signed("https://api.elevenlabs.io/x?token=SECRET123", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wss://")
                .hasMessageNotContaining("SECRET123").hasMessageContaining("token=<redacted>");
        assertThatThrownBy(() -> ConversationUrls.signed("wss://h/p?token=SECRET123 x", "1"))
                .hasMessageNotContaining("SECRET123");
        assertThatThrownBy(() -> ConversationUrls.signed(" ", "1")).hasMessageContaining("empty");
    }

    @Test
    void redactionMasksTokensAndSignatures() {
        String redacted = ConversationUrls.redact(URI.create(
                "wss://u:pw@h/v1/convai/conversation?agent_id=a&conversation_signature=SIG&token=TOK&source=unknown#TOK2"));
        assertThat(redacted).isEqualTo("wss://<redacted>@h/v1/convai/conversation?agent_id=a"
                + "&conversation_signature=<redacted>&token=<redacted>&source=unknown");
    }

    @Test
    void liveConversationToStringHidesTheSignedUrlsToken() {
        LiveConversation setup = LiveConversation.create(TestClients.conversations(null), "agent_1")
                .signedUrl("wss://h/v1/convai/conversation?agent_id=agent_1&token=VERY_SECRET");
        assertThat(setup.toString()).contains("token=<redacted>").doesNotContain("VERY_SECRET");
    }
}
