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
import io.github.convai4j.errors.ConnectionFailedException;
import io.github.convai4j.errors.ConvaiIOException;
import io.github.convai4j.errors.ConvaiTimeoutException;
import io.github.convai4j.http.ConnectTimeoutException;
import io.github.convai4j.http.WebSocket;
import io.github.convai4j.http.WebSocketHandshakeException;
import io.github.convai4j.http.WebSocketListener;
import io.github.convai4j.http.WebSocketRequest;
import io.github.convai4j.http.WebSocketTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One live conversation: the {@link WebSocketListener} of its connection and the {@link ConversationSession}
 * the application holds.
 *
 * <p>Threads: the transport's I/O thread decodes each message, answers pings, records interruptions, drops
 * interrupted audio, starts tool calls, completes reply waiters and queues the event; it never runs user
 * code. The event thread (listener mode) takes events from the queue and calls the listener. Futures handed
 * to the application complete on the client's executor, never on the I/O thread.
 */
final class LiveSession implements ConversationSession, WebSocketListener {

    static final Logger LOG = LoggerFactory.getLogger("io.github.convai4j.conversation");

    /** How long {@link #close()} waits for the closing handshake before it aborts the connection. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private static final AtomicLong SESSIONS = new AtomicLong();

    /** The reason of the close frame that ends a conversation from this side, as the official client sends it. */
    static final String CLOSE_REASON = "User ended conversation";

    private final LiveConversation.Settings settings;
    private final ConversationListener listener;
    private final Executor completionExecutor;
    private final long number = SESSIONS.incrementAndGet();
    private final AtomicLong dropped = new AtomicLong();
    private final EventQueue queue;
    private final ToolCalls tools;
    private final Replies replies = new Replies();
    private final CompletableFuture<ConversationSession> opened = new CompletableFuture<>();
    private final CompletableFuture<ConversationEnd> ended = new CompletableFuture<>();
    private final AtomicLong lastInterruptId = new AtomicLong(Long.MIN_VALUE);
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean endDelivered = new AtomicBoolean();
    private final ThreadPoolExecutor ownEventThread;
    private final Executor eventExecutor;
    private final ScheduledFuture<?> openTimer;

    private volatile WebSocket webSocket;
    private volatile String redactedUrl = "(not connected yet)";
    private volatile Future<?> pendingStep;
    private volatile ConversationMetadataEvent metadata;
    private volatile String firstMessage;
    private volatile ErrorEvent lastError;
    private volatile boolean closeRequested;
    private volatile Throwable localFailure;
    private volatile Throwable transportError;
    private volatile ConversationEnd end;
    private volatile Thread deliveryThread;

