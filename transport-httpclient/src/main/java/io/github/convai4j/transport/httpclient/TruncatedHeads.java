package io.github.convai4j.transport.httpclient;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.concurrent.locks.Lock;
import org.apache.hc.client5.http.impl.io.DefaultHttpResponseParserFactory;
import org.apache.hc.core5.function.Decorator;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.HttpMessageParser;
import org.apache.hc.core5.http.io.HttpMessageParserFactory;
import org.apache.hc.core5.http.io.HttpTransportMetrics;
import org.apache.hc.core5.http.io.SessionInputBuffer;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.Command;
import org.apache.hc.core5.reactor.IOEventHandler;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.util.CharArrayBuffer;
import org.apache.hc.core5.util.Timeout;

/**
 * Rejects a response head that the connection's end cut short.
 *
 * <p>HttpClient's HTTP/1.1 parsers (classic and async) take the end of the stream as the end of the head: a
 * server that closes the connection after {@code "HTTP/1.1 200 OK\r\nContent-Type: text/pl"} produces a
 * 200 response with a truncated header field and an empty body. The Transport contract calls that an
 * {@code IOException}. Both parsers end the head either at the empty line or at the end of the stream, so a
 * head completed while the stream was at its end is a cut-off one:
 * <ul>
 *   <li>classic: a response parser whose input buffer notes the end of the stream while the head is read;</li>
 *   <li>async: an I/O session decorator that notes, per I/O thread, whether its last read hit the end of
 *       the stream. The reactor parses right after each read, on the same thread, and calls the
 *       response consumer from that parse, so the consumer can ask ({@link #atEndOfStream()}).</li>
 * </ul>
 * Both are installed only in the clients the transport creates itself.
 */
final class TruncatedHeads {
    private static final ThreadLocal<boolean[]> LAST_READ_HIT_EOF = new ThreadLocal<boolean[]>() {
        @Override
        protected boolean[] initialValue() {
            return new boolean[1];
        }
    };

    private TruncatedHeads() {
    }

    static ConnectionClosedException truncated() {
        return new ConnectionClosedException("The server closed the connection inside the response head");
    }

    /** Whether the last read of an I/O session on this thread found the end of the stream. */
    static boolean atEndOfStream() {
        return LAST_READ_HIT_EOF.get()[0];
    }

    /** The classic client's response parser factory. */
    static HttpMessageParserFactory<ClassicHttpResponse> classicParsers() {
        return new HttpMessageParserFactory<ClassicHttpResponse>() {
            @Override
            public HttpMessageParser<ClassicHttpResponse> create(Http1Config config) {
                HttpMessageParser<ClassicHttpResponse> parser = new DefaultHttpResponseParserFactory(config).create(config);
                return (buffer, in) -> {
                    EofNoting noting = new EofNoting(buffer);
                    ClassicHttpResponse response = parser.parse(noting, in);
                    if (response != null && noting.eof) {
                        throw truncated();
                    }
                    return response;
                };
            }
        };
    }

    /** The async client's I/O session decorator. */
    static Decorator<IOSession> sessionDecorator() {
        return EofNotingSession::new;
    }

    /** Notes whether a line read found the end of the stream. */
    private static final class EofNoting implements SessionInputBuffer {
        private final SessionInputBuffer buffer;
        boolean eof;

        EofNoting(SessionInputBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public int readLine(CharArrayBuffer chars, InputStream in) throws IOException {
            int n = buffer.readLine(chars, in);
            if (n < 0) {
                eof = true;
            }
            return n;
        }

        @Override
        public int length() {
            return buffer.length();
        }

        @Override
        public int capacity() {
            return buffer.capacity();
        }

        @Override
        public int available() {
            return buffer.available();
        }

        @Override
        public int read(byte[] b, int off, int len, InputStream in) throws IOException {
            return buffer.read(b, off, len, in);
        }

        @Override
        public int read(byte[] b, InputStream in) throws IOException {
            return buffer.read(b, in);
        }

        @Override
        public int read(InputStream in) throws IOException {
            return buffer.read(in);
        }

        @Override
        public HttpTransportMetrics getMetrics() {
            return buffer.getMetrics();
        }
    }

    /** An I/O session whose channel notes, for the reading thread, whether a read found the end. */
    private static final class EofNotingSession implements IOSession {
        private final IOSession session;
        private final ByteChannel channel;

        EofNotingSession(IOSession session) {
            this.session = session;
            ByteChannel inner = session.channel();
            this.channel = new ByteChannel() {
                @Override
                public int read(ByteBuffer dst) throws IOException {
                    int n = inner.read(dst);
                    LAST_READ_HIT_EOF.get()[0] = n < 0;
                    return n;
                }

                @Override
                public int write(ByteBuffer src) throws IOException {
                    return inner.write(src);
                }

                @Override
                public boolean isOpen() {
                    return inner.isOpen();
                }

                @Override
                public void close() throws IOException {
                    inner.close();
                }
            };
        }

        @Override
        public ByteChannel channel() {
            return channel;
        }

        @Override
        public IOEventHandler getHandler() {
            return session.getHandler();
        }

        @Override
        public void upgrade(IOEventHandler handler) {
            session.upgrade(handler);
        }

        @Override
        public Lock getLock() {
            return session.getLock();
        }

        @Override
        public void enqueue(Command command, Command.Priority priority) {
            session.enqueue(command, priority);
        }

        @Override
        public boolean hasCommands() {
            return session.hasCommands();
        }

        @Override
        public Command poll() {
            return session.poll();
        }

        @Override
        public SocketAddress getRemoteAddress() {
            return session.getRemoteAddress();
        }

        @Override
        public SocketAddress getLocalAddress() {
            return session.getLocalAddress();
        }

        @Override
        public int getEventMask() {
            return session.getEventMask();
        }

        @Override
        public void setEventMask(int ops) {
            session.setEventMask(ops);
        }

        @Override
        public void setEvent(int op) {
            session.setEvent(op);
        }

        @Override
        public void clearEvent(int op) {
            session.clearEvent(op);
        }

        @Override
        public void close() {
            session.close();
        }

        @Override
        public void close(CloseMode closeMode) {
            session.close(closeMode);
        }

        @Override
        public Status getStatus() {
            return session.getStatus();
        }

        @Override
        public Timeout getSocketTimeout() {
            return session.getSocketTimeout();
        }

        @Override
        public void setSocketTimeout(Timeout timeout) {
            session.setSocketTimeout(timeout);
        }

        @Override
        public long getLastReadTime() {
            return session.getLastReadTime();
        }

        @Override
        public long getLastWriteTime() {
            return session.getLastWriteTime();
        }

        @Override
        public long getLastEventTime() {
            return session.getLastEventTime();
        }

        @Override
        public void updateReadTime() {
            session.updateReadTime();
        }

        @Override
        public void updateWriteTime() {
            session.updateWriteTime();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            // HttpCore 5.4 reads through the session itself; older versions through channel().
            int n = session.read(dst);
            LAST_READ_HIT_EOF.get()[0] = n < 0;
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return session.write(src);
        }

        @Override
        public boolean isOpen() {
            return session.isOpen();
        }

        @Override
        public String getId() {
            return session.getId();
        }

        @Override
        public String toString() {
            return session.toString();
        }
    }
}
