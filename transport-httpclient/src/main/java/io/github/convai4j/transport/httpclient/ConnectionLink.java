package io.github.convai4j.transport.httpclient;

import java.io.IOException;
import java.io.InterruptedIOException;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

/**
 * The step of the async client's exec chain just before the request goes out on its connection: it hands the
 * {@link AsyncExchange} the exec runtime that holds the connection, so that aborting the exchange can close the
 * connection directly ({@link org.apache.hc.client5.http.async.AsyncExecRuntime#discardEndpoint()}).
 *
 * <p>Why not rely on cancelling HttpClient's future: in HttpClient 5.6 that future holds one abort handle, which
 * each step of the chain replaces (pool lease, connect, request on the connection), and the calling thread
 * stores the lease's handle only once {@code lease()} has returned. When the lease completes at once (a free
 * slot) or on the I/O thread (a pooled connection after its stale check), the I/O thread may connect, store
 * the request's handle and send the request before that, and the stale lease handle then overwrites the
 * request's one: cancelling the future afterwards aborts nothing, and the connection stays open (and its pool
 * slot taken) until the server closes it or completes the response. This link does not depend on that order.
 *
 * <p>An exchange that ended before it got here (cancelled while it waited for a connection) is not sent.
 * Installed only in the async client that the transport creates; it runs on the thread that proceeds with the
 * chain (with the transport's settings, an I/O thread: the one that completed the connect or, for a pooled
 * connection, its stale check).
 */
final class ConnectionLink implements AsyncExecChainHandler {
    /** The handler's name in the exec chain. */
    static final String NAME = "convai4j-connection-link";

    @Override
    public void execute(HttpRequest request, AsyncEntityProducer entityProducer, AsyncExecChain.Scope scope,
            AsyncExecChain chain, AsyncExecCallback callback) throws HttpException, IOException {
        Object attribute = scope.clientContext.getAttribute(DefaultClients.EXCHANGE);
        if (!(attribute instanceof AsyncExchange)) {
            chain.proceed(request, entityProducer, scope, callback);
            return;
        }
        AsyncExchange exchange = (AsyncExchange) attribute;
        if (!exchange.linkConnection(scope.execRuntime)) {
            callback.failed(new InterruptedIOException("The exchange " + exchange.what
                    + " ended before its request was sent"));
            return;
        }
        try {
            chain.proceed(request, entityProducer, scope, callback);
        } catch (RuntimeException e) {
            // An abort that discards the connection between the link and the send makes HttpClient throw
            // IllegalStateException ("Endpoint not acquired"). The chain step before this one (AsyncConnectExec)
            // reports only HttpException and IOException to the callback, so report it here.
            callback.failed(e);
        }
    }
}
