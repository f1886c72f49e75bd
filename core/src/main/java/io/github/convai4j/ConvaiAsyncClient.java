package io.github.convai4j;

import io.github.convai4j.conversation.LiveConversation;
import io.github.convai4j.internal.ClientContext;
import io.github.convai4j.services.ConvaiAsyncServices;

import java.util.function.Consumer;

/**
 * The same API as {@link ConvaiClient}, every operation returning a {@link java.util.concurrent.CompletableFuture}.
 * Get it with {@link ConvaiClient#async()}; it shares that client's transport, options and threads.
 *
 * <p><b>Threads:</b> no thread waits on the network or between retries. The transport completes each
 * exchange on its own I/O thread; the response is read and decoded on the client's executor (see
 * {@link ClientOptions.Builder#executor}), where the futures also complete, so stages you chain with
 * non-{@code Async} methods run there too: keep them short or pass your own executor. Cancelling a
 * future aborts its exchange, or its pending retry.
 *
 * <p>Thread-safe.
 */
public final class ConvaiAsyncClient extends ConvaiAsyncServices implements AutoCloseable {

    private final ConvaiClient sync;

    ConvaiAsyncClient(ConvaiClient sync) {
        super(sync.context());
        this.sync = sync;
    }

    /**
     * Returns the blocking flavour of this client.
     *
     * @return the sync client
     */
    public ConvaiClient sync() {
        return sync;
    }

    /**
     * Returns an async client that differs in the settings {@code change} makes; see
     * {@link ConvaiClient#withOptions}.
     *
     * @param change changes a copy of this client's options
     * @return the derived client
     */
    public ConvaiAsyncClient withOptions(Consumer<ClientOptions.Builder> change) {
        return sync.withOptions(change).async();
    }

    /**
     * Sets up a live conversation with an agent; the same as {@link ConvaiClient#liveConversation(String)}.
     * Open it without blocking with {@link LiveConversation#openAsync()} or
     * {@link LiveConversation#openAsync(io.github.convai4j.conversation.ConversationListener)}.
     *
     * @param agentId the agent's id
     * @return the set-up
     * @throws IllegalArgumentException if the agent id is empty
     */
    public LiveConversation liveConversation(String agentId) {
        return sync.liveConversation(agentId);
    }

    /**
     * Returns the client options.
     *
     * @return the options
     */
    public ClientOptions options() {
        return sync.options();
    }

    /**
     * Returns the runtime the generated services call.
     *
     * @return the context
     */
    public ClientContext context() {
        return sync.context();
    }

    /** Closes the client this one belongs to: the same as {@link ConvaiClient#close()}. */
    @Override
    public void close() {
        sync.close();
    }

    @Override
    public String toString() {
        return "ConvaiAsyncClient[" + sync.options() + "]";
    }
}
