package io.github.convai4j.webhooks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonCodec;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.models.conversations.GetConversationResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one webhook event from a body stream, on Jackson's streaming parser: the envelope, then {@code data}
 * the way its type needs. One instance per event; not thread-safe.
 *
 * <p>{@code data} of a {@code post_call_transcription} goes straight into the generated conversation model.
 * {@code data} of a {@code post_call_audio}, or of an event whose {@code type} comes after its {@code data}
 * (JSON does not fix the order), is read member by member, and a string {@code full_audio} is handed to the
 * {@link AudioHandler} as it streams in: the parser has not read the string yet when it reports it (Jackson
 * parses strings lazily), so its bytes are taken from there on by a {@link Base64StringStream}, and the
 * rest of the body is read by a second parser that starts in the same place. Everything else is read as a
 * {@link JsonValue}.
 */
final class EventReader {

    static final String TRANSCRIPTION = "post_call_transcription";
    static final String AUDIO = "post_call_audio";
    static final String FAILURE = "call_initiation_failure";

    /**
     * What the second parser reads before the rest of the body: an object member holding an object with one
     * string member, so that it stands where the first parser stood, inside {@code data}, just after the
     * {@code full_audio} string.
     */
    private static final byte[] RESUME_PREFIX = "{\"\":{\"\":\"\"".getBytes(StandardCharsets.US_ASCII);
    private static final int RESUME_TOKENS = 5;

    private final InputStream body;
    private final AudioHandler handler;
    private JsonParser parser;

    private String type;
    private Long timestamp;
    private JsonValue timestampValue;
    private final Map<String, JsonValue> extras = new LinkedHashMap<>();
    private boolean sawData;
    private GetConversationResponse conversation;
    private JsonValue dataValue;
    private Map<String, JsonValue> dataMembers;
    private boolean hasAudio;
    private long audioSize;

    private EventReader(InputStream body, AudioHandler handler) {
        this.body = body;
        this.handler = handler;
    }

    static WebhookEvent read(InputStream body, AudioHandler handler) throws IOException {
        try {
            return new EventReader(body, handler).read();
        } catch (WebhookPayloadException e) {
            // A body that is not an event may not be authentic either: read it to its end, so that a verifying
            // stream checks the signature and reports a forgery as such (answered 401, not 400).
            try {
                drain(body);
            } catch (SignatureMismatchException forged) {
                forged.addSuppressed(e);
                throw forged;
            } catch (IOException | RuntimeException other) {
                e.addSuppressed(other);
            }
            throw e;
        }
    }

    private static void drain(InputStream body) throws IOException {
        byte[] sink = new byte[8192];
        while (body.read(sink) >= 0) {
            // discarded
        }
    }

