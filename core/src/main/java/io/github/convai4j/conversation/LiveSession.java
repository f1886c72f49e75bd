package io.github.convai4j.conversation;

import io.github.convai4j.conversation.events.ConversationEvent;
import io.github.convai4j.conversation.events.ConversationMetadataEvent;
import io.github.convai4j.errors.ConvaiTimeoutException;
import io.github.convai4j.http.WebSocket;
import io.github.convai4j.http.WebSocketListener;
import io.github.convai4j.http.WebSocketRequest;
import io.github.convai4j.http.WebSocketTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.NoSuchElementException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One live conversation: the {@link ConversationSession} the application holds and the
 * {@link WebSocketListener} of its connection. It wires the parts that do the work and checks what the
 * application asks for before anything is sent:
 * <ul>
 *   <li>{@link SessionLifecycle}: opening, closing, and the one end;</li>
 *   <li>{@link ServerEvents}: the protocol's server side (pings, interruptions, replies, tools, metadata);</li>
 *   <li>{@link Delivery}: the events to the listener or to {@code nextEvent};</li>
 *   <li>{@link Outbox}: what is sent, with its memory bounded; {@link ToolCalls}: client tools;</li>
 *   <li>{@link SessionTimers}: the timeouts, on the client's scheduler.</li>
 * </ul>
 *
 * <p>Threads: the transport's I/O thread decodes, answers and queues, never running user code; the event
 * thread (listener mode) calls the listener; futures handed to the application complete on the client's
 * executor.
 */
final class LiveSession implements ConversationSession, WebSocketListener {

    static final Logger LOG = LoggerFactory.getLogger("io.github.convai4j.conversation");

    private static final AtomicLong SESSIONS = new AtomicLong();

    private final LiveConversation.Settings settings;
    private final long number = SESSIONS.incrementAndGet();
    private final AtomicLong dropped = new AtomicLong();
    private final Replies replies = new Replies();
    private final Outbox outbox;
    private final ToolCalls tools;
    private final Delivery delivery;
    private final SessionLifecycle lifecycle;
    private final ServerEvents server;
    private final UserAudio userAudio;

    LiveSession(LiveConversation.Settings settings, ConversationListener listener, Executor completionExecutor,
            ScheduledExecutorService scheduler) {
        this.settings = settings;
        SessionTimers timers = new SessionTimers(scheduler, LOG, this::logId);
        this.outbox = new Outbox(settings.maxSendBacklog, settings.sendStallTimeout, timers, completionExecutor,
                this::stalled, LOG, this::logId);
        this.tools = new ToolCalls(settings.tools, settings.answerUnknownClientTools, settings.toolExecutor,
                settings.toolTimeout, timers, this::sendToolResult, LOG, this::logId);
        Interruptions interruptions = new Interruptions();
        this.delivery = new Delivery(new EventQueue(settings.maxPendingEvents, EventQueue.DEFAULT_MAX_BYTES, dropped,
                LOG, this::logId), listener, settings.eventExecutor, number, interruptions, dropped,
                completionExecutor, LOG, this::logId);
        this.lifecycle = new SessionLifecycle(settings.openTimeout, this::openTimedOut, settings.connectTimeout, timers,
                completionExecutor, this::ended, LOG, this::logId);
        this.server = new ServerEvents(settings.expectFirstMessage, outbox, interruptions, replies, tools, delivery,
                lifecycle, () -> lifecycle.completeOpen(this), dropped, LOG, this::logId);
        this.userAudio = new UserAudio(server::userInputFormat);
        delivery.deliverFor(this);
    }

    // ---- opening ----

    CompletableFuture<ConversationSession> openedFuture() {
        return lifecycle.opened();
    }

    void whileOpening(Future<?> step) {
        lifecycle.whileOpening(step);
    }

    void connect(WebSocketTransport transport, WebSocketRequest request) {
        lifecycle.connect(transport, request, this);
    }

    void failOpen(Throwable failure) {
        lifecycle.failOpen(failure);
    }

    private Throwable openTimedOut() {
        return new ConvaiTimeoutException(ConvaiTimeoutException.Kind.DEADLINE, settings.openTimeout,
                "The conversation with agent " + settings.agentId + " did not start within "
                + settings.openTimeout.toMillis() + " ms (open timeout): " + (server.metadata() == null
                ? "no conversation_initiation_metadata from the server"
                : "the server started it, but the agent sent no first message; if this agent waits for the user"
                + " to speak first, open it without expectFirstMessage(true)"), null);
    }

