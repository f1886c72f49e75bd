package io.github.convai4j.transport.httpclient;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

/**
 * The classic client's connections, made without HttpClient's header and wire logging.
 *
 * <p>HttpClient's own connection prints every request and response head to the logger
 * {@code org.apache.hc.client5.http.headers}, and every byte sent and received (the {@code xi-api-key}
 * header and request bodies holding secrets included) to {@code org.apache.hc.client5.http.wire}, whenever
 * those loggers are at DEBUG: a user who turns on DEBUG for {@code org.apache.hc} to see what the pool does
 * would write the API key to the log. This connection is HttpClient's own
 * ({@link DefaultManagedHttpClientConnection}, whose constructors and hooks are public API) with those two
 * hooks turned off: the head callbacks log nothing, and sockets are bound without the logging wrapper.
 * Everything else (framing, timeouts, TLS, the stale check, closing) is HttpClient's, unchanged.
 *
 * <p>The async client needs no such class: its wire logging is a session decorator that the transport's
 * own ({@link TruncatedHeads#sessionDecorator()}) replaces, and its header log prints credential headers
 * masked ({@link CredentialHeader}).
 */
final class UnloggedConnections implements HttpConnectionFactory<ManagedHttpClientConnection> {

    private static final AtomicLong COUNTER = new AtomicLong();

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        Connection connection = new Connection("convai4j-classic-" + COUNTER.getAndIncrement());
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }

    /** HttpClient's connection, minus its header and wire logging. */
    private static final class Connection extends DefaultManagedHttpClientConnection {

        Connection(String id) {
            // Null strategies and writer mean HttpClient's defaults, as in its own factory. The encoder is not:
            // without one, HttpClient writes a header character U+0080-U+009F as '?'; ISO-8859-1 writes every
            // character Headers allows (up to U+00FF) as its one byte, as the other transports do.
            super(id, null, StandardCharsets.ISO_8859_1.newEncoder(), Http1Config.DEFAULT, null, null, null, null,
                    TruncatedHeads.classicParsers());
        }

        @Override
        public void bind(Socket socket) throws IOException {
            bind(new SocketHolder(socket));
        }

        @Override
        public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
            bind(new SocketHolder(sslSocket, socket));
        }

        @Override
        protected void onRequestSubmitted(ClassicHttpRequest request) {
            // HttpClient logs the request head here, credential headers in clear.
        }

        @Override
        protected void onResponseReceived(ClassicHttpResponse response) {
            // HttpClient logs the response head here.
        }
    }
}