    LiveSession(LiveConversation.Settings settings, ConversationListener listener, Executor completionExecutor) {
        this.settings = settings;
        this.listener = listener;
        this.completionExecutor = completionExecutor;
        this.queue = new EventQueue(settings.maxPendingEvents, dropped, LOG, this::logId);
        this.tools = new ToolCalls(settings.tools, settings.answerUnknownClientTools, settings.toolExecutor,
                settings.toolTimeout, this::sendToolResult, LOG, this::logId);
        if (listener != null && settings.eventExecutor == null) {
            ownEventThread = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<Runnable>(),
                    task -> {
                        Thread thread = new Thread(task, "convai4j-conversation-events-" + number);
                        thread.setDaemon(true);
                        return thread;
                    });
            ownEventThread.allowCoreThreadTimeOut(true);
            eventExecutor = ownEventThread;
        } else {
            ownEventThread = null;
            eventExecutor = settings.eventExecutor;
        }
        openTimer = ConversationTimer.schedule(() -> failOpen(new ConvaiTimeoutException(
                ConvaiTimeoutException.Kind.DEADLINE, settings.openTimeout, "The conversation with agent "
                + settings.agentId + " did not start within " + settings.openTimeout.toMillis()
                + " ms (open timeout): " + (metadata == null ? "no conversation_initiation_metadata from the server"
                : "the server started it, but the agent sent no first message; if this agent waits for the user"
                + " to speak first, open it without expectFirstMessage(true)"), null)),
                settings.openTimeout);
        opened.whenComplete((session, failure) -> {
            openTimer.cancel(false);
            if (failure != null) {
                abandon(LiveConversation.unwrap(failure));
            }
        });
    }

    // ---- opening --------------------------------------------------------------------------------------

    CompletableFuture<ConversationSession> openedFuture() {
        return opened;
    }

    /** A step before the connection (the signed-URL request) that is cancelled if the opening fails. */
    void whileOpening(Future<?> step) {
        pendingStep = step;
        if (opened.isCompletedExceptionally()) {
            step.cancel(true);
        }
    }

    void connect(WebSocketTransport transport, URI url) {
        if (opened.isDone()) {
            return; // given up already
        }
        redactedUrl = ConversationUrls.redact(url);
        WebSocketRequest.Builder request = WebSocketRequest.builder(url)
                .headers(settings.handshakeHeaders(settings.userAgent))
                .maxMessageSize(settings.maxMessageSize);
        if (settings.connectTimeout != null) {
            request.connectTimeout(settings.connectTimeout);
        }
        LOG.debug("Conversation {}: connecting to {}", logId(), redactedUrl);
        CompletableFuture<WebSocket> connecting;
        try {
            connecting = transport.connect(request.build(), this);
        } catch (RuntimeException e) {
            failOpen(e);
            return;
        }
        pendingStep = connecting;
        connecting.whenComplete((ws, failure) -> {
            if (failure != null) {
                failOpen(connectFailure(LiveConversation.unwrap(failure)));
            }
        });
        if (opened.isCompletedExceptionally()) {
            connecting.cancel(true);
        }
    }

    /** Fails the opening (once), on the client's executor so that no user code runs on an I/O thread. */
    void failOpen(Throwable failure) {
        if (opened.isDone()) {
            return;
        }
        Throwable why = failure instanceof CancellationException
                ? new ConversationException("The opening was cancelled", failure) : failure;
        runOnCompletionExecutor(() -> opened.completeExceptionally(why));
    }

    /** The opening failed or was cancelled: close whatever exists. */
    private void abandon(Throwable why) {
        if (finished.get()) {
            return;
        }
        if (localFailure == null) {
            localFailure = why;
        }
        Future<?> step = pendingStep;
        if (step != null) {
            step.cancel(true);
        }
        WebSocket ws = webSocket;
        if (ws != null) {
            ws.abort(); // onClose follows and finishes the session
        } else {
            finish(ConversationEnd.fromClose(1006, "", null, false, why, null));
        }
    }

    private Throwable connectFailure(Throwable t) {
        String where = "the conversation WebSocket at " + redactedUrl;
        if (t instanceof WebSocketHandshakeException) {
            WebSocketHandshakeException refused = (WebSocketHandshakeException) t;
            int status = refused.statusCode();
            String hint = status == 401 || status == 403
                    ? " The agent may be private: open it with requiresAuth(true), or the signed URL has expired (they"
                            + " last 15 minutes)."
                    : status == 404 ? " Check the agent id." : "";
            String body = maskedStart(refused.body());
            return new ConversationRefusedException("The server refused " + where + " with HTTP " + status + "." + hint
                    + (body.isEmpty() ? "" : " Response: " + body), status, body, refused);
        }
        if (t instanceof ConnectTimeoutException) {
            return new ConvaiTimeoutException(ConvaiTimeoutException.Kind.CONNECT, settings.connectTimeout,
                    "Connecting to " + where + " timed out", t);
        }
        if (t instanceof ConnectException || t instanceof UnknownHostException) {
            return new ConnectionFailedException("Could not connect to " + where + ": " + t.getMessage(), t);
        }
        if (t instanceof IOException) {
            return new ConvaiIOException("Opening " + where + " failed: " + t, t);
        }
        return t;
    }

    private static String maskedStart(String text) {
        String start = text.length() > 300 ? text.substring(0, 300) + "..." : text;
        return start.replaceAll("(?i)([\\w.\\-]*(?:token|signature|secret|api[_-]?key)[\\w.\\-]*=)[^&\\s\"'<>]+",
                "$1<redacted>");
    }

    // ---- the WebSocket listener (I/O thread) -----------------------------------------------------------

    @Override
    public void onOpen(WebSocket ws) {
        webSocket = ws;
        if (opened.isCompletedExceptionally() || finished.get()) {
            ws.abort();
            return;
        }
        LOG.debug("Conversation {}: connected; sending conversation_initiation_client_data", logId());
        ws.sendText(ClientMessages.initiation(settings.initiation, LibraryVersion.get()));
    }

    @Override
    public void onText(WebSocket ws, String text) {
        try {
            handle(ConversationEvents.decode(text));
        } catch (RuntimeException e) {
            // A bug of ours must not abort the connection: log it and go on with the next message.
            LOG.error("Conversation {}: could not handle a message", logId(), e);
        }
    }

    private void handle(ConversationEvent event) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("Conversation {}: received {}", logId(),
                    event.type().isEmpty() ? "a malformed message" : event.type());
        }
        if (event instanceof PingEvent) {
            long id = ((PingEvent) event).eventId();
            WebSocket ws = webSocket;
            if (ws != null && !finished.get()) {
                ws.sendText(ClientMessages.pong(id));
            }
        } else if (event instanceof AudioEvent) {
            if (isInterrupted((AudioEvent) event)) {
                dropped.incrementAndGet();
                LOG.debug("Conversation {}: dropped audio of interrupted event {}", logId(), lastInterruptId.get());
                return;
            }
        } else if (event instanceof InterruptionEvent) {
            long id = ((InterruptionEvent) event).eventId();
            lastInterruptId.accumulateAndGet(id, Math::max);
        } else if (event instanceof AgentResponseEvent) {
            try {
                String text = ((AgentResponseEvent) event).text();
                if (settings.expectFirstMessage && firstMessage == null && metadata != null) {
                    firstMessage = text; // the greeting is no reply: sendAndAwaitReply must not take it
                    runOnCompletionExecutor(() -> opened.complete(this));
                } else {
                    replies.onAgentResponse(text);
                }
            } catch (IllegalStateException noText) {
                LOG.warn("Conversation {}: an agent_response without text: {}", logId(), noText.getMessage());
            }
        } else if (event instanceof ClientToolCallEvent) {
            tools.onCall((ClientToolCallEvent) event);
        } else if (event instanceof ConversationMetadataEvent) {
            if (metadata == null) {
                metadata = (ConversationMetadataEvent) event;
                LOG.debug("Conversation {}: started", logId());
                if (!settings.expectFirstMessage) {
                    runOnCompletionExecutor(() -> opened.complete(this));
                }
            }
        } else if (event instanceof ErrorEvent) {
            lastError = (ErrorEvent) event;
        } else if (event instanceof MalformedMessageEvent) {
            LOG.warn("Conversation {}: a message from the server could not be read ({}); it is delivered as a"
                    + " MalformedMessageEvent and the conversation goes on", logId(), ((MalformedMessageEvent) event).problem());
        }
        queue.add(event);
        if (listener != null) {
            scheduleDelivery();
        }
    }

    /** Audio of a turn at or before the last interruption: it was cut off and must not be played. */
    private boolean isInterrupted(ConversationEvent event) {
        if (!(event instanceof AudioEvent)) {
            return false;
        }
        long interrupted = lastInterruptId.get();
        if (interrupted == Long.MIN_VALUE) {
            return false;
        }
        try {
            return ((AudioEvent) event).eventId() <= interrupted;
        } catch (IllegalStateException noEventId) {
            return false; // cannot tell: deliver it
        }
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        transportError = error;
        LOG.debug("Conversation {}: the connection failed: {}", logId(), error.toString());
    }

    @Override
    public void onClose(WebSocket ws, int code, String reason) {
        finish(ConversationEnd.fromClose(code, reason, lastError, closeRequested, localFailure, transportError));
    }

    private void finish(ConversationEnd conversationEnd) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        end = conversationEnd;
        if (conversationEnd.isNormal()) {
            LOG.debug("Conversation {}: ended: {}", logId(), conversationEnd);
        } else {
            LOG.info("Conversation {}: ended: {}", logId(), conversationEnd);
        }
        openTimer.cancel(false);
        tools.close();
        replies.fail(new ConversationClosedException("The conversation ended before the agent replied", conversationEnd));
        if (!opened.isDone()) {
            failOpen(new ConversationClosedException("The conversation ended before it started", conversationEnd));
        }
        queue.finish(conversationEnd);
        if (listener != null) {
            scheduleDelivery();
        } else {
            runOnCompletionExecutor(() -> ended.complete(conversationEnd));
        }
    }

    // ---- delivery to the listener (event thread) -------------------------------------------------------

    private void scheduleDelivery() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            eventExecutor.execute(this::deliver);
        } catch (RejectedExecutionException e) {
            draining.set(false);
            LOG.error("Conversation {}: the event executor refused to run the listener; events are not delivered",
                    logId());
            ConversationEnd done = queue.endIfDrained();
            if (end != null && endDelivered.compareAndSet(false, true)) {
                completeEnded(done != null ? done : end);
            }
        }
    }

    private void deliver() {
        deliveryThread = Thread.currentThread();
        try {
            // Bounded, so that a shared executor serves others too; rescheduled below if more wait.
            for (int i = 0; i < 256; i++) {
                ConversationEvent event = queue.poll();
                if (event == null) {
                    break;
                }
                if (isInterrupted(event)) {
                    dropped.incrementAndGet();
                    continue;
                }
                try {
                    listener.onEvent(this, event);
                } catch (RuntimeException | Error e) {
                    LOG.warn("Conversation {}: the listener threw on a {} event; the session goes on", logId(),
                            event.type(), e);
                }
            }
            ConversationEnd done = queue.endIfDrained();
            if (done != null && endDelivered.compareAndSet(false, true)) {
                try {
                    listener.onEnd(this, done);
                } catch (RuntimeException | Error e) {
                    LOG.warn("Conversation {}: the listener threw in onEnd", logId(), e);
                }
                completeEnded(done);
            }
        } finally {
            deliveryThread = null;
            draining.set(false);
        }
        if (!queue.isEmpty() || queue.endIfDrained() != null && !endDelivered.get()) {
            scheduleDelivery();
        }
    }

    private void completeEnded(ConversationEnd done) {
        ended.complete(done);
        if (ownEventThread != null) {
            ownEventThread.shutdown();
        }
    }

    // ---- the application's side ------------------------------------------------------------------------

    @Override
    public String agentId() {
        return settings.agentId;
    }

    @Override
    public String conversationId() {
        ConversationMetadataEvent m = metadata;
        if (m == null) {
            throw new IllegalStateException("The conversation has not started yet: no conversation_initiation_metadata");
        }
        return m.conversationId();
    }

    @Override
    public ConversationMetadataEvent metadata() {
        ConversationMetadataEvent m = metadata;
        if (m == null) {
            throw new IllegalStateException("The conversation has not started yet: no conversation_initiation_metadata");
        }
        return m;
    }

    @Override
    public boolean isOpen() {
        WebSocket ws = webSocket;
        return !closeRequested && !finished.get() && ws != null && ws.isOpen();
    }

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
    public Optional<String> firstMessage() {
        return Optional.ofNullable(firstMessage);
    }

    @Override
    public String sendAndAwaitReply(String text, Duration timeout) {
        requireText(text, "text");
        requirePositive(timeout);
        ensureOpen();
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
        ensureOpen();
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
        if (audio == null) {
            throw new NullPointerException("audio");
        }
        if (offset < 0 || length < 0 || offset > audio.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " for " + audio.length + " bytes");
        }
        if (length == 0) {
            throw new IllegalArgumentException("An audio chunk must not be empty");
        }
        ConversationMetadataEvent m = metadata;
        String format = m == null ? "pcm_16000" : safeInputFormat(m);
        if (format.startsWith("pcm") && length % 2 != 0) {
            throw new IllegalArgumentException("The server expects " + format + ", 16-bit PCM, so a chunk has an even"
                    + " number of bytes; got " + length);
        }
        return send(ClientMessages.userAudioChunk(audio, offset, length), "user_audio_chunk");
    }

    private static String safeInputFormat(ConversationMetadataEvent m) {
        try {
            return m.userInputAudioFormat();
        } catch (IllegalStateException absent) {
            return "pcm_16000"; // the protocol's default
        }
    }

    @Override
    public ConversationEvent nextEvent(Duration timeout) {
        if (listener != null) {
            throw new IllegalStateException("This session delivers its events to its listener; nextEvent is for"
                    + " sessions opened with open() or openAsync() without a listener");
        }
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be zero or positive");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                ConversationEvent event = queue.poll(deadline - System.nanoTime());
                if (event == null) {
                    ConversationEnd done = queue.endIfDrained();
                    if (done != null) {
                        throw new ConversationClosedException("No more events", done);
                    }
                    return null;
                }
                if (isInterrupted(event)) {
                    dropped.incrementAndGet();
                    continue;
                }
                return event;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConversationException("Interrupted while waiting for an event", e);
        }
    }

    @Override
    public long droppedEvents() {
        return dropped.get();
    }

    @Override
    public CompletableFuture<ConversationEnd> ended() {
        return ended;
    }

    @Override
    public CompletableFuture<ConversationEnd> closeAsync() {
        if (!finished.get() && !closeRequested) {
            closeRequested = true;
            WebSocket ws = webSocket;
            if (ws != null) {
                LOG.debug("Conversation {}: closing", logId());
                try {
                    ws.close(1000, CLOSE_REASON).whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            ws.abort();
                        }
                    });
                } catch (RuntimeException e) {
                    ws.abort();
                }
            } else {
                abandon(new ConversationException("The session was closed before it opened", null));
            }
        }
        return ended;
    }

    @Override
    public void close() {
        CompletableFuture<ConversationEnd> done = closeAsync();
        if (Thread.currentThread() == deliveryThread) {
            return; // the end is delivered on this very thread, after this callback returns
        }
        try {
            done.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            WebSocket ws = webSocket;
            if (ws != null) {
                ws.abort();
            }
            try {
                done.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException stillNot) {
                LOG.warn("Conversation {}: did not end within {} ms of close()", logId(), CLOSE_WAIT.toMillis() + 2000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        } catch (ExecutionException e) {
            LOG.debug("Conversation {}: close failed: {}", logId(), e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- sending ---------------------------------------------------------------------------------------

    private CompletableFuture<Void> sendToolResult(String toolCallId, String result, boolean isError) {
        WebSocket ws = webSocket;
        if (ws == null || finished.get()) {
            CompletableFuture<Void> failed = new CompletableFuture<>();
            failed.completeExceptionally(new IOException("The conversation has ended"));
            return failed;
        }
        LOG.debug("Conversation {}: sending client_tool_result for {}{}", logId(), toolCallId, isError ? " (error)" : "");
        return relay(ws.sendText(ClientMessages.clientToolResult(toolCallId, result, isError)));
    }

    private CompletableFuture<Void> send(String json, String type) {
        ensureOpen();
        LOG.debug("Conversation {}: sending {}", logId(), type);
        return relay(webSocket.sendText(json));
    }

    private void ensureOpen() {
        ConversationEnd done = end;
        if (done != null) {
            throw new ConversationClosedException("Cannot send: the conversation has ended", done);
        }
        if (closeRequested) {
            throw new ConversationException("Cannot send: the session is closing (close() was called)", null);
        }
        if (webSocket == null) {
            throw new IllegalStateException("The conversation is not connected yet");
        }
    }

    /** The transport completes writes on its I/O thread; the application's future completes elsewhere. */
    private CompletableFuture<Void> relay(CompletableFuture<Void> written) {
        CompletableFuture<Void> relayed = new CompletableFuture<>();
        written.whenComplete((ok, failure) -> runOnCompletionExecutor(() -> {
            if (failure != null) {
                relayed.completeExceptionally(failure);
            } else {
                relayed.complete(null);
            }
        }));
        return relayed;
    }

    private void runOnCompletionExecutor(Runnable task) {
        try {
            completionExecutor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run(); // the client is closing: complete here rather than never
        }
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
        ConversationMetadataEvent m = metadata;
        if (m != null) {
            try {
                return m.conversationId();
            } catch (IllegalStateException noId) {
                // fall through
            }
        }
        return "#" + number + " (agent " + settings.agentId + ")";
    }

    @Override
    public String toString() {
        ConversationEnd done = end;
        return "ConversationSession[" + logId() + ", "
                + (done != null ? "ended " + done.kind() : closeRequested ? "closing" : webSocket != null ? "open" : "opening")
                + ", " + redactedUrl + "]";
    }
}
