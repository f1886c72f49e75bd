package io.github.convai4j.transport.httpclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.HttpRequest;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.http.TransportOptions;
import io.github.convai4j.transport.tck.server.LoopbackServer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The classic client waits for a busy pooled connection when no total timeout bounds the wait. */
class PoolWaitTest {

    @Test
    void aSyncRequestWaitsForTheOnlyConnectionInsteadOfFailingAtOnce() throws Exception {
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (LoopbackServer server = LoopbackServer.start();
                HttpClientTransport t = HttpClientTransport.builder()
                        .options(TransportOptions.builder().maxConnectionsPerHost(1).build()).build()) {
            server.handle("/x", ex -> {
                ex.readRequest();
                ex.respond(200, "ok");
            });
            HttpRequest get = HttpRequest.builder(HttpMethod.GET, server.uri("/x")).build();
            HttpResponse first = t.execute(get); // holds the only connection until its body is read
            Future<HttpResponse> second = caller.submit(() -> t.execute(get));
            Thread.sleep(300);
            assertThat(second.isDone()).as("the second request waits for the connection").isFalse();

            first.body().readAllBytes();
            first.close();
            try (HttpResponse r = second.get(10, TimeUnit.SECONDS)) {
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body().readAllBytes()).asString().isEqualTo("ok");
            }
        } finally {
            caller.shutdownNow();
        }
    }
}
