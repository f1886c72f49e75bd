package io.github.convai4j.services;

import io.github.convai4j.core.ClientContext;

import java.util.Objects;

/**
 * The API's operation groups, async flavour: every method returns a {@code CompletableFuture}.
 * {@code ConvaiAsyncClient} extends it.
 *
 * <p><b>Placeholder until the generator emits it.</b> The generator replaces this file with one that has
 * an accessor per API group, each returning an async service built from {@link #clientContext()}.
 */
public abstract class ConvaiAsyncServices {

    private final ClientContext context;

    /**
     * Creates the group accessors over a runtime context.
     *
     * @param context the runtime the services call
     */
    protected ConvaiAsyncServices(ClientContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * Returns the runtime the services call.
     *
     * @return the context
     */
    protected final ClientContext clientContext() {
        return context;
    }
}
