package io.github.convai4j.transport.httpclient;

import java.io.IOException;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/** Sends the request head, then the body through a {@link BodyProducer}; tells the exchange when it starts. */
final class RequestProducer implements AsyncRequestProducer {
    private final HttpRequest head;
    private final BodyProducer body;
    private final AsyncExchange exchange;

    RequestProducer(HttpRequest head, BodyProducer body, AsyncExchange exchange) {
        this.head = head;
        this.body = body;
        this.exchange = exchange;
    }

    @Override
    public void sendRequest(RequestChannel channel, HttpContext context) throws HttpException, IOException {
        exchange.requestStarted();
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
