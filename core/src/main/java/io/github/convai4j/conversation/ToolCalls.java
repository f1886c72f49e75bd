package io.github.convai4j.conversation;

import io.github.convai4j.conversation.events.ClientToolCallEvent;
import io.github.convai4j.json.JsonValue;
import org.slf4j.Logger;

import java.util.NoSuchElementException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs a session's client tools and makes sure every {@code client_tool_call} gets exactly one
 * {@code client_tool_result}: the handler's result, or {@code is_error: true} for an unknown tool, a handler
 * that threw, or one that ran past the timeout. Whoever answers a call first (handler, timeout, the
 * application by hand) wins; later answers are dropped, or refused if the application sends them.
 *
 * <p>Thread-safe. Calls arrive on the I/O thread; handlers run on the tool executor.
 */
final class ToolCalls {

    /** Threads of the default tool executor, per session. */
    static final int DEFAULT_TOOL_THREADS = 8;

    interface ResultSender {
        CompletableFuture<Void> send(String toolCallId, String result, boolean isError);
    }

    private final Map<String, ClientToolHandler> handlers;
    private final boolean answerUnknown;
    private final Executor configuredExecutor;
    private final Duration timeout;
    private final SessionTimers timers;
    private final ResultSender sender;
    private final Logger log;
    private final Supplier<String> owner;
    private final ConcurrentHashMap<String, Call> calls = new ConcurrentHashMap<>();
    private ThreadPoolExecutor ownExecutor;
    private volatile boolean closed;

    ToolCalls(Map<String, ClientToolHandler> handlers, boolean answerUnknown, Executor executor, Duration timeout,
            SessionTimers timers, ResultSender sender, Logger log, Supplier<String> owner) {
        this.handlers = handlers;
        this.answerUnknown = answerUnknown;
        this.configuredExecutor = executor;
        this.timeout = timeout;
        this.timers = timers;
        this.sender = sender;
        this.log = log;
        this.owner = owner;
    }

    /** One call and whether it has been answered. */
    private final class Call {
        final String id;
        final AtomicBoolean answered = new AtomicBoolean();
        volatile FutureTask<Void> task;
        volatile ScheduledFuture<?> timer;

        Call(String id) {
            this.id = id;
        }

        /** Takes the right to answer; {@code false} if someone already has. */
        boolean claim() {
            if (!answered.compareAndSet(false, true)) {
                return false;
            }
            SessionTimers.cancel(timer);
            return true;
        }

        boolean answer(String result, boolean isError) {
            if (!claim()) {
                return false;
            }
            sender.send(id, result, isError).whenComplete((ok, failure) -> {
                if (failure != null) {
                    log.debug("Conversation {}: the client_tool_result for {} could not be sent: {}", owner.get(), id,
                            failure.toString());
                }
            });
            return true;
        }
    }

    /** A {@code client_tool_call} arrived (on the I/O thread): answer it, or start its handler. */
    void onCall(ClientToolCallEvent event) {
        String id = event.toolCallId(); // the decoder guarantees it
        Call call = new Call(id);
        if (calls.putIfAbsent(id, call) != null) {
            log.warn("Conversation {}: the server sent client_tool_call {} again; it was answered once and the"
                    + " repeat is ignored", owner.get(), id);
            return;
        }
        if (closed) {
            call.claim();
            return;
        }
        String name;
        try {
            name = event.toolName();
        } catch (NoSuchElementException e) {
            call.answer("The client_tool_call has no tool_name, so no client tool can run", true);
            return;
        }
        ClientToolHandler handler = handlers.get(name);
        if (handler == null) {
            if (answerUnknown) {
                log.warn("Conversation {}: the agent called client tool '{}', which this client does not have;"
                        + " answered with an error", owner.get(), name);
                call.answer(notDefined(name), true);
            } else {
                log.debug("Conversation {}: client tool call {} for '{}' is left to the application", owner.get(), id,
                        name);
            }
            return;
        }
        FutureTask<Void> task = new FutureTask<>(() -> run(call, name, handler, event), null);
        call.task = task;
        if (!timeout.isZero()) {
            call.timer = timers.schedule(() -> {
                if (call.answer(ClientToolHandler.FAILED_RESULT, true)) {
                    log.warn("Conversation {}: client tool '{}' ran past its timeout of {} ms; answered with an error"
                            + " and interrupted", owner.get(), name, timeout.toMillis());
                    task.cancel(true);
                }
            }, timeout);
        }
        try {
            executor().execute(task);
        } catch (RejectedExecutionException e) {
            call.answer(ClientToolHandler.FAILED_RESULT, true);
            log.warn("Conversation {}: the tool executor refused client tool '{}'", owner.get(), name);
        }
    }

