package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

/**
 * {@code rich_content}: A component for the client to display, e.g. an item card (experimental).
 *
 * <pre>{@code {"type":"rich_content","rich_content":{"rich_content_id":"..","component":"item_card","props":{},"event_id":9}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RichContentEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "rich_content";

    private final Payload payload;

    RichContentEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "rich_content");
    }

    /**
     * Returns the content's id ({@code rich_content_id}).
     *
     * @return the content's id; a {@code user_message} sent from it may name it
     * @throws IllegalStateException if the server left it out
     */
    public String richContentId() {
        return payload.requiredString("rich_content_id");
    }

    /**
     * Returns which component to display, e.g. {@code "item_card"} ({@code component}).
     *
     * @return which component to display, e.g. {@code "item_card"}
     * @throws IllegalStateException if the server left it out
     */
    public String component() {
        return payload.requiredString("component");
    }

    /**
     * Returns the component's properties ({@code props}).
     *
     * @return the component's properties; an empty object if none were sent
     */
    public JsonValue props() {
        return payload.objectOrEmpty("props");
    }

    /**
     * Returns the event id ({@code event_id}).
     *
     * @return the event id
     * @throws IllegalStateException if the server left it out
     */
    public long eventId() {
        return payload.requiredLong("event_id");
    }
}
