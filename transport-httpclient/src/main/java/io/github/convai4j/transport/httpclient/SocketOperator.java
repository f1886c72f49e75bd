package io.github.convai4j.transport.httpclient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ConnectExceptionSupport;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Opens the classic client's connections in place of HttpClient's {@code DefaultHttpClientConnectionOperator},
 * whose static initializer reads {@code jdk.net.Sockets} and {@code jdk.net.ExtendedSocketOptions}: Android has
 * no {@code jdk.net}, so that class fails to initialize there and the first request with it. This one does the
 * same steps with standard socket options only: resolve the host, connect to each address in turn within the
 * connect timeout (the socket bound to the connection first, so that an abort closes it mid-connect), then the
 * TLS handshake through the {@link TlsSocketStrategy}, within the connect timeout too. It sets no TCP keep-alive
 * idle, interval or count (those need {@code jdk.net}); the transport never asks for them. No SOCKS proxy and no
 * Unix domain socket: the transport configures neither.
 */
final class SocketOperator implements HttpClientConnectionOperator {
    private final TlsSocketStrategy tls;

    SocketOperator(TlsSocketStrategy tls) {
        this.tls = tls;
    }

    @Override
    public void connect(ManagedHttpClientConnection conn, HttpHost host, InetSocketAddress localAddress,
            TimeValue connectTimeout, SocketConfig socketConfig, HttpContext context) throws IOException {
        connect(conn, host, host, null, localAddress, Timeout.of(connectTimeout.getDuration(), connectTimeout.getTimeUnit()),
                socketConfig, null, context);
    }

    @Override
    public void connect(ManagedHttpClientConnection conn, HttpHost host, NamedEndpoint endpoint,
            InetSocketAddress localAddress, Timeout connectTimeout, SocketConfig socketConfig, Object attachment,
            HttpContext context) throws IOException {
        connect(conn, host, endpoint, null, localAddress, connectTimeout, socketConfig, attachment, context);
    }

    @Override
    public void connect(ManagedHttpClientConnection conn, HttpHost host, NamedEndpoint endpoint, Path unixDomainSocket,
            InetSocketAddress localAddress, Timeout connectTimeout, SocketConfig socketConfig, Object attachment,
            HttpContext context) throws IOException {
        if (unixDomainSocket != null || socketConfig.getSocksProxyAddress() != null) {
            throw new UnsupportedOperationException("The convai4j HttpClient 5 transport connects over TCP only,"
                    + " without a SOCKS proxy or a Unix domain socket");
        }
        int port = DefaultSchemePortResolver.INSTANCE.resolve(host.getSchemeName(), host);
        InetAddress[] addresses = host.getAddress() != null ? new InetAddress[] {host.getAddress()}
                : SystemDefaultDnsResolver.INSTANCE.resolve(host.getHostName());
        int timeoutMillis = connectTimeout == null ? 0 : connectTimeout.toMillisecondsIntBound();
        for (int i = 0; i < addresses.length; i++) {
            Socket socket = new Socket();
            try {
                configure(socket, socketConfig);
                if (localAddress != null) {
                    socket.bind(localAddress);
                }
                conn.bind(socket);
                socket.connect(new InetSocketAddress(addresses[i], port), timeoutMillis);
                conn.bind(socket);
                if ("https".equalsIgnoreCase(host.getSchemeName())) {
                    handshake(conn, socket, endpoint != null ? endpoint : host, port, timeoutMillis, attachment, context);
                }
                return;
            } catch (IOException e) {
                closeQuietly(socket);
                if (i == addresses.length - 1) {
                    throw ConnectExceptionSupport.enhance(e, host, addresses);
                }
            } catch (RuntimeException e) {
                closeQuietly(socket);
                throw e;
            }
        }
    }

    @Override
    public void upgrade(ManagedHttpClientConnection conn, HttpHost host, HttpContext context) throws IOException {
        upgrade(conn, host, host, null, context);
    }

    @Override
    public void upgrade(ManagedHttpClientConnection conn, HttpHost host, NamedEndpoint endpoint, Object attachment,
            HttpContext context) throws IOException {
        Socket socket = conn.getSocket();
        if (socket == null) {
            throw new IOException("The connection to " + host + " is not open");
        }
        int port = DefaultSchemePortResolver.INSTANCE.resolve(host.getSchemeName(), host);
        handshake(conn, socket, endpoint != null ? endpoint : host, port, socket.getSoTimeout(), attachment, context);
    }

    /** TLS within {@code timeoutMillis}, then the socket's own read timeout again. */
    private void handshake(ManagedHttpClientConnection conn, Socket socket, NamedEndpoint endpoint, int port,
            int timeoutMillis, Object attachment, HttpContext context) throws IOException {
        int readTimeout = socket.getSoTimeout();
        socket.setSoTimeout(timeoutMillis);
        SSLSocket secure = tls.upgrade(socket, endpoint.getHostName(), port, attachment, context);
        secure.setSoTimeout(readTimeout);
        conn.bind(secure, socket);
    }

    private static void configure(Socket socket, SocketConfig config) throws IOException {
        socket.setSoTimeout(config.getSoTimeout().toMillisecondsIntBound());
        socket.setReuseAddress(config.isSoReuseAddress());
        socket.setTcpNoDelay(config.isTcpNoDelay());
        socket.setKeepAlive(config.isSoKeepAlive());
        if (config.getRcvBufSize() > 0) {
            socket.setReceiveBufferSize(config.getRcvBufSize());
        }
        if (config.getSndBufSize() > 0) {
            socket.setSendBufferSize(config.getSndBufSize());
        }
        TimeValue linger = config.getSoLinger();
        if (linger != null && linger.toMilliseconds() >= 0) {
            socket.setSoLinger(true, linger.toSecondsIntBound());
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the connect failed; the socket is being discarded
        }
    }
}
