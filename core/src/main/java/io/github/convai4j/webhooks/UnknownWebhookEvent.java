package io.github.convai4j.webhooks;

import io.github.convai4j.json.JsonValue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event of a type this version of the library does not know, kept as received so that a handler can log
 * it, store it or read it itself. (A new event type of the platform is never an error.)
 */
public final class UnknownWebhookEvent extends WebhookEvent {

    private final JsonValue data;
    private final JsonValue raw;

    UnknownWebhookEvent(String type, Long eventTimestamp, JsonValue timestampValue,
                        Map<String, JsonValue> additionalProperties, JsonValue data) {
        super(type, eventTimestamp, additionalProperties);
        this.data = data == null ? JsonValue.NULL : data;
        Map<String, JsonValue> all = new LinkedHashMap<>();
        all.put("type", JsonValue.of(type));
        if (timestampValue != null) {
            all.put("event_timestamp", timestampValue);
        }
        if (data != null) {
            all.put("data", data);
        }
        all.putAll(additionalProperties);
        this.raw = JsonValue.object(all);
    }

    /**
     * Returns the event's {@code data}.
     *
     * @return the data as received; {@link JsonValue#NULL} if the event had none
     */
    public JsonValue data() {
        return data;
    }

    /**
     * Returns the whole event as JSON: {@code type}, {@code event_timestamp}, {@code data}, then any other
     * members.
     *
     * @return the event
     */
    public JsonValue raw() {
        return raw;
    }
}
