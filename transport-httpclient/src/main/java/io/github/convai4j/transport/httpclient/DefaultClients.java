package io.github.convai4j.transport.httpclient;

import io.github.convai4j.http.TransportOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.nio.AsyncClientConnectionManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.config.CharCodingConfig;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/** Builds the HttpClient instances that a transport creates (and then owns) itself. */
final class DefaultClients {
    /** Context attribute: the SPI request had no User-Agent, so the async client's default one is removed. */
    static final String NO_USER_AGENT = "io.github.convai4j.no-user-agent";
    /** Context attribute: the {@link AsyncExchange} of the request. */
    static final String EXCHANGE = "io.github.convai4j.exchange";
    /**
     * A pooled connection is checked before every reuse: a server may close an idle connection at any time
     * (its keep-alive timeout), and a request sent on it would fail. The classic client's check is a read
     * with a 1 ms timeout; the async client's is a look at the connection's state.
     */
    static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ZERO_MILLISECONDS;

    private DefaultClients() {
    }

    static int maxTotal(TransportOptions options) {
        long total = 4L * options.maxConnectionsPerHost();
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    static int ioThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    static RequestConfig baseRequestConfig(TransportOptions options) {
        return RequestConfig.custom()
                // A connection may be reused until it has been idle this long (or less if the server says so).
                .setConnectionKeepAlive(TimeValue.of(options.idleTimeout().toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS))
                .build();
    }

    /**
     * The classic client's pool, with connections opened by {@link SocketOperator} (not HttpClient's default
     * operator, which cannot initialize on Android) and made by {@link UnloggedConnections}. Otherwise as
     * HttpClient's pool builder makes it: strict per-route limits, last-in-first-out reuse, no time to live.
     */
    static PoolingHttpClientConnectionManager classicPool(TransportOptions options, SSLContext sslContext) {
        DefaultClientTlsStrategy tls = sslContext != null ? new DefaultClientTlsStrategy(sslContext)
                : DefaultClientTlsStrategy.createDefault();
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager(new SocketOperator(tls),
                PoolConcurrencyPolicy.STRICT, PoolReusePolicy.LIFO, TimeValue.NEG_ONE_MILLISECOND,
                new UnloggedConnections());
        pool.setDefaultMaxPerRoute(options.maxConnectionsPerHost());
        pool.setMaxTotal(maxTotal(options));
        pool.setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(orDisabled(options.connectTimeout()))
                .setSocketTimeout(orDisabled(options.readTimeout()))
                .setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
                .build());
        return pool;
    }

    static CloseableHttpClient classicClient(PoolingHttpClientConnectionManager pool, TransportOptions options) {
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(baseRequestConfig(options))
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .disableDefaultUserAgent();
        if (options.idleTimeout().isZero()) {
            builder.setConnectionReuseStrategy((request, response, context) -> false);
        }
        return builder.build();
    }

    static PoolingAsyncClientConnectionManager asyncPool(TransportOptions options, SSLContext sslContext) {
        PoolingAsyncClientConnectionManagerBuilder builder = PoolingAsyncClientConnectionManagerBuilder.create();
        if (sslContext != null) {
            builder.setTlsStrategy(new DefaultClientTlsStrategy(sslContext));
        }
        return builder
                .setMaxConnPerRoute(options.maxConnectionsPerHost())
                .setMaxConnTotal(maxTotal(options))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(orDisabled(options.connectTimeout()))
                        // Read inactivity is measured by AsyncExchange, not by the reactor.
                        .setSocketTimeout(Timeout.DISABLED)
                        .setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
                        .build())
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                .build();
    }

    /**
     * The async client, on {@code connections} (the transport's {@link #asyncPool}; a test may wrap it), with
     * its I/O threads from {@code ioThreads}. It closes {@code connections} when it is closed.
     */
    static CloseableHttpAsyncClient asyncClient(AsyncClientConnectionManager connections, TransportOptions options,
            NamedThreadFactory ioThreads) {
        // Runs on the I/O thread as the request goes out on a connection (after the pool lease and connect).
        HttpRequestInterceptor onSend = (request, entity, context) -> {
            if (context == null) {
                return;
            }
            if (context.getAttribute(NO_USER_AGENT) != null) {
                request.removeHeaders(HttpHeaders.USER_AGENT);
            }
            Object exchange = context.getAttribute(EXCHANGE);
            if (exchange instanceof AsyncExchange) {
                ((AsyncExchange) exchange).requestStarted();
            }
        };
        HttpAsyncClientBuilder builder = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(ioThreads())
                        .setSoTimeout(Timeout.DISABLED)
                        .build())
                .setThreadFactory(ioThreads)
                // Replaces HttpClient's default decorator, which logs every byte to ...http.wire (the key too).
                .setIoSessionDecorator(TruncatedHeads.sessionDecorator())
                .setDefaultRequestConfig(baseRequestConfig(options))
                // Header values as ISO-8859-1 bytes, like the classic connections (see UnloggedConnections).
                .setCharCodingConfig(CharCodingConfig.custom().setCharset(StandardCharsets.ISO_8859_1).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .addRequestInterceptorLast(onSend)
                // Gives each exchange a handle on its connection, so that an abort always closes it.
                .addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), ConnectionLink.NAME,
                        new ConnectionLink());
        if (options.idleTimeout().isZero()) {
            builder.setConnectionReuseStrategy((request, response, context) -> false);
        }
        return builder.build();
    }

    private static Timeout orDisabled(Duration d) {
        return d.isZero() ? Timeout.DISABLED : Timeout.of(d);
    }
}
