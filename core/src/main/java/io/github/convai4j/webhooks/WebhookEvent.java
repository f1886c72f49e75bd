package io.github.convai4j.webhooks;

import io.github.convai4j.json.JsonValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event the Agents Platform sent to a webhook: {@code {"type": ..., "event_timestamp": ..., "data": {...}}}.
 * Read one with {@link WebhookEvents}; what it is depends on its type:
 * <ul>
 *   <li>{@code post_call_transcription}: a {@link PostCallTranscriptionEvent}, the conversation as
 *       {@code GET /v1/convai/conversations/{conversation_id}} returns it;</li>
 *   <li>{@code post_call_audio}: a {@link PostCallAudioEvent}, whose audio went to an {@link AudioHandler};</li>
 *   <li>{@code call_initiation_failure}: a {@link CallInitiationFailureEvent};</li>
 *   <li>any other type: an {@link UnknownWebhookEvent} with its JSON, so a new event type never breaks a
 *       handler.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public abstract class WebhookEvent {

    private final String type;
    private final Long eventTimestamp;
    private final Map<String, JsonValue> additionalProperties;

    WebhookEvent(String type, Long eventTimestamp, Map<String, JsonValue> additionalProperties) {
        this.type = type;
        this.eventTimestamp = eventTimestamp;
        this.additionalProperties = Collections.unmodifiableMap(new LinkedHashMap<>(additionalProperties));
    }

    /**
     * Returns the event's type.
     *
     * @return e.g. {@code "post_call_transcription"}
     */
    public final String type() {
        return type;
    }

    /**
     * Returns when the event occurred.
     *
     * @return seconds since the epoch (UTC)
     * @throws IllegalStateException if the event has no {@code event_timestamp}, or one that is not a number
     *         (its value is then in {@link #additionalProperties()})
     */
    public final long eventTimestamp() {
        if (eventTimestamp == null) {
            throw new IllegalStateException("The " + type + " webhook event has no numeric event_timestamp"
                    + (additionalProperties.containsKey("event_timestamp")
                            ? " (it is " + additionalProperties.get("event_timestamp") + ")" : ""));
        }
        return eventTimestamp;
    }

    /**
     * Returns the members of the event besides {@code type}, {@code event_timestamp} and {@code data}, in the
     * order received (none so far; a newer platform may add some).
     *
     * @return an unmodifiable map, possibly empty
     */
    public final Map<String, JsonValue> additionalProperties() {
        return additionalProperties;
    }

    static IllegalStateException missing(String type, String member) {
        return new IllegalStateException("The " + type + " webhook event has no " + member);
    }

    /**
     * Describes the event by type and time, without its content (which may hold personal data).
     *
     * @return e.g. {@code "PostCallTranscriptionEvent[event_timestamp=1739537297]"}
     */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (this instanceof UnknownWebhookEvent ? "type=" + type + ", " : "")
                + "event_timestamp=" + eventTimestamp + "]";
    }
}
