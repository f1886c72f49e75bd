package io.github.convai4j.conversation;

import io.github.convai4j.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audio formats a session learns from the metadata, and what it sends in them. */
class SessionAudioTest {

    private final ScriptedWebSocket server = new ScriptedWebSocket();

    @AfterEach
    void tearDown() {
        server.shutdown();
    }

    private ConversationSession open(String input, String output) {
        server.metadata = ScriptedWebSocket.metadata(input, output);
        return LiveConversation.create(TestClients.conversations(server), "agent_1").open();
    }

    private byte[] sentAudio() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (JsonValue message : server.sentJson()) {
            JsonValue chunk = message.get("user_audio_chunk");
            if (chunk != null) {
                byte[] bytes = Base64.getDecoder().decode(chunk.asString());
                all.write(bytes, 0, bytes.length);
            }
        }
        return all.toByteArray();
    }

    @Test
    void theSessionExposesBothFormatsOfTheMetadata() {
        try (ConversationSession session = open("ulaw_8000", "pcm_22050")) {
            assertThat(session.userInputAudioFormat()).isSameAs(AudioFormat.ULAW_8000);
            assertThat(session.agentOutputAudioFormat()).isSameAs(AudioFormat.PCM_22050);
        }
    }

    @Test
    void audioInAnotherFormatIsConvertedToTheDeclaredInputFormatAcrossChunks() throws Exception {
        short[] tone = AudioConverterTest.tone(440, 16000, 16000, 0.4);
        byte[] pcm = AudioConverterTest.bytes(tone);
        try (ConversationSession session = open("ulaw_8000", "pcm_16000")) {
            for (int at = 0; at < pcm.length; at += 3333) { // chunks that split samples
                byte[] chunk = java.util.Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 3333));
                session.sendUserAudio(chunk, AudioFormat.PCM_16000).get();
            }
        }
        byte[] sent = sentAudio();
        AudioConverter reference = AudioConverter.between(AudioFormat.PCM_16000, AudioFormat.ULAW_8000);
        byte[] expected = reference.convert(pcm); // the same stream without its last look-ahead
        assertThat(sent).isEqualTo(expected);
        assertThat(sent.length).isBetween(8000 - 40, 8000); // 1 s of 8 kHz mu-law, less the look-ahead held back
    }

    @Test
    void audioAlreadyInTheDeclaredFormatGoesAsItIs() throws Exception {
        byte[] ulaw = new byte[800];
        java.util.Arrays.fill(ulaw, (byte) 0x55);
        try (ConversationSession session = open("ulaw_8000", "pcm_16000")) {
            session.sendUserAudio(ulaw, AudioFormat.ULAW_8000).get();
            session.sendUserAudio(new byte[] {1, 2, 3}).get(); // mu-law has no sample alignment to check
        }
        assertThat(sentAudio()).hasSize(803).startsWith(ulaw);
    }

    @Test
    void rawPcmMustHoldWholeSamplesOfTheDeclaredFormat() {
        try (ConversationSession session = open("pcm_16000", "pcm_16000")) {
            assertThatThrownBy(() -> session.sendUserAudio(new byte[3]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pcm_16000")
                    .hasMessageContaining("sendUserAudio(audio, format)");
            assertThatThrownBy(() -> session.sendUserAudio(new byte[3], AudioFormat.PCM_16000))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> session.sendUserAudio(new byte[0], AudioFormat.ULAW_8000))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(server.sentOfType("user_audio_chunk")).isEmpty();
        assertThat(sentAudio()).isEmpty();
    }

    @Test
    void aDeclaredFormatTheLibraryDoesNotKnowTakesRawAudioButRefusesConversion() throws Exception {
        try (ConversationSession session = open("opus_48000", "pcm_16000")) {
            assertThat(session.userInputAudioFormat().isKnown()).isFalse();
            assertThat(session.userInputAudioFormat().name()).isEqualTo("opus_48000");
            assertThatThrownBy(() -> session.sendUserAudio(new byte[320], AudioFormat.PCM_16000))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("opus_48000")
                    .hasMessageContaining("sendUserAudio(byte[])");
            session.sendUserAudio(new byte[] {7, 7, 7}).get();
        }
        assertThat(sentAudio()).containsExactly(7, 7, 7);
    }

    @Test
    void withoutFormatsInTheMetadataTheProtocolsDefaultHolds() {
        server.metadata = "{\"type\":\"conversation_initiation_metadata\",\"conversation_initiation_metadata_event\":"
                + "{\"conversation_id\":\"conv_1\"}}";
        try (ConversationSession session = LiveConversation.create(TestClients.conversations(server), "agent_1").open()) {
            assertThat(session.userInputAudioFormat()).isEqualTo(AudioFormat.PCM_16000);
            assertThat(session.agentOutputAudioFormat()).isEqualTo(AudioFormat.PCM_16000);
        }
    }
}
