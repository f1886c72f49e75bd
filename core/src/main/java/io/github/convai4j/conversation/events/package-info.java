/**
 * The server's events of a live conversation, one class per message type of the protocol
 * ({@code elevenlabs-convai-asyncapi.yaml}), all extending
 * {@link io.github.convai4j.conversation.events.ConversationEvent}; plus
 * {@link io.github.convai4j.conversation.events.UnknownEvent} for types this version does not know and
 * {@link io.github.convai4j.conversation.events.MalformedMessageEvent} for messages that cannot be read.
 * {@link io.github.convai4j.conversation.events.ConversationEvents#decode(String)} turns a message into its
 * event.
 */
package io.github.convai4j.conversation.events;