    // ---- the WebSocket listener (I/O thread) ----

    @Override
    public void onOpen(WebSocket ws) {
        if (!lifecycle.attach(ws)) {
            return;
        }
        outbox.attach(ws);
        LOG.debug("Conversation {}: connected; sending conversation_initiation_client_data", logId());
        outbox.send(ClientMessages.initiation(settings.initiation, LibraryVersion.get()));
    }

    @Override
    public void onText(WebSocket ws, String text) {
        server.onText(text);
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        lifecycle.transportFailed(error);
    }

    @Override
    public void onClose(WebSocket ws, int code, String reason) {
        lifecycle.closed(code, reason);
    }

    private void stalled(long bytes, int messages, Duration idle) {
        lifecycle.endLocally(ConversationEnd.Kind.PEER_NOT_READING, new IOException("The connection has not caught"
                + " up with what the session sent for " + idle.toMillis() + " ms (" + bytes + " bytes in " + messages
                + " messages waited; LiveConversation.sendStallTimeout): the server does not read, or reads far"
                + " slower than it is sent to"));
    }

    /** The end, once: stops every part, then hands the end to the listener or the queue. */
    private void ended(ConversationEnd end) {
        outbox.close();
        tools.close();
        replies.fail(new ConversationClosedException("The conversation ended before the agent replied", end));
        delivery.finish(end);
    }

    // ---- what the application asks ----

    @Override
    public String agentId() {
        return settings.agentId;
    }

    @Override
    public String conversationId() {
        return metadata().conversationId();
    }

    @Override
    public ConversationMetadataEvent metadata() {
        ConversationMetadataEvent m = server.metadata();
        if (m == null) {
            throw new IllegalStateException("The conversation has not started yet: no conversation_initiation_metadata");
        }
        return m;
    }

    @Override
    public AudioFormat userInputAudioFormat() {
        metadata();
        return server.userInputFormat();
    }

    @Override
    public AudioFormat agentOutputAudioFormat() {
        metadata();
        return server.agentOutputFormat();
    }

    @Override
    public Optional<String> firstMessage() {
        return Optional.ofNullable(server.firstMessage());
    }

    @Override
    public boolean isOpen() {
        return lifecycle.isOpen();
    }

    @Override
    public long droppedEvents() {
        return dropped.get();
    }

    @Override
    public CompletableFuture<ConversationEnd> ended() {
        return delivery.ended();
    }

    @Override
    public ConversationEvent nextEvent(Duration timeout) {
        return delivery.next(timeout);
    }

    @Override
    public CompletableFuture<ConversationEnd> closeAsync() {
        lifecycle.closeAsync();
        return delivery.ended();
    }

    @Override
    public void close() {
        lifecycle.close(delivery.ended(), delivery.isDeliveryThread());
    }

    // ---- sending ----

    @Override
    public CompletableFuture<Void> sendUserMessage(String text) {
        return sendUserMessage(text, null);
    }

    @Override
    public CompletableFuture<Void> sendUserMessage(String text, String richContentId) {
        requireText(text, "text");
        if (richContentId != null) {
            requireText(richContentId, "richContentId");
        }
        return send(ClientMessages.userMessage(text, richContentId), "user_message");
    }

    @Override
    public String sendAndAwaitReply(String text, Duration timeout) {
        requireText(text, "text");
        requirePositive(timeout);
        lifecycle.ensureCanSend();
        CompletableFuture<String> reply = replies.expectReply();
        try {
            sendUserMessage(text);
        } catch (RuntimeException e) {
            replies.remove(reply);
            throw e;
        }
        return awaitText(reply, timeout, "reply to the user_message");
    }

    @Override
    public String awaitAgentResponse(Duration timeout) {
        requirePositive(timeout);
        return awaitText(replies.nextResponse(), timeout, "an agent_response");
    }

    private String awaitText(CompletableFuture<String> waiter, Duration timeout, String what) {
        try {
            return waiter.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            replies.remove(waiter);
            if (waiter.isDone() && !waiter.isCompletedExceptionally()) {
                return waiter.join(); // came just now
            }
            throw new ConvaiTimeoutException(ConvaiTimeoutException.Kind.READ, timeout, "Conversation " + logId()
                    + ": no " + what + " within " + timeout.toMillis() + " ms", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConversationClosedException) {
                ConversationClosedException closed = (ConversationClosedException) cause;
                throw new ConversationClosedException("No " + what + ": the conversation ended", closed.end());
            }
            throw new ConversationException("Waiting for the " + what + " failed", cause);
        } catch (InterruptedException e) {
            replies.remove(waiter);
            Thread.currentThread().interrupt();
            throw new ConversationException("Interrupted while waiting for the " + what, e);
        }
    }

