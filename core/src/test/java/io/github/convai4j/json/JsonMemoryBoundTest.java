package io.github.convai4j.json;

import io.github.convai4j.ClientOptions;
import io.github.convai4j.errors.DecodingException;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.internal.ApiRequest;
import io.github.convai4j.internal.ClientContext;
import io.github.convai4j.internal.ResponseHandlers;
import io.github.convai4j.internal.StubTransport;
import io.github.convai4j.models.agents.GetAgentResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 18, item 1: the read limits of {@link Json} bound the heap a response takes, not only its length. This
 * class runs in core's {@code bounded-heap} surefire execution, at {@code -Xmx64m}: each body here is the worst
 * the limits let through in its kind (the most small values, the longest string, both at once), read into a
 * {@link JsonValue} tree, the costliest way to keep a response, and must be read without running out of heap;
 * past a limit, the read fails with a {@link DecodingException} having kept little. Before the bound, 4 MB of
 * empty objects took about 155 MB, and a 31-million-character string, then under the limit, ran a 128 MB heap
 * out of memory.
 */
@Tag(JsonMemoryBoundTest.TAG)
class JsonMemoryBoundTest {

    static final String TAG = "bounded-heap";

    private final StubTransport transport = new StubTransport();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ClientContext context = new ClientContext(ClientOptions.builder().apiKey("sk_test_memory").build(),
            transport, Runnable::run, scheduler);

    @BeforeAll
    static void theHeapIs64Megabytes() {
        assertThat(Runtime.getRuntime().maxMemory()).as("max heap (run with -Xmx64m)")
                .isLessThanOrEqualTo(64L * 1024 * 1024);
    }

    @AfterEach
    void tearDown() {
        transport.close();
        scheduler.shutdownNow();
    }

    private static ApiRequest getAgent() {
        return ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents/{agent_id}")
                .operationId("get_agent_route").pathParam("agent_id", "a").build();
    }

    private JsonValue read(InputStream body) {
        transport.respondStream(200, "application/json", body);
        return context.execute(getAgent(), ResponseHandlers.jsonValue(), null);
    }

    @Test
    void theMostEmptyObjectsTheLimitsAllowAreReadIn64Megabytes() {
        // [{},{},...]: two tokens per object, the most heap per byte of JSON of any shape.
        int objects = (int) (Json.MAX_TOKEN_COUNT - 2) / 2;
        Generated body = new Generated("[", "{}", ",", objects, "]");

        JsonValue value = read(body);

        assertThat(value.asArray()).hasSize(objects);
    }

    @Test
    void smallValuesPastTheTokenLimitFailAfterLittleOfTheBody() {
        // The body: small array items, far more than the limits allow (here, without end).
        Generated body = new Generated("[", "{}", ",", Integer.MAX_VALUE, "]");

        assertThatThrownBy(() -> read(body)).isInstanceOf(DecodingException.class)
                .hasMessageContaining("get_agent_route").hasMessageContaining("Token count")
                .hasMessageContaining("exceeds the maximum allowed (" + Json.MAX_TOKEN_COUNT);
        assertThat(body.served()).isLessThan(Json.MAX_TOKEN_COUNT * 2 + 64 * 1024);
    }

    @Test
    void theLongestStringTheLimitsAllowIsReadIn64Megabytes() {
        // One character outside Latin-1 makes Java keep the whole string as two bytes a character.
        int length = Json.MAX_STRING_LENGTH;
        Generated body = new Generated("{\"agent_id\":\"\u0100", "x", "", length - 1, "\"}");

        JsonValue value = read(body);

        assertThat(value.get("agent_id").asString()).hasSize(length);
    }

    @Test
    void theLongestStringAndTheMostValuesInOneDocumentAreReadIn64Megabytes() {
        // The longest string, a second string filling the rest of the document, and the most empty objects the
        // token limit leaves: what the limits allow at most in one body.
        int objects = (int) (Json.MAX_TOKEN_COUNT - 16) / 2;
        int secondString = (int) (Json.MAX_DOCUMENT_LENGTH - Json.MAX_STRING_LENGTH - 3L * objects - 1024);
        String prefix = "{\"a\":\"\u0100" + "x".repeat(Json.MAX_STRING_LENGTH - 1) + "\",\"b\":\"\u0100"
                + "y".repeat(secondString - 1) + "\",\"c\":[";
        Generated body = new Generated(prefix, "{}", ",", objects, "]}");

        JsonValue value = read(body);

        assertThat(body.served()).isLessThanOrEqualTo(Json.MAX_DOCUMENT_LENGTH);
        assertThat(value.get("a").asString()).hasSize(Json.MAX_STRING_LENGTH);
        assertThat(value.get("b").asString()).hasSize(secondString);
        assertThat(value.get("c").asArray()).hasSize(objects);
    }

    @Test
    void aModelKeepingTheMostValuesRawIsReadIn64Megabytes() {
        // A property the model does not know is kept as a tree: the same bound holds through a generated codec.
        int objects = (int) (Json.MAX_TOKEN_COUNT - 16) / 2;
        Generated body = new Generated("{\"agent_id\":\"a\",\"name\":\"n\",\"extra\":[", "{}", ",", objects, "]}");
        transport.respondStream(200, "application/json", body);

        GetAgentResponse agent = context.execute(getAgent(), ResponseHandlers.json(GetAgentResponse.codec()), null);

        assertThat(agent.additionalProperties().get("extra").asArray()).hasSize(objects);
    }

    /** A prefix, then {@code count} units with a separator between them, then a suffix; counts what it served. */
    static final class Generated extends InputStream {
        private final byte[] prefix;
        private final byte[] unit;
        private final byte[] separator;
        private final byte[] suffix;
        private final long count;
        private long served;
        private int stage;
        private long units;
        private byte[] current;
        private int at;

        Generated(String prefix, String unit, String separator, long count, String suffix) {
            this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
            this.unit = unit.getBytes(StandardCharsets.UTF_8);
            this.separator = separator.getBytes(StandardCharsets.UTF_8);
            this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
            this.count = count;
            this.current = this.prefix;
        }

        long served() {
            return served;
        }

        @Override
        public int read() {
            while (current != null && at == current.length) {
                next();
            }
            if (current == null) {
                return -1;
            }
            served++;
            return current[at++] & 0xff;
        }

        private void next() {
            at = 0;
            if (stage == 0) {
                stage = 1;
                current = count > 0 ? unit : suffix;
                units = count > 0 ? 1 : 0;
                if (count == 0) {
                    stage = 3;
                }
            } else if (stage == 1) {
                if (units < count) {
                    current = separator;
                    stage = 2;
                } else {
                    current = suffix;
                    stage = 3;
                }
            } else if (stage == 2) {
                current = unit;
                units++;
                stage = 1;
            } else {
                current = null;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = 0;
            while (n < length) {
                int b = read();
                if (b < 0) {
                    return n == 0 ? -1 : n;
                }
                buffer[offset + n++] = (byte) b;
            }
            return n;
        }
    }
}
