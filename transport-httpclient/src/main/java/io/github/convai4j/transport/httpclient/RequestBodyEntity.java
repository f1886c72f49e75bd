package io.github.convai4j.transport.httpclient;

import io.github.convai4j.http.RequestBody;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.hc.core5.function.Supplier;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * The classic client's request entity over a {@link RequestBody}: written straight to the connection's
 * output stream, with {@code Content-Length} when the length is known and chunked otherwise.
 *
 * <p>If the body fails part way, the connection is aborted at once (through {@code abort}) before the
 * failure propagates. HttpClient closes the entity's stream in a {@code finally}, and closing a chunked stream
 * writes the last chunk: without the abort the server would receive a well-formed, cut-off request.
 */
final class RequestBodyEntity implements HttpEntity {
    private final RequestBody body;
    private final Runnable abort;
    private volatile IOException failure;

    RequestBodyEntity(RequestBody body, Runnable abort) {
        this.body = body;
        this.abort = abort;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        LengthGuard guarded = new LengthGuard(out, body.contentLength());
        try {
            body.writeTo(guarded);
            guarded.finish();
        } catch (IOException e) {
            throw fail(e);
        } catch (RuntimeException e) {
            throw fail(new IOException("Writing the request body failed: " + e.getMessage(), e));
        }
    }

    /** The body's own failure, if writing it failed; it explains the exchange's failure best. */
    IOException failure() {
        return failure;
    }

    private IOException fail(IOException e) {
        failure = e;
        abort.run();
        return e;
    }

    @Override
    public boolean isRepeatable() {
        return body.isRepeatable();
    }

    @Override
    public InputStream getContent() {
        throw new UnsupportedOperationException("A request body is written with writeTo, not read");
    }

    @Override
    public boolean isStreaming() {
        return false;
    }

    @Override
    public Supplier<List<? extends Header>> getTrailers() {
        return null;
    }

    @Override
    public long getContentLength() {
        return body.contentLength();
    }

    @Override
    public String getContentType() {
        return body.contentType();
    }

    @Override
    public String getContentEncoding() {
        return null;
    }

    @Override
    public boolean isChunked() {
        return body.contentLength() < 0;
    }

    @Override
    public Set<String> getTrailerNames() {
        return Collections.emptySet();
    }

    @Override
    public void close() {
        // Nothing to release: RequestBody.writeTo opens and closes its own sources.
    }
}
