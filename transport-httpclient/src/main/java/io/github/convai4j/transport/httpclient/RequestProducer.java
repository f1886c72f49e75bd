package io.github.convai4j.transport.httpclient;

import java.io.IOException;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/** Hands HttpClient the request head and the {@link BodyProducer} of its body. */
final class RequestProducer implements AsyncRequestProducer {
    private final HttpRequest head;
    private final BodyProducer body;
    private final AsyncExchange exchange;
    private final boolean startReadTimerNow;

    /**
     * @param startReadTimerNow whether to start the read timer when HttpClient asks for the request, which
     *     it does before it has a connection. Only for a caller's client: the transport's own client has an
     *     interceptor that starts it when the request goes out on a connection.
     */
    RequestProducer(HttpRequest head, BodyProducer body, AsyncExchange exchange, boolean startReadTimerNow) {
        this.head = head;
        this.body = body;
        this.exchange = exchange;
        this.startReadTimerNow = startReadTimerNow;
    }

    @Override
    public void sendRequest(RequestChannel channel, HttpContext context) throws HttpException, IOException {
        if (startReadTimerNow) {
            exchange.requestStarted();
        }
        channel.sendRequest(head, body, context);
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public void failed(Exception cause) {
        if (body != null) {
            body.failed(cause);
        }
    }

    @Override
    public int available() {
        return body != null ? body.available() : 0;
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        if (body != null) {
            body.produce(channel);
        }
    }

    @Override
    public void releaseResources() {
        if (body != null) {
            body.releaseResources();
        }
    }
}
