package io.github.convai4j.transport.httpclient;

import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.TransportOptions;
import java.time.Duration;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.StandardCookieSpec;
import org.apache.hc.core5.util.Timeout;

/** The three timeouts of one exchange, resolved from the request and the transport's defaults. */
final class Timeouts {
    final Duration connect;
    final Duration read;
    final Duration total;

    private Timeouts(Duration connect, Duration read, Duration total) {
        this.connect = connect;
        this.read = read;
        this.total = total;
    }

    static Timeouts of(HttpRequest request, TransportOptions options) {
        return new Timeouts(
                request.connectTimeout() != null ? request.connectTimeout() : options.connectTimeout(),
                request.readTimeout() != null ? request.readTimeout() : options.readTimeout(),
                request.totalTimeout() != null ? request.totalTimeout() : options.totalTimeout());
    }

    boolean hasRead() {
        return !read.isZero();
    }

    boolean hasTotal() {
        return !total.isZero();
    }

    /**
     * The per-request configuration that HttpClient runs the exchange with.
     *
     * <p>HttpClient 5.6 deprecates {@code RequestConfig#setConnectTimeout} in favour of
     * {@code ConnectionConfig}, but {@code ConnectionConfig} is chosen per route by the connection manager
     * and cannot vary per request. The deprecated setter is still honoured by both the classic and the async
     * exec runtimes of 5.6 (they pass it to the connection manager's {@code connect}, which prefers it over
     * the {@code ConnectionConfig} value), so it is the only per-request hook, and it is used here.
     *
     * <p>Everything that core owns is switched off per request as well, so a user-supplied client behaves:
     * redirects, authentication challenges, content decompression, protocol upgrade, Expect-continue and
     * cookies.
     *
     * @param base the client's own defaults to start from
     * @param async whether for the async client, whose read timeout the transport enforces itself
     */
    @SuppressWarnings("deprecation")
    RequestConfig requestConfig(RequestConfig base, boolean async) {
        return RequestConfig.copy(base)
                .setRedirectsEnabled(false)
                .setAuthenticationEnabled(false)
                .setContentCompressionEnabled(false)
                .setProtocolUpgradeEnabled(false)
                .setExpectContinueEnabled(false)
                .setHardCancellationEnabled(true)
                .setCookieSpec(StandardCookieSpec.IGNORE)
                .setConnectTimeout(orDisabled(connect))
                // The async path measures read inactivity itself (see AsyncExchange), so the reactor's socket
                // timeout, which would also count time spent waiting for a slow reader, is turned off.
                .setResponseTimeout(async ? Timeout.DISABLED : orDisabled(read))
                // Waiting for a pooled connection is bounded by the total timeout only. Timeout.INFINITE is 0 ms,
                // which the async pool reads as no limit but the classic pool's lease as "do not wait": there a
                // request that found every connection busy failed at once. So the classic client gets a bound
                // that never comes.
                .setConnectionRequestTimeout(hasTotal() ? Timeout.of(total)
                        : async ? Timeout.INFINITE : NO_LIMIT_FOR_CLASSIC_LEASE)
                .build();
    }

    private static final Timeout NO_LIMIT_FOR_CLASSIC_LEASE = Timeout.ofDays(365L * 100);

    private static Timeout orDisabled(Duration d) {
        return d.isZero() ? Timeout.DISABLED : Timeout.of(d);
    }
}
