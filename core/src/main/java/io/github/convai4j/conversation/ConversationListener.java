package io.github.convai4j.conversation;

import io.github.convai4j.conversation.events.ConversationEvent;

/**
 * Receives a live session's events, for {@link LiveConversation#open(ConversationListener)}:
 * <pre>{@code
 * client.liveConversation(agentId).open((session, event) -> {
 *     if (event instanceof AgentResponseEvent) {
 *         System.out.println(((AgentResponseEvent) event).text());
 *     }
 * });
 * }</pre>
 *
 * <p><b>Threads:</b> every method is called on the session's event thread (or its event executor), one call
 * at a time, in the order the server sent the events; never on the transport's I/O thread. So a method may
 * block or send, but while it runs later events wait (and audio may be dropped if they pile up, see
 * {@link LiveConversation#maxPendingEvents}). An exception thrown by a method is logged and the session
 * goes on.
 */
@FunctionalInterface
public interface ConversationListener {

    /**
     * An event arrived. Pings are already answered, interrupted audio is already left out, and client tool
     * calls are already handed to their handlers.
     *
     * @param session the session, e.g. to send an answer
     * @param event the event; {@code instanceof} tells its type
     */
    void onEvent(ConversationSession session, ConversationEvent event);

    /**
     * The conversation has ended: called once, after every event. Default: does nothing.
     *
     * @param session the session
     * @param end how and why it ended
     */
    default void onEnd(ConversationSession session, ConversationEnd end) {
    }
}
