package io.github.convai4j.transport.tck;

import io.github.convai4j.http.Headers;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.http.Transport;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.http.TransportProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Deliberately broken transports: the reference transport with one realistic bug each. The suite's
 * own tests ({@link SuiteCatchesBrokenTransportsTest}) run chosen checks against them and require those
 * checks to fail, which shows the checks can fail.
 */
final class BrokenTransports {
    private BrokenTransports() {
    }

    /** A transport that passes everything to the reference transport, with hooks to break it. */
    static class Forwarding implements Transport {
        final Transport delegate;

        Forwarding(Transport delegate) {
            this.delegate = delegate;
        }

        HttpRequest adapt(HttpRequest request) throws IOException {
            return request;
        }

        HttpResponse adapt(HttpResponse response) throws IOException {
            return response;
        }

        @Override
        public HttpResponse execute(HttpRequest request) throws IOException {
            return adapt(delegate.execute(adapt(request)));
        }

        @Override
        public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
            HttpRequest adapted;
            try {
                adapted = adapt(request);
            } catch (IOException e) {
                CompletableFuture<HttpResponse> failed = new CompletableFuture<>();
                failed.completeExceptionally(e);
                return failed;
            }
            return delegate.executeAsync(adapted).thenApply(r -> {
                try {
                    return adapt(r);
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /**
     * Follows a 3xx with a {@code Location} once, with the same method and body (sync only: the checks
     * that catch it run in that mode), as an HTTP stack with redirect handling left on would.
     */
    static final class FollowsRedirects extends Forwarding {
        FollowsRedirects(Transport delegate) {
            super(delegate);
        }

        @Override
        public HttpResponse execute(HttpRequest request) throws IOException {
            HttpResponse response = delegate.execute(request);
            String location = response.headers().first("Location");
            if (response.statusCode() / 100 != 3 || location == null) {
                return response;
            }
            response.close();
            return delegate.execute(request.toBuilder().uri(request.uri().resolve(location)).build());
        }
    }

    /** Sends a request again, once, after a 503, as an HTTP stack with its own retry strategy would. */
    static final class RetriesServiceUnavailable extends Forwarding {
        RetriesServiceUnavailable(Transport delegate) {
            super(delegate);
        }

        @Override
        public HttpResponse execute(HttpRequest request) throws IOException {
            HttpResponse response = delegate.execute(request);
            if (response.statusCode() != 503) {
                return response;
            }
            response.close();
            return delegate.execute(request);
        }
    }

    /** Keeps one value per header name, as a transport that copies headers into a map would. */
    static final class DropsRepeatedHeaders extends Forwarding {
        DropsRepeatedHeaders(Transport delegate) {
            super(delegate);
        }

        @Override
        HttpRequest adapt(HttpRequest request) {
            Map<String, String> last = new LinkedHashMap<>();
            request.headers().forEach(last::put);
            HttpRequest.Builder b = request.toBuilder();
            for (String name : request.headers().names()) {
                b.removeHeader(name);
            }
            last.forEach(b::setHeader);
            return b.build();
        }
    }

    /** Joins repeated response headers into one comma-separated value. */
    static final class FoldsResponseHeaders extends Forwarding {
        FoldsResponseHeaders(Transport delegate) {
            super(delegate);
        }

        @Override
        HttpResponse adapt(HttpResponse response) {
            Headers.Builder folded = Headers.builder();
            for (String name : response.headers().names()) {
                folded.add(name, String.join(", ", response.headers().values(name)));
            }
            return new HttpResponse(response.statusCode(), folded.build(), response.body());
        }
    }

    /** Buffers a body of unknown length to learn its length, then sends it with Content-Length. */
    static final class BuffersUnknownLengthBodies extends Forwarding {
        BuffersUnknownLengthBodies(Transport delegate) {
            super(delegate);
        }

        @Override
        HttpRequest adapt(HttpRequest request) throws IOException {
            RequestBody body = request.body();
            if (body == null || body.contentLength() >= 0) {
                return request;
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            body.writeTo(all);
            return request.toBuilder().body(RequestBody.ofBytes(all.toByteArray(), body.contentType())).build();
        }
    }

    /** Collects every request body in memory before sending it. */
    static final class BuffersAllBodies extends Forwarding {
        BuffersAllBodies(Transport delegate) {
            super(delegate);
        }

        @Override
        HttpRequest adapt(HttpRequest request) throws IOException {
            RequestBody body = request.body();
            if (body == null) {
                return request;
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            body.writeTo(all);
            byte[] bytes = all.toByteArray();
            RequestBody buffered = new RequestBody() {
                @Override
                public String contentType() {
                    return body.contentType();
                }

                @Override
                public long contentLength() {
                    return body.contentLength(); // keeps the framing: only the streaming is broken
                }

                @Override
                public boolean isRepeatable() {
                    return true;
                }

                @Override
                public void writeTo(OutputStream out) throws IOException {
                    out.write(bytes);
                }
            };
            return request.toBuilder().body(buffered).build();
        }
    }

    /** Decodes and re-encodes the URL, as a transport that rebuilds it from its parts would. */
    static final class ReEncodesUrls extends Forwarding {
        ReEncodesUrls(Transport delegate) {
            super(delegate);
        }

        @Override
        HttpRequest adapt(HttpRequest request) throws IOException {
            URI u = request.uri();
            try {
                URI rebuilt = new URI(u.getScheme(), u.getUserInfo(), u.getHost(), u.getPort(), u.getPath(),
                        u.getQuery(), null);
                return request.toBuilder().uri(rebuilt).build();
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
    }

    /** Ignores the request's own timeouts and uses the transport's options only. */
    static final class IgnoresRequestTimeouts extends Forwarding {
        IgnoresRequestTimeouts(Transport delegate) {
            super(delegate);
        }

        @Override
        HttpRequest adapt(HttpRequest request) {
            return request.toBuilder().connectTimeout(null).readTimeout(null).totalTimeout(null).build();
        }
    }

    /** Treats a broken body stream as its end: a silently short body. */
    static final class SwallowsBodyErrors extends Forwarding {
        SwallowsBodyErrors(Transport delegate) {
            super(delegate);
        }

        @Override
        HttpResponse adapt(HttpResponse response) {
            InputStream in = response.body();
            return new HttpResponse(response.statusCode(), response.headers(), new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    try {
                        return in.read(b, off, len);
                    } catch (IOException e) {
                        return -1;
                    }
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            });
        }
    }

    /** Reads the whole body before handing out the response. */
    static final class BuffersWholeResponses extends Forwarding {
        BuffersWholeResponses(Transport delegate) {
            super(delegate);
        }

        @Override
        HttpResponse adapt(HttpResponse response) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try (InputStream in = response.body()) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    all.write(buffer, 0, n);
                }
            }
            return new HttpResponse(response.statusCode(), response.headers(),
                    new java.io.ByteArrayInputStream(all.toByteArray()));
        }
    }

    /**
     * Keeps reading the body from the socket whether or not the caller reads (no backpressure), up to
     * 160 MiB ahead. It spools to a temporary file instead of the heap, so that it exceeds the suite's
     * bound without running this JVM out of memory.
     */
    static final class ReadsAheadWithoutBackpressure extends Forwarding {
        ReadsAheadWithoutBackpressure(Transport delegate) {
            super(delegate);
        }

        @Override
        HttpResponse adapt(HttpResponse response) throws IOException {
            return new HttpResponse(response.statusCode(), response.headers(), new SpoolingStream(response.body()));
        }
    }

    /** Starts a thread of its own that close() forgets to stop. */
    static final class LeaksAThread extends Forwarding {
        static final java.util.List<Thread> LEAKED = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread leaked;

        LeaksAThread(Transport delegate) {
            super(delegate);
            leaked = new Thread(() -> {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "broken-transport-housekeeper");
            leaked.setDaemon(true);
            leaked.start();
            LEAKED.add(leaked);
        }

        /** Stops the leaked threads, once the test that must notice them is over. */
        static void stopLeakedThreads() {
            for (Thread t : LEAKED) {
                t.interrupt();
            }
            LEAKED.clear();
        }
    }

    /** Copies a stream into a temporary file on a pump thread, as fast as it arrives. */
    static final class SpoolingStream extends InputStream {
        private static final long MAX_AHEAD = 160L * 1024 * 1024;
        private final InputStream source;
        private final Path file;
        private final RandomAccessFile reader;
        private final Thread pump;
        private volatile long written;
        private volatile long readPosition;
        private volatile boolean done;
        private volatile IOException failure;

        SpoolingStream(InputStream source) throws IOException {
            this.source = source;
            this.file = Files.createTempFile("tck-spool", ".bin");
            this.reader = new RandomAccessFile(file.toFile(), "r");
            this.pump = new Thread(this::pump, "broken-transport-read-ahead");
            pump.setDaemon(true);
            pump.start();
        }

        private void pump() {
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = source.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                    written += n;
                    while (written - readPosition > MAX_AHEAD) {
                        Thread.sleep(5);
                    }
                }
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                failure = new InterruptedIOException("closed");
            } finally {
                done = true;
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (readPosition >= written) {
                if (done && readPosition >= written) {
                    if (failure != null) {
                        throw failure;
                    }
                    return -1;
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
            }
            reader.seek(readPosition);
            int n = reader.read(b, off, (int) Math.min(len, written - readPosition));
            readPosition += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            pump.interrupt();
            source.close();
            reader.close();
            Files.deleteIfExists(file);
        }
    }

    /** A suite run against one broken transport. Not named *Test: only run through the JUnit testkit. */
    abstract static class BrokenSuite extends TransportConformanceTest {
        abstract Transport breakIt(Transport healthy);

        @Override
        protected Transport createTransport(TransportOptions options) {
            return breakIt(new UrlConnectionTransport(options));
        }

        @Override
        protected Class<? extends TransportProvider> providerType() {
            return UrlConnectionTransportProvider.class;
        }

        @Override
        protected Set<KnownGap> knownGaps() {
            return new UrlConnectionTransportConformanceTest().knownGaps();
        }
    }
}
