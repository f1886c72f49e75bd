package io.github.convai4j.testkit;

import java.util.Base64;
import java.util.Map;

import static io.github.convai4j.testkit.JsonTree.object;

/**
 * The fake agent's messages, as the real server writes them (WEBSOCKET.md §4): {@code {"type":T,
 * "<T>_event":{...}}}, the {@code event_id} last in the event unless said otherwise. Members keep the order the
 * fake has always written them in, since tests may compare raw frames. Builds trees only; the
 * {@link Outbox} sends them.
 */
final class ServerMessages {

    private ServerMessages() {
    }

    static Map<String, Object> initiationMetadata(String conversationId, String outputFormat, String inputFormat) {
        return object("type", "conversation_initiation_metadata", "conversation_initiation_metadata_event",
                object("conversation_id", conversationId, "agent_output_audio_format", outputFormat,
                        "user_input_audio_format", inputFormat));
    }

    static Map<String, Object> agentResponse(String text, long eventId) {
        return event("agent_response", "agent_response_event", object("agent_response", text), eventId);
    }

    /** One part of a response's audio, as {@link LiveAudio#responseEvents(String, String)} made it. */
    static Map<String, Object> audio(Map<String, Object> audioEvent, long eventId) {
        return event("audio", "audio_event", audioEvent, eventId);
    }

    static Map<String, Object> audio(byte[] audio, long eventId) {
        return event("audio", "audio_event", object("audio_base_64", Base64.getEncoder().encodeToString(audio)),
                eventId);
    }

    static Map<String, Object> userTranscript(String text, long eventId) {
        return event("user_transcript", "user_transcription_event", object("user_transcript", text), eventId);
    }

    static Map<String, Object> interruption(long eventId) {
        return object("type", "interruption", "interruption_event", object("event_id", eventId));
    }

    /** {@code roundTripMillis} is null until a ping has been answered; the {@code event_id} comes first here. */
    static Map<String, Object> ping(long eventId, Long roundTripMillis) {
        return object("type", "ping", "ping_event", object("event_id", eventId, "ping_ms", roundTripMillis));
    }

    static Map<String, Object> clientToolCall(String toolName, String toolCallId, Object parameters, long eventId) {
        return event("client_tool_call", "client_tool_call",
                object("tool_name", toolName, "tool_call_id", toolCallId, "parameters", parameters), eventId);
    }

    /** The error event the real server sends before it closes with {@code code} and the error type as reason. */
    static Map<String, Object> error(int code, String errorType, String message) {
        return object("type", "error", "error_event", object("code", code, "message", message, "error_type",
                errorType, "reason", message, "debug_message", null, "details", null));
    }

    private static Map<String, Object> event(String type, String eventKey, Map<String, Object> event, long eventId) {
        event.put("event_id", eventId);
        return object("type", type, eventKey, event);
    }
}
