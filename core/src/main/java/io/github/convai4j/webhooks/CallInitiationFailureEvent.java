package io.github.convai4j.webhooks;

import io.github.convai4j.json.JsonValue;

import java.util.Map;
import java.util.Optional;

/**
 * A {@code call_initiation_failure} event: a phone call the platform tried to start did not connect. Its
 * {@code data} holds the agent id, the conversation id, the reason ({@code "busy"}, {@code "no-answer"},
 * {@code "unknown"}, or a value added later) and the telephony provider's metadata (for example
 * {@code {"type": "twilio", "body": {...}}}). The whole {@code data} is kept: see {@link #data()}.
 */
public final class CallInitiationFailureEvent extends WebhookEvent {

    private final JsonValue data;

    CallInitiationFailureEvent(Long eventTimestamp, Map<String, JsonValue> additionalProperties, JsonValue data) {
        super(EventReader.FAILURE, eventTimestamp, additionalProperties);
        this.data = data == null ? JsonValue.NULL : data;
    }

    /**
     * Returns the id of the agent that was to take the call.
     *
     * @return {@code data.agent_id}
     * @throws IllegalStateException if the event has none
     */
    public String agentId() {
        return EventReader.requiredString(members(), "agent_id", type());
    }

    /**
     * Returns the id of the conversation the call was to become.
     *
     * @return {@code data.conversation_id}
     * @throws IllegalStateException if the event has none
     */
    public String conversationId() {
        return EventReader.requiredString(members(), "conversation_id", type());
    }

    /**
     * Returns why the call failed.
     *
     * @return {@code data.failure_reason}, e.g. {@code "busy"}, {@code "no-answer"} or {@code "unknown"}; any
     *         other value is returned as sent
     * @throws IllegalStateException if the event has none
     */
    public String failureReason() {
        return EventReader.requiredString(members(), "failure_reason", type());
    }

    /**
     * Returns what the telephony provider reported.
     *
     * @return {@code data.metadata}, or empty if absent or {@code null}
     */
    public Optional<JsonValue> metadata() {
        JsonValue metadata = members().get("metadata");
        return metadata == null || metadata.isNull() ? Optional.<JsonValue>empty() : Optional.of(metadata);
    }

    /**
     * Returns the event's {@code data} as received.
     *
     * @return the data; {@link JsonValue#NULL} if the event had none
     */
    public JsonValue data() {
        return data;
    }

    private Map<String, JsonValue> members() {
        return data.isObject() ? data.asObject() : java.util.Collections.<String, JsonValue>emptyMap();
    }
}