    private void run(Call call, String name, ClientToolHandler handler, ClientToolCallEvent event) {
        if (call.answered.get()) {
            return;
        }
        String result;
        try {
            result = resultText(handler.call(event));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.answer(ClientToolHandler.FAILED_RESULT, true);
            log.warn("Conversation {}: client tool '{}' was interrupted; answered with an error", owner.get(), name);
            return;
        } catch (ClientToolException e) {
            if (call.answer("Client tool execution failed: " + e.getMessage(), true)) {
                log.info("Conversation {}: client tool '{}' failed: {}", owner.get(), name, e.getMessage(), e.getCause());
            }
            return;
        } catch (Throwable e) { // whatever happens, the call gets its one answer; the detail stays in the log
            if (call.answer(ClientToolHandler.FAILED_RESULT, true)) {
                log.warn("Conversation {}: client tool '{}' failed; the agent was told only that it failed", owner.get(),
                        name, e);
            }
            return;
        }
        if (call.answer(result, false)) {
            log.debug("Conversation {}: client tool '{}' answered call {}", owner.get(), name, call.id);
        } else {
            log.debug("Conversation {}: client tool '{}' finished after call {} was already answered; its result is"
                    + " dropped", owner.get(), name, call.id);
        }
    }

    /** An answer from the application; exactly one answer per call. */
    CompletableFuture<Void> answerByHand(String toolCallId, String result, boolean isError) {
        Call call = calls.computeIfAbsent(toolCallId, Call::new);
        if (!call.claim()) {
            throw new IllegalStateException("Client tool call " + toolCallId + " has already been answered; every"
                    + " call gets exactly one client_tool_result");
        }
        FutureTask<Void> task = call.task;
        if (task != null) {
            task.cancel(true);
        }
        return sender.send(toolCallId, result, isError);
    }

    /** The session has ended: nothing more is answered; running handlers are interrupted. */
    void close() {
        closed = true;
        for (Call call : new ArrayList<>(calls.values())) {
            if (call.claim()) {
                FutureTask<Void> task = call.task;
                if (task != null) {
                    task.cancel(true);
                }
            }
        }
        synchronized (this) {
            if (ownExecutor != null) {
                ownExecutor.shutdownNow();
            }
        }
    }

    private synchronized Executor executor() {
        if (configuredExecutor != null) {
            return configuredExecutor;
        }
        if (ownExecutor == null) {
            AtomicInteger count = new AtomicInteger();
            ownExecutor = new ThreadPoolExecutor(DEFAULT_TOOL_THREADS, DEFAULT_TOOL_THREADS, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<Runnable>(), task -> {
                        Thread thread = new Thread(task, "convai4j-conversation-tool-" + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            ownExecutor.allowCoreThreadTimeOut(true);
        }
        return ownExecutor;
    }

    /** The result sent for a call of a tool this client does not have, as the official client words it. */
    static String notDefined(String toolName) {
        return "Client tool with name " + toolName + " is not defined on client";
    }

    /** The result string a handler's return value becomes. */
    static String resultText(Object result) {
        if (result == null) {
            return ClientToolHandler.DEFAULT_RESULT;
        }
        if (result instanceof String) {
            return (String) result;
        }
        if (result instanceof JsonValue) {
            return ((JsonValue) result).toJson();
        }
        if (result instanceof Map || result instanceof Iterable || result instanceof Number
                || result instanceof Boolean || result instanceof Object[]) {
            try {
                return JsonValue.from(result).toJson();
            } catch (IllegalArgumentException notJson) {
                return result.toString();
            }
        }
        return Objects.toString(result);
    }
}
