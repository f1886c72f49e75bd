package io.github.convai4j.json;

import io.github.convai4j.ClientOptions;
import io.github.convai4j.errors.DecodingException;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.internal.ApiRequest;
import io.github.convai4j.internal.ClientContext;
import io.github.convai4j.internal.ResponseHandlers;
import io.github.convai4j.internal.StubTransport;
import io.github.convai4j.internal.TestModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each read limit of {@link Json} stops a response that breaks it with a {@link DecodingException}, at
 * bounded memory: the bodies here never end, so a parser without that limit would read until the heap
 * (96 MiB in these tests) runs out; with it, it stops right after the limit.
 */
class JsonLimitsTest {

    private final StubTransport transport = new StubTransport();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ClientContext context = new ClientContext(ClientOptions.builder().apiKey("sk_test_limits").build(),
            transport, Runnable::run, scheduler);

    @AfterEach
    void tearDown() {
        transport.close();
        scheduler.shutdownNow();
    }

    private static ApiRequest getAgent() {
        return ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents/{agent_id}")
                .operationId("get_agent_route").pathParam("agent_id", "a").build();
    }

    @Test
    void aStringLongerThanTheLimitFailsAtTheLimit() {
        Endless body = new Endless("{\"agent_id\":\"", "x");
        transport.respondStream(200, "application/json", body);

        assertThatThrownBy(() -> context.execute(getAgent(), ResponseHandlers.json(TestModels.AGENT), null))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("get_agent_route")
                .hasMessageContaining("String value length")
                .hasMessageContaining("exceeds the maximum allowed (" + Json.MAX_STRING_LENGTH);
        assertThat(body.served()).isBetween((long) Json.MAX_STRING_LENGTH, Json.MAX_STRING_LENGTH + 1024L * 1024);
    }

    @Test
    void aNumberLongerThanTheLimitFails() {
        String digits = "7".repeat(Json.MAX_NUMBER_LENGTH + 1);
        transport.respond(200, "application/json", "{\"count\":" + digits + "}");

        assertThatThrownBy(() -> context.execute(getAgent(), ResponseHandlers.jsonValue(), null))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("Number value length")
                .hasMessageContaining("exceeds the maximum allowed (" + Json.MAX_NUMBER_LENGTH);
    }

    @Test
    void anEndlessNumberFailsAtBoundedMemory() {
        Endless body = new Endless("{\"count\":", "7");
        transport.respondStream(200, "application/json", body);

        assertThatThrownBy(() -> context.execute(getAgent(), ResponseHandlers.jsonValue(), null))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("exceeds the maximum allowed");
        assertThat(body.served()).isLessThanOrEqualTo(Json.MAX_STRING_LENGTH + 1024L * 1024);
    }

    @Test
    void aPropertyNameLongerThanTheLimitFailsAtTheLimit() {
        Endless body = new Endless("{\"agent_id\":\"a\",\"", "k");
        transport.respondStream(200, "application/json", body);

        assertThatThrownBy(() -> context.execute(getAgent(), ResponseHandlers.json(TestModels.AGENT), null))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("Name length")
                .hasMessageContaining("exceeds the maximum allowed (" + Json.MAX_NAME_LENGTH);
        assertThat(body.served()).isLessThanOrEqualTo(Json.MAX_NAME_LENGTH + 64L * 1024);
    }

    @Test
    void aDocumentLongerThanTheLimitFailsAtTheLimit() {
        // Whitespace: no token and nothing kept, only the document grows (small values would meet the token limit).
        Endless body = new Endless("{\"agent_id\":\"a\"", "    ");
        transport.respondStream(200, "application/json", body);

        assertThatThrownBy(() -> context.execute(getAgent(), ResponseHandlers.jsonValue(), null))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("Document length")
                .hasMessageContaining("exceeds the maximum allowed (" + Json.MAX_DOCUMENT_LENGTH);
        assertThat(body.served()).isBetween(Json.MAX_DOCUMENT_LENGTH, Json.MAX_DOCUMENT_LENGTH + 1024L * 1024);
    }

    /** A prefix, then one unit repeated forever; counts the bytes it served. */
    private static final class Endless extends InputStream {
        private final byte[] prefix;
        private final byte[] unit;
        private long served;

        Endless(String prefix, String unit) {
            this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
            this.unit = unit.getBytes(StandardCharsets.UTF_8);
        }

        long served() {
            return served;
        }

        @Override
        public int read() {
            byte b = served < prefix.length ? prefix[(int) served] : unit[(int) ((served - prefix.length) % unit.length)];
            served++;
            return b & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            for (int i = 0; i < length; i++) {
                buffer[offset + i] = (byte) read();
            }
            return length;
        }
    }
}