    private WebhookEvent read() throws IOException {
        parser = Json.factory().createParser(body);
        try {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw payload("A webhook body must be a JSON object, found " + parser.currentToken(), null);
            }
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                JsonToken token = parser.nextToken();
                if (name.equals("type")) {
                    readType(token);
                } else if (name.equals("event_timestamp")) {
                    readTimestamp(token);
                } else if (name.equals("data")) {
                    readData(token);
                } else {
                    extras.put(name, JsonValue.read(parser));
                }
            }
            if (parser.nextToken() != null) {
                throw payload("Trailing content after the webhook event's JSON object", null);
            }
        } catch (JsonProcessingException e) {
            throw payload("The webhook body is not a well-formed event: " + e.getOriginalMessage(), e);
        } finally {
            parser.close();
        }
        return event();
    }

    private void readType(JsonToken token) throws IOException {
        if (type != null) {
            throw payload("The webhook event has more than one \"type\"", null);
        }
        if (token != JsonToken.VALUE_STRING) {
            throw payload("The webhook event's \"type\" must be a string, found " + token, null);
        }
        type = parser.getText();
    }

    private void readTimestamp(JsonToken token) throws IOException {
        if (timestampValue != null || extras.containsKey("event_timestamp")) {
            throw payload("The webhook event has more than one \"event_timestamp\"", null);
        }
        JsonValue value = JsonValue.read(parser);
        if (value.isNumber()) {
            timestampValue = value;
            timestamp = value.asNumber().longValue();
        } else if (!value.isNull()) {
            extras.put("event_timestamp", value); // kept as received; eventTimestamp() reports it
        }
    }

    private void readData(JsonToken token) throws IOException {
        if (sawData) {
            throw payload("The webhook event has more than one \"data\"", null);
        }
        sawData = true;
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token == JsonToken.START_OBJECT && TRANSCRIPTION.equals(type)) {
            JsonCodec<GetConversationResponse> codec = GetConversationResponse.codec();
            conversation = codec.read(parser);
        } else if (token == JsonToken.START_OBJECT && (type == null || AUDIO.equals(type))) {
            readMembersStreamingAudio();
        } else {
            dataValue = JsonValue.read(parser);
        }
    }

    private void readMembersStreamingAudio() throws IOException {
        dataMembers = new LinkedHashMap<>();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            if (name.equals("full_audio") && token == JsonToken.VALUE_STRING && !hasAudio) {
                hasAudio = true;
                streamAudio();
            } else {
                dataMembers.put(name, JsonValue.read(parser));
            }
        }
    }

    /** The parser is on the {@code full_audio} string, not yet read. */
    private void streamAudio() throws IOException {
        long quoteAt = parser.currentTokenLocation().getByteOffset();
        if (quoteAt < 0 || parser.currentLocation().getByteOffset() != quoteAt + 1) {
            // jackson-core (2.22 checked) parses a string only when asked for its text; this version did not wait.
            throw new IllegalStateException("This version of jackson-core read the full_audio string before it was"
                    + " asked to, so convai4j cannot stream it; use the jackson-core version convai4j-core declares");
        }
        ByteArrayOutputStream buffered = new ByteArrayOutputStream();
        parser.releaseBuffered(buffered);
        parser.close();
        Base64StringStream audio = new Base64StringStream(buffered.toByteArray(), body);
        handler.handle(audio);
        audio.drain();
        audioSize = audio.decodedBytes();

        byte[] remainder = audio.remainder();
        byte[] resumed = new byte[RESUME_PREFIX.length + remainder.length];
        System.arraycopy(RESUME_PREFIX, 0, resumed, 0, RESUME_PREFIX.length);
        System.arraycopy(remainder, 0, resumed, RESUME_PREFIX.length, remainder.length);
        parser = Json.factory().createParser(resumed);
        for (int i = 0; i < RESUME_TOKENS; i++) {
            parser.nextToken();
        }
    }

    private WebhookEvent event() throws IOException {
        if (type == null) {
            throw payload("The webhook event has no \"type\"", null);
        }
        if (TRANSCRIPTION.equals(type)) {
            if (conversation == null && data() != null && data().isObject()) {
                // data came before type: read the model from what was kept.
                JsonParser buffered = data().traverse();
                buffered.nextToken();
                JsonCodec<GetConversationResponse> codec = GetConversationResponse.codec();
                conversation = codec.read(buffered);
            } else if (conversation == null && data() != null) {
                throw payload("The post_call_transcription event's data is not a JSON object", null);
            }
            return new PostCallTranscriptionEvent(timestamp, extras, conversation);
        }
        if (AUDIO.equals(type)) {
            Map<String, JsonValue> members = dataMembers != null ? dataMembers
                    : data() != null && data().isObject() ? data().asObject() : new LinkedHashMap<String, JsonValue>();
            return new PostCallAudioEvent(timestamp, extras, members, hasAudio, audioSize);
        }
        if (FAILURE.equals(type)) {
            return new CallInitiationFailureEvent(timestamp, extras, data());
        }
        return new UnknownWebhookEvent(type, timestamp, timestampValue, extras, data());
    }

    /** The data read as a tree or member by member; {@code null} if absent or {@code null}. */
    private JsonValue data() {
        if (dataValue == null && dataMembers != null) {
            dataValue = JsonValue.object(dataMembers);
        }
        return dataValue;
    }

    static String requiredString(Map<String, JsonValue> members, String name, String type) {
        JsonValue value = members.get(name);
        if (value == null || value.isNull()) {
            throw WebhookEvent.missing(type, "data." + name);
        }
        if (!value.isString()) {
            throw new IllegalStateException("The " + type + " webhook event's data." + name + " is not a string: "
                    + value);
        }
        return value.asString();
    }

    private static WebhookPayloadException payload(String message, Throwable cause) {
        return new WebhookPayloadException(message + ".", cause);
    }
}
