package io.github.convai4j.conversation;

import io.github.convai4j.conversation.events.ErrorEvent;
import io.github.convai4j.http.WebSocket;
import io.github.convai4j.http.WebSocketListener;
import io.github.convai4j.http.WebSocketRequest;
import io.github.convai4j.http.WebSocketTransport;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The life of one session, from the connect attempt to its one end: opening (the connect, the open timeout,
 * giving up), closing from this side, and turning however it ends (the server's close, a dropped connection,
 * a local failure, the user's close) into exactly one {@link ConversationEnd}, handed once to the
 * {@link Ending}.
 *
 * <p>Thread-safe.
 */
final class SessionLifecycle {

    /** How long {@code close()} waits for the closing handshake before it aborts the connection. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    /** The code of the close frame that ends a conversation from this side. */
    static final int CLOSE_CODE = 1000;
    /** The reason of that close frame, as the official client sends it. */
    static final String CLOSE_REASON = "User ended conversation";
    private static final int ABNORMAL = 1006;

    /** Tears the session's parts down; called once, with the end. */
    interface Ending {
        void ended(ConversationEnd end);
    }

    private final Executor completionExecutor;
    private final Duration connectTimeout;
    private final Ending ending;
    private final Logger log;
    private final Supplier<String> owner;
    private final CompletableFuture<ConversationSession> opened = new CompletableFuture<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final ScheduledFuture<?> openTimer;

    private volatile WebSocket webSocket;
    private volatile Future<?> pendingStep;
    private volatile String redactedUrl = "(not connected yet)";
    private volatile boolean closeRequested;
    private volatile boolean closeFrameSent;
    private volatile ConversationEnd.Kind localKind;
    private volatile Throwable localFailure;
    private volatile Throwable transportError;
    private volatile ErrorEvent lastError;
    private volatile ConversationEnd end;

    SessionLifecycle(Duration openTimeout, Supplier<Throwable> openTimedOut, Duration connectTimeout,
            SessionTimers timers, Executor completionExecutor, Ending ending, Logger log, Supplier<String> owner) {
        this.completionExecutor = completionExecutor;
        this.connectTimeout = connectTimeout;
        this.ending = ending;
        this.log = log;
        this.owner = owner;
        this.openTimer = timers.schedule(() -> failOpen(openTimedOut.get()), openTimeout);
        opened.whenComplete((session, failure) -> {
            SessionTimers.cancel(openTimer);
            if (failure != null) {
                abandon(LiveConversation.unwrap(failure));
            }
        });
    }

    // ---- opening ----

    CompletableFuture<ConversationSession> opened() {
        return opened;
    }

    /** A step before the connection (the signed-URL request) that is cancelled if the opening fails. */
    void whileOpening(Future<?> step) {
        pendingStep = step;
        if (opened.isCompletedExceptionally()) {
            step.cancel(true);
        }
    }

    void connect(WebSocketTransport transport, WebSocketRequest request, WebSocketListener listener) {
        if (opened.isDone()) {
            return; // given up already
        }
        redactedUrl = ConversationUrls.redact(request.uri());
        log.debug("Conversation {}: connecting to {}", owner.get(), redactedUrl);
        CompletableFuture<WebSocket> connecting;
        try {
            connecting = transport.connect(request, listener);
        } catch (RuntimeException e) {
            failOpen(e);
            return;
        }
        pendingStep = connecting;
        connecting.whenComplete((ws, failure) -> {
            if (failure != null) {
                failOpen(ConnectFailures.map(LiveConversation.unwrap(failure), redactedUrl, connectTimeout));
            }
        });
        if (opened.isCompletedExceptionally()) {
            connecting.cancel(true);
        }
    }

    /** The server started the conversation (and, if expected, sent its first message). */
    void completeOpen(ConversationSession session) {
        Completions.run(completionExecutor, () -> opened.complete(session));
    }

    /** Fails the opening (once), on the client's executor so that no user code runs on an I/O thread. */
    void failOpen(Throwable failure) {
        if (opened.isDone()) {
            return;
        }
        Throwable why = failure instanceof CancellationException
                ? new ConversationException("The opening was cancelled", failure) : failure;
        Completions.run(completionExecutor, () -> opened.completeExceptionally(why));
    }

    /** The opening failed or was cancelled: close whatever exists. */
    private void abandon(Throwable why) {
        if (closeRequested) {
            endLocally(null, null); // the user closed before it opened
        } else {
            endLocally(ConversationEnd.Kind.CLIENT_FAILURE, why);
        }
    }

    // ---- the connection ----

    /**
     * The WebSocket opened (I/O thread).
     *
     * @return {@code false} if the session was given up meanwhile: the connection is aborted
     */
    boolean attach(WebSocket ws) {
        webSocket = ws;
        if (opened.isCompletedExceptionally() || finished.get() || closeRequested) {
            ws.abort();
            return false;
        }
        return true;
    }

    void serverError(ErrorEvent error) {
        lastError = error;
    }

    void transportFailed(Throwable error) {
        transportError = error;
        log.debug("Conversation {}: the connection failed: {}", owner.get(), error.toString());
    }

    /** The transport reports the connection closed (I/O thread). */
    void closed(int code, String reason) {
        boolean ours = closeFrameSent && localKind == null;
        finish(ConversationEnd.fromClose(ours ? CLOSE_CODE : code, ours ? CLOSE_REASON : reason, lastError,
                closeRequested, localKind, localFailure, transportError));
    }

    /**
     * Ends the session from this side without a closing handshake: records why (the first reason wins) and
     * aborts the connection, whose close then ends the session; without a connection, ends it at once.
     *
     * @param kind why, or {@code null} for the user's close
     * @param why the failure, or {@code null}
     */
    void endLocally(ConversationEnd.Kind kind, Throwable why) {
        if (finished.get()) {
            return;
        }
        synchronized (this) {
            if (localKind == null && kind != null) {
                localKind = kind;
                localFailure = why;
            }
        }
        Future<?> step = pendingStep;
        if (step != null) {
            step.cancel(true);
        }
        WebSocket ws = webSocket;
        if (ws != null) {
            ws.abort(); // onClose follows and finishes the session
        } else {
            finish(ConversationEnd.fromClose(ABNORMAL, "", null, closeRequested, localKind, localFailure, null));
        }
    }

    private void finish(ConversationEnd conversationEnd) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        end = conversationEnd;
        if (conversationEnd.isNormal()) {
            log.debug("Conversation {}: ended: {}", owner.get(), conversationEnd);
        } else {
            log.info("Conversation {}: ended: {}", owner.get(), conversationEnd);
        }
        SessionTimers.cancel(openTimer);
        if (!opened.isDone()) {
            failOpen(new ConversationClosedException("The conversation ended before it started", conversationEnd));
        }
        ending.ended(conversationEnd);
    }

    // ---- closing from this side ----

    /** Starts the closing handshake (close code 1000), once. */
    void closeAsync() {
        if (finished.get() || closeRequested) {
            return;
        }
        closeRequested = true;
        WebSocket ws = webSocket;
        if (ws == null) {
            failOpen(new ConversationException("The session was closed before it opened", null));
            return;
        }
        log.debug("Conversation {}: closing", owner.get());
        closeFrameSent = true;
        try {
            ws.close(CLOSE_CODE, CLOSE_REASON).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    ws.abort();
                }
            });
        } catch (RuntimeException e) {
            ws.abort();
        }
    }

    /** Closes and waits up to {@link #CLOSE_WAIT} (then aborts, and waits 2 s more) for {@code ended}. */
    void close(CompletableFuture<ConversationEnd> ended, boolean onDeliveryThread) {
        closeAsync();
        if (onDeliveryThread) {
            return; // the end is delivered on this very thread, after this callback returns
        }
        try {
            ended.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            WebSocket ws = webSocket;
            if (ws != null) {
                ws.abort();
            }
            try {
                ended.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException stillNot) {
                log.warn("Conversation {}: did not end within {} ms of close()", owner.get(),
                        CLOSE_WAIT.toMillis() + 2000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        } catch (ExecutionException e) {
            log.debug("Conversation {}: close failed: {}", owner.get(), e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- state ----

    /** Throws unless messages may be sent: connected, not closing, not ended. */
    void ensureCanSend() {
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

    boolean isOpen() {
        WebSocket ws = webSocket;
        return !closeRequested && !finished.get() && ws != null && ws.isOpen();
    }

    boolean hasEnded() {
        return finished.get();
    }

    String redactedUrl() {
        return redactedUrl;
    }

    /** For {@code toString}: opening, open, closing or ended. */
    String state() {
        ConversationEnd done = end;
        return done != null ? "ended " + done.reason() + " " + done.kind() : closeRequested ? "closing"
                : webSocket != null ? "open" : "opening";
    }
}
