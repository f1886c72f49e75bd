package io.github.convai4j.transport.httpclient;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.transport.tck.server.LoopbackServer;
import java.io.ByteArrayInputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What {@link AndroidPathClassLoadingTest} runs in a JVM of its own: the transport's calls (sync and async, bodies
 * of known and unknown length, a cancelled exchange, a timeout) against a loopback server, on the classic client
 * as on Android ({@code android}) or the JVM's default way ({@code jvm}).
 */
public final class AndroidPathWorkload {
    private AndroidPathWorkload() {
    }

    public static void main(String[] args) throws Exception {
        boolean android = args.length > 0 && args[0].equals("android");
        try (LoopbackServer server = LoopbackServer.start();
                HttpClientTransport t = HttpClientTransport.builder()
                        .options(TransportOptions.builder().maxConnectionsPerHost(2).build())
                        .asyncOnClassicClient(android).build()) {
            server.handle("/echo", ex -> {
                ex.readRequest();
                ex.respond(200, "ok");
            });
            server.handle("/slow", ex -> {
                ex.readRequest();
                Thread.sleep(2000);
                ex.respond(200, "late");
            });
            read(t.execute(HttpRequest.builder(HttpMethod.GET, server.uri("/echo")).build()));
            read(t.execute(HttpRequest.builder(HttpMethod.POST, server.uri("/echo"))
                    .body(RequestBody.ofString("{\"a\":1}", "application/json")).build()));
            read(t.execute(HttpRequest.builder(HttpMethod.PATCH, server.uri("/echo"))
                    .body(RequestBody.ofInputStream(new ByteArrayInputStream(new byte[100_000]), -1,
                            "application/octet-stream")).build()));
            read(t.executeAsync(HttpRequest.builder(HttpMethod.PUT, server.uri("/echo"))
                    .body(RequestBody.ofBytes(new byte[10_000], "application/octet-stream")).build())
                    .get(10, TimeUnit.SECONDS));
            CompletableFuture<HttpResponse> cancelled = t.executeAsync(
                    HttpRequest.builder(HttpMethod.GET, server.uri("/slow")).build());
            Thread.sleep(200);
            cancelled.cancel(true);
            try {
                read(t.execute(HttpRequest.builder(HttpMethod.GET, server.uri("/slow"))
                        .readTimeout(java.time.Duration.ofMillis(300)).build()));
            } catch (java.io.IOException expected) {
                // the read timeout: part of the path under test
            }
        }
    }

    private static void read(HttpResponse response) throws Exception {
        try (HttpResponse r = response) {
            r.body().readAllBytes();
        }
    }
}
