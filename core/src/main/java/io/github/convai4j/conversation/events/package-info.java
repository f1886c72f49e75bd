/**
 * The server's events of a live conversation, one class per message type of the protocol
 * ({@code elevenlabs-convai-asyncapi.yaml}), all extending
 * {@link io.github.convai4j.conversation.events.ConversationEvent}; plus
 * {@link io.github.convai4j.conversation.events.UnknownEvent} for types this version does not know and
 * {@link io.github.convai4j.conversation.events.MalformedMessageEvent} for messages that cannot be read.
 * {@link io.github.convai4j.conversation.events.ConversationEvents#decode(String)} turns a message into its
 * event.
 *
 * <p>Each event wraps its message's payload, a model generated from the AsyncAPI document (package
 * {@code io.github.convai4j.conversation.messages}), which its {@code payload()} returns: every property of the
 * protocol, unknown ones in {@code additionalProperties()}, open enums. The events' accessors read it as the REST
 * models read: a missing required property throws {@link java.util.NoSuchElementException} naming the model and
 * the property.
 */
package io.github.convai4j.conversation.events;
