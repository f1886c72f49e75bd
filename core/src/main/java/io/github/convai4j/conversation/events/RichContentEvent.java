package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.RichContentPayload;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.conversation.messages.RichContentData;
import java.util.NoSuchElementException;

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

    private final RichContentPayload message;

    RichContentEvent(JsonValue raw, RichContentPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link RichContentPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public RichContentPayload payload() {
        return message;
    }

    /**
     * Returns the content's id ({@code rich_content_id}).
     *
     * @return the content's id; a {@code user_message} sent from it may name it
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String richContentId() {
        return message.richContent().richContentId();
    }

    /**
     * Returns which component to display, e.g. {@code "item_card"} ({@code component}).
     *
     * @return which component to display, e.g. {@code "item_card"}
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public String component() {
        return message.richContent().component();
    }

    /**
     * Returns the component's properties ({@code props}).
     *
     * @return the component's properties; an empty object if none were sent
     */
    public JsonValue props() {
        RichContentData data = message.richContent();
        try {
            return JsonValue.object(data.props());
        } catch (NoSuchElementException notAnObject) {
            return keptOrEmpty(data.additionalProperties(), "props");
        }
    }

    /**
     * Returns the event id ({@code event_id}).
     *
     * @return the event id
     * @throws java.util.NoSuchElementException if the server left it out (the message names the model and the property)
     */
    public long eventId() {
        return message.richContent().eventId();
    }
}
