package io.github.convai4j.webhooks;

import io.github.convai4j.json.JsonValue;
import io.github.convai4j.models.conversations.GetConversationResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.convai4j.webhooks.TestSignatures.SECRET;
import static io.github.convai4j.webhooks.TestSignatures.header;
import static io.github.convai4j.webhooks.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookEventsTest {

    static final String CONVERSATION = "{\"agent_id\":\"agent_1\",\"conversation_id\":\"conv_1\",\"status\":\"done\","
            + "\"user_id\":\"user123\",\"transcript\":[{\"role\":\"agent\",\"message\":\"Hello, how can I help?\","
            + "\"tool_calls\":null,\"feedback\":null,\"time_in_call_secs\":0},{\"role\":\"user\",\"message\":"
            + "\"Where is my order?\",\"time_in_call_secs\":2}],\"metadata\":{\"start_time_unix_secs\":1739537297,"
            + "\"call_duration_secs\":22,\"cost\":296,\"termination_reason\":\"\"},\"analysis\":{"
            + "\"evaluation_criteria_results\":{},\"data_collection_results\":{},\"call_successful\":\"success\","
            + "\"transcript_summary\":\"The user asked about an order.\"},\"conversation_initiation_client_data\":{"
            + "\"dynamic_variables\":{\"user_name\":\"angelo\"}},\"has_audio\":true,\"has_user_audio\":true,"
            + "\"has_response_audio\":true,\"a_member_from_the_future\":{\"x\":1}}";
    static final String TRANSCRIPTION = "{\"type\":\"post_call_transcription\",\"event_timestamp\":1739537297,"
            + "\"data\":" + CONVERSATION + ",\"envelope_extra\":7}";

    @Test
    void readsATranscriptionEventWithTheGeneratedConversationModel() {
        WebhookEvent event = WebhookEvents.parse(utf8(TRANSCRIPTION));
        assertThat(event).isInstanceOf(PostCallTranscriptionEvent.class);
        assertThat(event.type()).isEqualTo("post_call_transcription");
        assertThat(event.eventTimestamp()).isEqualTo(1739537297L);
        assertThat(event.additionalProperties()).containsEntry("envelope_extra", JsonValue.of(7));
        GetConversationResponse conversation = ((PostCallTranscriptionEvent) event).conversation();
        assertThat(conversation.conversationId()).isEqualTo("conv_1");
        assertThat(conversation.agentId()).isEqualTo("agent_1");
        assertThat(conversation.transcript()).hasSize(2);
        // forward compatible like every model: a member it does not know is kept
        assertThat(conversation.additionalProperties())
                .containsEntry("a_member_from_the_future", JsonValue.parse("{\"x\":1}"));
        assertThat(event.toString()).isEqualTo("PostCallTranscriptionEvent[event_timestamp=1739537297]")
                .doesNotContain("order");
    }

    @Test
    void readsTheDataTheSameWhenTheTypeComesAfterIt() {
        String reordered = "{\"data\":" + CONVERSATION + ",\"event_timestamp\":1739537297,\"type\":\"post_call_transcription\"}";
        PostCallTranscriptionEvent inOrder = (PostCallTranscriptionEvent) WebhookEvents.parse(utf8(TRANSCRIPTION));
        PostCallTranscriptionEvent late = (PostCallTranscriptionEvent) WebhookEvents.parse(utf8(reordered));
        assertThat(late.conversation()).isEqualTo(inOrder.conversation());
    }

    @Test
    void reportsAMissingDataOrTimestampWhenAskedFor() {
        WebhookEvent event = WebhookEvents.parse(utf8("{\"type\":\"post_call_transcription\"}"));
        assertThatThrownBy(((PostCallTranscriptionEvent) event)::conversation)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no data");
        assertThatThrownBy(event::eventTimestamp)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("event_timestamp");
        WebhookEvent text = WebhookEvents.parse(utf8("{\"type\":\"x\",\"event_timestamp\":\"soon\"}"));
        assertThatThrownBy(text::eventTimestamp).hasMessageContaining("\"soon\"");
        assertThat(text.additionalProperties()).containsEntry("event_timestamp", JsonValue.of("soon"));
        assertThat(WebhookEvents.parse(utf8("{\"type\":\"x\",\"event_timestamp\":1739537297.9}")).eventTimestamp())
                .isEqualTo(1739537297L);
    }

    @Test
    void streamsTheAudioOfAnAudioEventToTheHandler() throws IOException {
        byte[] audio = randomBytes(300_000);
        String json = audioEvent(Base64.getEncoder().encodeToString(audio));
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        AtomicInteger calls = new AtomicInteger();
        WebhookEvent event = WebhookEvents.parse(new ByteArrayInputStream(utf8(json)), in -> {
            calls.incrementAndGet();
            copy(in, received);
        });
        assertThat(calls.get()).isEqualTo(1);
        assertThat(received.toByteArray()).isEqualTo(audio);
        PostCallAudioEvent audioEvent = (PostCallAudioEvent) event;
        assertThat(audioEvent.agentId()).isEqualTo("agent_1");
        assertThat(audioEvent.conversationId()).isEqualTo("conv_1");
        assertThat(audioEvent.hasAudio()).isTrue();
        assertThat(audioEvent.audioSize()).isEqualTo(audio.length);
        assertThat(audioEvent.eventTimestamp()).isEqualTo(1739537319L);
        assertThat(audioEvent.data()).containsOnlyKeys("agent_id", "conversation_id");
    }

    @Test
    void readsTheMembersAroundTheAudioInAnyOrder() throws IOException {
        byte[] audio = randomBytes(20_000);
        String b64 = Base64.getEncoder().encodeToString(audio);
        List<String> bodies = new ArrayList<>();
        bodies.add("{\"type\":\"post_call_audio\",\"data\":{\"full_audio\":\"" + b64 + "\",\"agent_id\":\"agent_1\","
                + "\"conversation_id\":\"conv_1\"},\"event_timestamp\":5}");
        bodies.add("{\"data\":{\"agent_id\":\"agent_1\",\"full_audio\":\"" + b64 + "\",\"conversation_id\":\"conv_1\","
                + "\"extra\":[1,{\"a\":null}]},\"event_timestamp\":5,\"type\":\"post_call_audio\"}");
        bodies.add(" \n{ \"event_timestamp\" : 5 , \"data\" : { \"conversation_id\" : \"conv_1\" , \"full_audio\" :\t\""
                + b64 + "\" , \"agent_id\" : \"agent_1\" } , \"type\" : \"post_call_audio\" }\n");
        for (String body : bodies) {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            PostCallAudioEvent event = (PostCallAudioEvent) WebhookEvents.parse(
                    new ByteArrayInputStream(utf8(body)), in -> copy(in, received));
            assertThat(received.toByteArray()).as(body.substring(0, 40)).isEqualTo(audio);
            assertThat(event.conversationId()).isEqualTo("conv_1");
            assertThat(event.agentId()).isEqualTo("agent_1");
            assertThat(event.eventTimestamp()).isEqualTo(5);
        }
    }

    @Test
    void decodesBase64WrittenWithJsonEscapesLineBreaksOrWithoutPadding() throws IOException {
        for (int length : new int[] {0, 1, 2, 3, 4, 5, 1000, 1001, 1002}) {
            byte[] audio = randomBytes(length);
            String plain = Base64.getEncoder().encodeToString(audio);
            String[] variants = {
                plain,
                plain.replace("/", "\\/"),                                          // an encoder that escapes '/'
                plain.replace("A", "\\u0041").replace("=", "\\u003D"),               // escapes of any kind
                Base64.getMimeEncoder().encodeToString(audio).replace("\r\n", "\\r\\n"),  // MIME line breaks
                Base64.getEncoder().withoutPadding().encodeToString(audio),
            };
            for (String variant : variants) {
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                WebhookEvents.parse(new ByteArrayInputStream(utf8(audioEvent(variant))), in -> copy(in, received));
                assertThat(received.toByteArray()).as("%d bytes as %s", length, variant).isEqualTo(audio);
            }
        }
    }

    @Test
    void rejectsAudioThatIsNotBase64() {
        String[] invalid = {"QUJD!", "QUJD RA==", "QQ=A", "Q===", "QUJDR", "QUJD\\tRA==", "QUJD\u00e9", "QUJDRA==QQ=="};
        for (String audio : invalid) {
            assertThatThrownBy(() -> WebhookEvents.parse(new ByteArrayInputStream(utf8(audioEvent(audio))), in -> { }))
                    .as(audio)
                    .isInstanceOf(WebhookPayloadException.class)
                    .hasMessageContaining("full_audio");
        }
    }

    @Test
    void rejectsABodyCutShortInsideTheAudio() {
        String json = audioEvent(Base64.getEncoder().encodeToString(randomBytes(10_000)));
        byte[] cut = utf8(json.substring(0, json.indexOf("full_audio") + 5000));
        assertThatThrownBy(() -> WebhookEvents.parse(new ByteArrayInputStream(cut), in -> { }))
                .isInstanceOf(WebhookPayloadException.class)
                .hasMessageContaining("cut short");
    }

    @Test
    void readsWhatTheHandlerLeftAndLetsItClose() throws IOException {
        byte[] audio = randomBytes(50_000);
        InputStream body = new ByteArrayInputStream(utf8(audioEvent(Base64.getEncoder().encodeToString(audio))));
        PostCallAudioEvent event = (PostCallAudioEvent) WebhookEvents.parse(body, in -> {
            assertThat(in.read(new byte[100])).isEqualTo(100);
            in.close();
        });
        assertThat(event.audioSize()).isEqualTo(audio.length);
        assertThat(event.conversationId()).isEqualTo("conv_1");
        assertThat(body.read()).isEqualTo(-1); // the body was read to its end
    }

    @Test
    void passesOnTheHandlersException() {
        IOException disk = new IOException("disk full");
        assertThatThrownBy(() -> WebhookEvents.parse(
                new ByteArrayInputStream(utf8(audioEvent("QUJD"))), in -> { throw disk; })).isSameAs(disk);
    }

    @Test
    void countsAndDropsTheAudioOfABodyInMemory() {
        byte[] audio = randomBytes(1234);
        PostCallAudioEvent event = (PostCallAudioEvent) WebhookEvents.parse(
                utf8(audioEvent(Base64.getEncoder().encodeToString(audio))));
        assertThat(event.audioSize()).isEqualTo(1234);
        assertThat(event.hasAudio()).isTrue();
    }

    @Test
    void handlesAnAudioEventWithoutAudio() throws IOException {
        AtomicBoolean called = new AtomicBoolean();
        PostCallAudioEvent none = (PostCallAudioEvent) WebhookEvents.parse(new ByteArrayInputStream(utf8(
                "{\"type\":\"post_call_audio\",\"data\":{\"conversation_id\":\"c\",\"full_audio\":null}}")),
                in -> called.set(true));
        assertThat(called).isFalse();
        assertThat(none.hasAudio()).isFalse();
        assertThat(none.audioSize()).isZero();
        assertThatThrownBy(none::agentId).isInstanceOf(IllegalStateException.class).hasMessageContaining("data.agent_id");
        PostCallAudioEvent empty = (PostCallAudioEvent) WebhookEvents.parse(new ByteArrayInputStream(utf8(
                audioEvent(""))), in -> assertThat(in.read()).isEqualTo(-1));
        assertThat(empty.hasAudio()).isTrue();
        assertThat(empty.audioSize()).isZero();
    }

    @Test
    void rejectsMoreThanAMebibyteAfterTheAudio() {
        StringBuilder padding = new StringBuilder();
        while (padding.length() <= Base64StringStream.MAX_TAIL_BYTES) {
            padding.append("                                                                                ");
        }
        String json = "{\"type\":\"post_call_audio\",\"data\":{\"full_audio\":\"QUJD\"" + padding + "}}";
        assertThatThrownBy(() -> WebhookEvents.parse(new ByteArrayInputStream(utf8(json)), in -> { }))
                .isInstanceOf(WebhookPayloadException.class)
                .hasMessageContaining("follow full_audio");
    }

    @Test
    void readsACallInitiationFailure() {
        String json = "{\"type\":\"call_initiation_failure\",\"event_timestamp\":1759931652,\"data\":{"
                + "\"agent_id\":\"agent_1\",\"conversation_id\":\"conv_2\",\"failure_reason\":\"no-answer\","
                + "\"metadata\":{\"type\":\"twilio\",\"body\":{\"CallSid\":\"CA123\",\"CallStatus\":\"no-answer\"}}}}";
        CallInitiationFailureEvent event = (CallInitiationFailureEvent) WebhookEvents.parse(utf8(json));
        assertThat(event.agentId()).isEqualTo("agent_1");
        assertThat(event.conversationId()).isEqualTo("conv_2");
        assertThat(event.failureReason()).isEqualTo("no-answer");
        assertThat(event.metadata()).hasValueSatisfying(m -> assertThat(m.get("type")).isEqualTo(JsonValue.of("twilio")));
        assertThat(event.data()).isEqualTo(JsonValue.parse(json).get("data"));

        CallInitiationFailureEvent bare = (CallInitiationFailureEvent) WebhookEvents.parse(
                utf8("{\"type\":\"call_initiation_failure\",\"data\":{\"failure_reason\":7}}"));
        assertThat(bare.metadata()).isEmpty();
        assertThatThrownBy(bare::agentId).hasMessageContaining("no data.agent_id");
        assertThatThrownBy(bare::failureReason).hasMessageContaining("data.failure_reason is not a string");
    }

    @Test
    void keepsAnEventOfAnUnknownTypeWithItsJson() {
        String json = "{\"type\":\"voice_removal_notice\",\"event_timestamp\":1,\"data\":{\"voice_id\":\"v\","
                + "\"nested\":[1,2,{\"a\":true}]},\"other\":\"x\"}";
        WebhookEvent event = WebhookEvents.parse(utf8(json));
        assertThat(event).isInstanceOf(UnknownWebhookEvent.class);
        assertThat(event.type()).isEqualTo("voice_removal_notice");
        UnknownWebhookEvent unknown = (UnknownWebhookEvent) event;
        assertThat(unknown.raw()).isEqualTo(JsonValue.parse(json));
        assertThat(unknown.data().get("voice_id")).isEqualTo(JsonValue.of("v"));
        assertThat(event.toString()).isEqualTo("UnknownWebhookEvent[type=voice_removal_notice, event_timestamp=1]");
        // with its data before its type
        String late = "{\"data\":{\"voice_id\":\"v\"},\"type\":\"voice_removed\"}";
        assertThat(((UnknownWebhookEvent) WebhookEvents.parse(utf8(late))).raw()).isEqualTo(JsonValue.parse(late));
    }

    @Test
    void rejectsBodiesThatAreNotEvents() {
        String[] bodies = {"", "not json", "[1,2]", "\"post_call_audio\"", "{}", "{\"type\":7}",
            "{\"type\":\"a\",\"type\":\"b\"}", "{\"type\":\"a\",\"data\":{},\"data\":{}}", "{\"type\":\"a\"} {}",
            "{\"type\":\"a\"", "{\"type\":\"post_call_transcription\",\"data\":[1]}", deeplyNested(300)};
        for (String body : bodies) {
            assertThatThrownBy(() -> WebhookEvents.parse(utf8(body)))
                    .as(body.length() > 40 ? body.substring(0, 40) : body)
                    .isInstanceOf(WebhookPayloadException.class);
        }
        assertThatThrownBy(() -> WebhookEvents.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookEvents.parse(new ByteArrayInputStream(new byte[0]), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsAVerifiedBodyToItsEnd() throws IOException {
        WebhookVerifier verifier = WebhookVerifierTest.verifierAt(WebhookVerifierTest.T);
        byte[] body = utf8(TRANSCRIPTION);
        String good = header(SECRET, WebhookVerifierTest.T, body);
        WebhookEvent event = WebhookEvents.parse(verifier.verifyingStream(good, new ByteArrayInputStream(body)), in -> { });
        assertThat(event).isInstanceOf(PostCallTranscriptionEvent.class);
        byte[] changed = utf8(TRANSCRIPTION.replace("Where is my order?", "Where is my money?"));
        assertThatThrownBy(() -> WebhookEvents.parse(verifier.verifyingStream(good, new ByteArrayInputStream(changed)),
                in -> { })).isInstanceOf(SignatureMismatchException.class);
    }

    @Test
    void reportsAForgedBodyThatIsNotAnEventAsForged() {
        WebhookVerifier verifier = WebhookVerifierTest.verifierAt(WebhookVerifierTest.T);
        byte[] garbage = utf8("{\"type\": oops} and a long tail " + new String(new char[20_000]).replace('\0', 'x'));
        String forged = header("wsec_other", WebhookVerifierTest.T, garbage);
        assertThatThrownBy(() -> WebhookEvents.parse(verifier.verifyingStream(forged, new ByteArrayInputStream(garbage)),
                in -> { })).isInstanceOf(SignatureMismatchException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasAtLeastOneElementOfType(WebhookPayloadException.class));
        String genuine = header(SECRET, WebhookVerifierTest.T, garbage);
        assertThatThrownBy(() -> WebhookEvents.parse(verifier.verifyingStream(genuine, new ByteArrayInputStream(garbage)),
                in -> { })).isInstanceOf(WebhookPayloadException.class);
    }

    @Test
    void endsTheAudioOnlyAfterTheSignatureIsChecked() throws IOException {
        WebhookVerifier verifier = WebhookVerifierTest.verifierAt(WebhookVerifierTest.T);
        byte[] audio = randomBytes(100_000);
        byte[] body = utf8(audioEvent(Base64.getEncoder().encodeToString(audio)));
        String good = header(SECRET, WebhookVerifierTest.T, body);

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        WebhookEvents.parse(verifier.verifyingStream(good, new ByteArrayInputStream(body)), in -> copy(in, received));
        assertThat(received.toByteArray()).isEqualTo(audio);

        byte[] forged = body.clone();
        forged[forged.length - 5] = (byte) '9';  // in the conversation id, after the audio
        AtomicBoolean sawEnd = new AtomicBoolean();
        AtomicBoolean sawMismatch = new AtomicBoolean();
        assertThatThrownBy(() -> WebhookEvents.parse(verifier.verifyingStream(good, new ByteArrayInputStream(forged)),
                in -> {
                    try {
                        copy(in, new ByteArrayOutputStream());
                        sawEnd.set(true);
                    } catch (SignatureMismatchException e) {
                        sawMismatch.set(true);
                    }
                })).isInstanceOf(SignatureMismatchException.class);
        assertThat(sawEnd).as("the handler saw the audio end").isFalse();
        assertThat(sawMismatch).as("the handler's read failed instead").isTrue();
    }

    static String audioEvent(String base64) {
        return "{\"type\":\"post_call_audio\",\"event_timestamp\":1739537319,\"data\":{\"agent_id\":\"agent_1\","
                + "\"full_audio\":\"" + base64 + "\",\"conversation_id\":\"conv_1\"}}";
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    static void copy(InputStream in, java.io.OutputStream out) throws IOException {
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
        }
    }

    private static String deeplyNested(int depth) {
        StringBuilder sb = new StringBuilder("{\"type\":\"x\",\"data\":");
        for (int i = 0; i < depth; i++) {
            sb.append('[');
        }
        for (int i = 0; i < depth; i++) {
            sb.append(']');
        }
        return sb.append('}').toString();
    }
}
