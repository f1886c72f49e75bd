package io.github.convai4j.conversation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Pairs the agent's {@code agent_response}s with the calls waiting for them ({@code sendAndAwaitReply},
 * {@code awaitAgentResponse}), oldest waiter first. Responses nobody waits for are kept (the last
 * {@value #MAX_UNCLAIMED}) for {@code awaitAgentResponse}; {@code sendAndAwaitReply} discards them, since
 * they answer something said before. Thread-safe; futures complete on the caller of
 * {@link #onAgentResponse}, where the waiting threads only wake up.
 */
final class Replies {

    static final int MAX_UNCLAIMED = 64;

    private final ArrayDeque<CompletableFuture<String>> waiters = new ArrayDeque<>();
    private final ArrayDeque<String> unclaimed = new ArrayDeque<>();
    private Throwable failure;

    /** A waiter for the next response to arrive from now on. */
    synchronized CompletableFuture<String> expectReply() {
        unclaimed.clear();
        return register();
    }

    /** The oldest unclaimed response, or a waiter for the next one. */
    synchronized CompletableFuture<String> nextResponse() {
        String text = unclaimed.pollFirst();
        return text != null ? CompletableFuture.completedFuture(text) : register();
    }

    private CompletableFuture<String> register() {
        CompletableFuture<String> waiter = new CompletableFuture<>();
        if (failure != null) {
            waiter.completeExceptionally(failure);
        } else {
            waiters.addLast(waiter);
        }
        return waiter;
    }

    void onAgentResponse(String text) {
        CompletableFuture<String> waiter;
        synchronized (this) {
            waiter = waiters.pollFirst();
            if (waiter == null) {
                unclaimed.addLast(text);
                if (unclaimed.size() > MAX_UNCLAIMED) {
                    unclaimed.pollFirst();
                }
            }
        }
        if (waiter != null) {
            waiter.complete(text);
        }
    }

    /** A waiter that gave up; a response it would have taken goes to the next waiter or stays unclaimed. */
    synchronized void remove(CompletableFuture<String> waiter) {
        waiters.remove(waiter);
    }

    /** No response will come any more: every waiter, present and future, fails with {@code why}. */
    void fail(Throwable why) {
        List<CompletableFuture<String>> failed;
        synchronized (this) {
            if (failure == null) {
                failure = why;
            }
            failed = new ArrayList<>(waiters);
            waiters.clear();
        }
        for (CompletableFuture<String> waiter : failed) {
            waiter.completeExceptionally(why);
        }
    }
}
