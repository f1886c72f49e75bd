package io.github.convai4j.http;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an {@link HttpRequest} may carry: the transport's own fields and a body's Content-Type are refused. */
class HttpRequestTest {

    private static final URI URL = URI.create("https://api.example.com/v1/convai/agents");

    @Test
    void refusesEveryHeaderTheTransportWrites() {
        for (String name : new String[] {"Host", "content-length", "Transfer-Encoding", "CONNECTION", "Keep-Alive",
                "Proxy-Connection", "TE", "Upgrade"}) {
            assertThat(HttpRequest.isTransportHeader(name)).as(name).isTrue();
            HttpRequest.Builder builder = HttpRequest.builder(HttpMethod.GET, URL).addHeader(name, "x");
            assertThatThrownBy(builder::build).as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + name + "'")
                    .hasMessageContaining("transport writes")
                    .hasMessageContaining("remove it");
        }
        assertThat(HttpRequest.isTransportHeader("Content-Type")).isFalse();
        assertThat(HttpRequest.isTransportHeader("X-Connection-Id")).isFalse();
    }

    @Test
    void refusesAContentTypeHeaderNextToABody() {
        HttpRequest.Builder builder = HttpRequest.builder(HttpMethod.POST, URL)
                .setHeader("content-type", "text/x-from-request")
                .body(RequestBody.ofString("{}", "application/json"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set the content type on the RequestBody");
    }

    @Test
    void aBodyCarriesTheOnlyContentType() {
        HttpRequest request = HttpRequest.builder(HttpMethod.POST, URL)
                .setHeader("Accept", "application/json")
                .body(RequestBody.ofString("{}", "application/json"))
                .build();

        assertThat(request.headers().contains("Content-Type")).isFalse();
        assertThat(request.body().contentType()).isEqualTo("application/json");
        assertThat(request.toBuilder().build().body().contentType()).isEqualTo("application/json");
    }

    @Test
    void aBodilessRequestMayCarryAContentTypeHeader() {
        HttpRequest request = HttpRequest.builder(HttpMethod.GET, URL)
                .setHeader("Content-Type", "text/plain")
                .build();

        assertThat(request.headers().first("Content-Type")).isEqualTo("text/plain");
    }
}