    @Override
    public CompletableFuture<Void> sendContextualUpdate(String text) {
        return sendContextualUpdate(text, null);
    }

    @Override
    public CompletableFuture<Void> sendContextualUpdate(String text, String contextId) {
        requireText(text, "text");
        if (contextId != null) {
            requireText(contextId, "contextId");
        }
        return send(ClientMessages.contextualUpdate(text, contextId), "contextual_update");
    }

    @Override
    public CompletableFuture<Void> sendUserActivity() {
        return send(ClientMessages.userActivity(), "user_activity");
    }

    @Override
    public CompletableFuture<Void> sendFeedback(long eventId, FeedbackScore score) {
        if (eventId < 0) {
            throw new IllegalArgumentException("eventId must not be negative, was " + eventId);
        }
        return send(ClientMessages.feedback(eventId, score), "feedback");
    }

    @Override
    public CompletableFuture<Void> sendClientToolResult(String toolCallId, String result, boolean isError) {
        requireText(toolCallId, "toolCallId");
        if (result == null) {
            throw new IllegalArgumentException("result must not be null; send an empty string for no result");
        }
        lifecycle.ensureCanSend();
        return tools.answerByHand(toolCallId, result, isError);
    }

    @Override
    public CompletableFuture<Void> sendMcpToolApprovalResult(String toolCallId, boolean approved) {
        requireText(toolCallId, "toolCallId");
        return send(ClientMessages.mcpToolApprovalResult(toolCallId, approved), "mcp_tool_approval_result");
    }

    @Override
    public CompletableFuture<Void> sendMultimodalMessage(String text, String fileId) {
        if (text == null && fileId == null) {
            throw new IllegalArgumentException("A multimodal message needs a text, a file id, or both");
        }
        if (text != null) {
            requireText(text, "text");
        }
        if (fileId != null) {
            requireText(fileId, "fileId");
        }
        return send(ClientMessages.multimodalMessage(text, fileId), "multimodal_message");
    }

    @Override
    public CompletableFuture<Void> sendUserAudio(byte[] audio) {
        if (audio == null) {
            throw new NullPointerException("audio");
        }
        return sendUserAudio(audio, 0, audio.length);
    }

    @Override
    public CompletableFuture<Void> sendUserAudio(byte[] audio, int offset, int length) {
        userAudio.checkRaw(audio, offset, length);
        return send(ClientMessages.userAudioChunk(audio, offset, length), "user_audio_chunk");
    }

    @Override
    public CompletableFuture<Void> sendUserAudio(byte[] audio, AudioFormat format) {
        byte[] converted = userAudio.convert(audio, format);
        if (converted.length == 0) {
            lifecycle.ensureCanSend();
            return CompletableFuture.completedFuture(null); // all held back for the resampler's look-ahead
        }
        return send(ClientMessages.userAudioChunk(converted, 0, converted.length), "user_audio_chunk");
    }

    private CompletableFuture<Void> sendToolResult(String toolCallId, String result, boolean isError) {
        LOG.debug("Conversation {}: sending client_tool_result for {}{}", logId(), toolCallId, isError ? " (error)" : "");
        return outbox.send(ClientMessages.clientToolResult(toolCallId, result, isError));
    }

    private CompletableFuture<Void> send(String json, String type) {
        lifecycle.ensureCanSend();
        LOG.debug("Conversation {}: sending {}", logId(), type);
        return outbox.send(json);
    }

    private static void requireText(String value, String name) {
        if (value == null) {
            throw new NullPointerException(name);
        }
        if (value.trim().isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    private static void requirePositive(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    private String logId() {
        ConversationMetadataEvent m = server == null ? null : server.metadata();
        if (m != null) {
            try {
                return m.conversationId();
            } catch (NoSuchElementException noId) {
                // fall through
            }
        }
        return "#" + number + " (agent " + settings.agentId + ")";
    }

    @Override
    public String toString() {
        return "ConversationSession[" + logId() + ", " + lifecycle.state() + ", " + lifecycle.redactedUrl() + "]";
    }
}
