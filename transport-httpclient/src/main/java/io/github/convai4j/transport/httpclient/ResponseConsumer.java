package io.github.convai4j.transport.httpclient;

import io.github.convai4j.http.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Receives the response on an I/O reactor thread: completes the caller's future as soon as the head has
 * arrived, then feeds the body into a bounded {@link ResponseBody} that the caller reads. HttpClient's own
 * future is completed only at the end of the body.
 */
final class ResponseConsumer implements AsyncResponseConsumer<io.github.convai4j.http.HttpResponse> {
    private final AsyncExchange exchange;
    private ResponseBody body;
    private io.github.convai4j.http.HttpResponse response;
    private FutureCallback<io.github.convai4j.http.HttpResponse> resultCallback;
    private boolean released;

    ResponseConsumer(AsyncExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void consumeResponse(HttpResponse head, EntityDetails entityDetails, HttpContext context,
            FutureCallback<io.github.convai4j.http.HttpResponse> callback) throws HttpException, IOException {
        if (TruncatedHeads.atEndOfStream()) {
            throw TruncatedHeads.truncated();
        }
        exchange.progress();
        Headers headers = Requests.headers(head);
        if (entityDetails == null) {
            // Delivered in releaseResources(), once the connection is back in the pool.
            response = new io.github.convai4j.http.HttpResponse(head.getCode(), headers, null);
            exchange.responseComplete();
            if (callback != null) {
                callback.completed(response);
            }
            return;
        }
        resultCallback = callback;
        body = new ResponseBody(exchange, HttpClientTransport.BUFFER_SIZE);
        response = new io.github.convai4j.http.HttpResponse(head.getCode(), headers, body);
        exchange.deliver(response, body);
    }

    @Override
    public void informationResponse(HttpResponse head, HttpContext context) {
        // 1xx responses are not part of the SPI.
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        if (body != null) {
            body.updateCapacity(capacityChannel);
        } else {
            capacityChannel.update(HttpClientTransport.BUFFER_SIZE);
        }
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        exchange.progress();
        if (body != null) {
            body.offer(src);
        } else {
            src.position(src.limit());
        }
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        // The reader sees the end only in releaseResources(), which HttpClient calls after it has returned
        // the connection to the pool: a caller that sends its next request on reading the end then finds
        // the connection free for reuse.
        exchange.responseComplete();
        if (resultCallback != null) {
            resultCallback.completed(response);
        }
    }

    @Override
    public void failed(Exception cause) {
        exchange.failedInClient(cause);
    }

    @Override
    public void releaseResources() {
        if (released) {
            return;
        }
        released = true;
        if (exchange.isResponseComplete()) {
            if (body != null) {
                body.end();
            } else if (response != null) {
                exchange.deliver(response, null);
            }
        } else {
            exchange.released();
        }
    }
}
