package io.github.convai4j.conversation;

import io.github.convai4j.conversation.events.AgentResponseEvent;
import io.github.convai4j.conversation.events.AudioEvent;
import io.github.convai4j.conversation.events.ClientToolCallEvent;
import io.github.convai4j.conversation.events.ConversationEvent;
import io.github.convai4j.conversation.events.ConversationEvents;
import io.github.convai4j.conversation.events.ConversationMetadataEvent;
import io.github.convai4j.conversation.events.ErrorEvent;
import io.github.convai4j.conversation.events.InterruptionEvent;
import io.github.convai4j.conversation.events.MalformedMessageEvent;
import io.github.convai4j.conversation.events.PingEvent;
import org.slf4j.Logger;

import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The protocol's server side, as a session sees it (on the transport's I/O thread): decodes each message,
 * answers pings, records interruptions and drops the audio they cut off, pairs agent responses with the
 * replies waited for, hands client tool calls to their handlers, learns the conversation id and audio formats,
 * says when the conversation has started, and queues every event for delivery. It never runs user code.
 *
 * <p>Thread-safe: one message at a time from the I/O thread; its state is read from any thread.
 */
final class ServerEvents {

    /** Told when the conversation has started: the metadata arrived (and the first message, if expected). */
    interface Started {
        void started();
    }

    private final boolean expectFirstMessage;
    private final Outbox outbox;
    private final Interruptions interruptions;
    private final Replies replies;
    private final ToolCalls tools;
    private final Delivery delivery;
    private final SessionLifecycle lifecycle;
    private final Started started;
    private final AtomicLong dropped;
    private final Logger log;
    private final Supplier<String> owner;
    private volatile ConversationMetadataEvent metadata;
    private volatile AudioFormat inputFormat = AudioFormat.PCM_16000;
    private volatile AudioFormat outputFormat = AudioFormat.PCM_16000;
    private volatile String firstMessage;

    ServerEvents(boolean expectFirstMessage, Outbox outbox, Interruptions interruptions, Replies replies,
            ToolCalls tools, Delivery delivery, SessionLifecycle lifecycle, Started started, AtomicLong dropped,
            Logger log, Supplier<String> owner) {
        this.expectFirstMessage = expectFirstMessage;
        this.outbox = outbox;
        this.interruptions = interruptions;
        this.replies = replies;
        this.tools = tools;
        this.delivery = delivery;
        this.lifecycle = lifecycle;
        this.started = started;
        this.dropped = dropped;
        this.log = log;
        this.owner = owner;
    }

    /** A text message from the server. */
    void onText(String text) {
        try {
            handle(ConversationEvents.decode(text), text.length());
        } catch (RuntimeException e) {
            // A bug of ours must not abort the connection: log it and go on with the next message.
            log.error("Conversation {}: could not handle a message", owner.get(), e);
        }
    }

    ConversationMetadataEvent metadata() {
        return metadata;
    }

    AudioFormat userInputFormat() {
        return inputFormat;
    }

    AudioFormat agentOutputFormat() {
        return outputFormat;
    }

    String firstMessage() {
        return firstMessage;
    }

    private void handle(ConversationEvent event, long size) {
        if (log.isDebugEnabled()) {
            log.debug("Conversation {}: received {}", owner.get(),
                    event.type().isEmpty() ? "a malformed message" : event.type());
        }
        if (event instanceof PingEvent) {
            outbox.pong(((PingEvent) event).eventId());
        } else if (event instanceof AudioEvent) {
            if (interruptions.cutOff(event)) {
                dropped.incrementAndGet();
                log.debug("Conversation {}: dropped audio of interrupted event {}", owner.get(), interruptions.last());
                return;
            }
        } else if (event instanceof InterruptionEvent) {
            interruptions.interrupted(((InterruptionEvent) event).eventId());
        } else if (event instanceof AgentResponseEvent) {
            agentResponse((AgentResponseEvent) event);
        } else if (event instanceof ClientToolCallEvent) {
            tools.onCall((ClientToolCallEvent) event);
        } else if (event instanceof ConversationMetadataEvent) {
            if (metadata == null) {
                startedWith((ConversationMetadataEvent) event);
            }
        } else if (event instanceof ErrorEvent) {
            lifecycle.serverError((ErrorEvent) event);
        } else if (event instanceof MalformedMessageEvent) {
            log.warn("Conversation {}: a message from the server could not be read ({}); it is delivered as a"
                    + " MalformedMessageEvent and the conversation goes on", owner.get(),
                    ((MalformedMessageEvent) event).problem());
        }
        delivery.add(event, size);
    }

    private void agentResponse(AgentResponseEvent event) {
        try {
            String text = event.text();
            if (expectFirstMessage && firstMessage == null && metadata != null) {
                firstMessage = text; // the greeting is no reply: sendAndAwaitReply must not take it
                started.started();
            } else {
                replies.onAgentResponse(text);
            }
        } catch (NoSuchElementException noText) {
            log.warn("Conversation {}: an agent_response without text: {}", owner.get(), noText.getMessage());
        }
    }

    private void startedWith(ConversationMetadataEvent event) {
        inputFormat = AudioFormat.fromMetadata(event, true);
        outputFormat = AudioFormat.fromMetadata(event, false);
        metadata = event;
        log.debug("Conversation {}: started; user input audio {}, agent output audio {}", owner.get(), inputFormat,
                outputFormat);
        if (!expectFirstMessage) {
            started.started();
        }
    }
}
