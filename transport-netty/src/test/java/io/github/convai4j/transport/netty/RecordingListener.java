package io.github.convai4j.transport.netty;

import io.github.convai4j.http.WebSocket;
import io.github.convai4j.http.WebSocketListener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener that records everything: messages, the order of the calls, the threads they ran on, and calls
 * that overlapped (there must be none).
 */
final class RecordingListener implements WebSocketListener {

    /** What {@code onClose} reported. */
    record Closed(int code, String reason) {
    }

    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final CompletableFuture<Throwable> error = new CompletableFuture<>();
    final CompletableFuture<Closed> closed = new CompletableFuture<>();
    final AtomicInteger closeCalls = new AtomicInteger();
    final AtomicInteger errorCalls = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicBoolean inCall = new AtomicBoolean();
    volatile RuntimeException throwOnText;
    /** Called from onText, on the event loop, e.g. to send a reply from there. */
    volatile java.util.function.BiConsumer<WebSocket, String> onTextAction;

    @Override
    public void onOpen(WebSocket webSocket) {
        enter("open");
        exit();
    }

    @Override
    public void onText(WebSocket webSocket, String text) {
        enter("text");
        try {
            texts.add(text);
            java.util.function.BiConsumer<WebSocket, String> action = onTextAction;
            if (action != null) {
                action.accept(webSocket, text);
            }
            RuntimeException toThrow = throwOnText;
            if (toThrow != null) {
                throw toThrow;
            }
        } finally {
            exit();
        }
    }

    @Override
    public void onClose(WebSocket webSocket, int code, String reason) {
        enter("close");
        closeCalls.incrementAndGet();
        closed.complete(new Closed(code, reason));
        exit();
    }

    @Override
    public void onError(WebSocket webSocket, Throwable e) {
        enter("error");
        errorCalls.incrementAndGet();
        error.complete(e);
        exit();
    }

    Closed awaitClosed() throws Exception {
        return closed.get(20, TimeUnit.SECONDS);
    }

    String nextText() throws InterruptedException {
        return texts.poll(20, TimeUnit.SECONDS);
    }

    /** The events with consecutive "text" entries collapsed, e.g. [open, text, error, close]. */
    List<String> eventOutline() {
        List<String> outline = new ArrayList<>();
        synchronized (events) {
            for (String e : events) {
                if (outline.isEmpty() || !outline.get(outline.size() - 1).equals(e) || !e.equals("text")) {
                    outline.add(e);
                }
            }
        }
        return outline;
    }

    private void enter(String event) {
        if (!inCall.compareAndSet(false, true)) {
            overlaps.incrementAndGet();
        }
        events.add(event);
        threads.add(Thread.currentThread().getName());
    }

    private void exit() {
        inCall.set(false);
    }
}
