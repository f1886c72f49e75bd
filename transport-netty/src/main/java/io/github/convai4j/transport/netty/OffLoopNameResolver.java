package io.github.convai4j.transport.netty;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Resolves host names with the JDK's resolver ({@link InetAddress#getAllByName}, which honours
 * {@code /etc/hosts}, the OS resolver and the JVM's DNS cache) on the transport's blocking-work threads,
 * never on an event loop: a slow DNS server must not stall every connection sharing that loop. This keeps
 * the module free of {@code netty-resolver-dns}.
 */
final class OffLoopNameResolver extends InetNameResolver {
    private final Executor blocking;

    OffLoopNameResolver(EventExecutor executor, Executor blocking) {
        super(executor);
        this.blocking = blocking;
    }

    @Override
    protected void doResolve(String inetHost, Promise<InetAddress> promise) {
        run(promise, () -> promise.trySuccess(InetAddress.getByName(inetHost)));
    }

    @Override
    protected void doResolveAll(String inetHost, Promise<List<InetAddress>> promise) {
        run(promise, () -> promise.trySuccess(Arrays.asList(InetAddress.getAllByName(inetHost))));
    }

    private void run(Promise<?> promise, Lookup lookup) {
        try {
            blocking.execute(() -> {
                try {
                    lookup.run();
                } catch (Exception e) {
                    promise.tryFailure(e);
                }
            });
        } catch (RejectedExecutionException e) {
            promise.tryFailure(e);
        }
    }

    @FunctionalInterface
    private interface Lookup {
        void run() throws Exception;
    }

    /** A resolver group whose resolvers look names up on {@code blocking}. */
    static final class Group extends AddressResolverGroup<InetSocketAddress> {
        private final Executor blocking;

        Group(Executor blocking) {
            this.blocking = blocking;
        }

        @Override
        protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
            return new InetSocketAddressResolver(executor, new OffLoopNameResolver(executor, blocking));
        }
    }
}
