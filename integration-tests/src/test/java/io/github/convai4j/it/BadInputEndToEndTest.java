package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.RequestOptions;
import io.github.convai4j.errors.NotFoundException;
import io.github.convai4j.models.agents.GetAgentsParams;
import io.github.convai4j.testkit.RecordedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 5 (and design decision 9): nothing a caller passes can change the request's shape. A path id such
 * as {@code ../x} arrives as one path segment; a header value with CR or LF is refused before any request
 * reaches the fake.
 */
class BadInputEndToEndTest extends FakePlatformTestSupport {

    private static final String SOURCE = "io.github.convai4j.it.FakePlatformTestSupport#transports";
    private static final List<String> TRICKY_IDS = List.of("../x", "..", "a/b", "../../v1/convai/secrets", "a?b=c#d",
            "50% off", "agent\r\nx-injected: 1", "ünïcødé");

    static Stream<Arguments> transportsAndIds() {
        List<Arguments> out = new ArrayList<>();
        for (String transport : transports()) {
            for (String id : TRICKY_IDS) {
                out.add(Arguments.of(transport, id));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("transportsAndIds")
    void aPathIdStaysOneSegment(String transport, String id) {
        ConvaiClient client = client(transport);

        assertThatThrownBy(() -> client.agents().get(id)).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.code()).isEqualTo("agent_not_found"));

        RecordedRequest sent = fake.lastRequest();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.pathSegments()).containsExactly("v1", "convai", "agents", id);
        assertThat(sent.query()).isEmpty();
        assertThat(sent.headers()).doesNotContainKey("x-injected");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aPathIdStaysOneSegmentInEveryPositionOfANestedPath(String transport) {
        ConvaiClient client = client(transport);

        assertThatThrownBy(() -> client.conversations().files().delete("../conv", "../../file"))
                .isInstanceOf(NotFoundException.class);

        assertThat(fake.lastRequest().pathSegments())
                .containsExactly("v1", "convai", "conversations", "../conv", "files", "../../file");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void queryValuesWithReservedAndNonAsciiCharactersArriveIntact(String transport) {
        ConvaiClient client = client(transport);
        String search = "a&b=c d+e%20f/?#ü👋";

        client.agents().list(GetAgentsParams.builder().search(search).pageSize(3).build());

        RecordedRequest sent = onlyRequest("GET", "/v1/convai/agents");
        assertThat(sent.queryParameters("search")).containsExactly(search);
        assertThat(sent.queryParameters("page_size")).containsExactly("3");
        assertThat(sent.queryParameters()).containsOnlyKeys("search", "page_size");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aHeaderValueWithCrLfIsRefusedBeforeAnyRequest(String transport) {
        ConvaiClient client = client(transport);

        assertThatThrownBy(() -> client.agents().list(null,
                RequestOptions.builder().header("x-trace", "abc\r\nxi-api-key: stolen").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x-trace");
        assertThatThrownBy(() -> client(transport, b -> b.defaultHeader("x-trace", "abc\nx-evil: 1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x-trace");
        assertThatThrownBy(() -> client.async().agents().list(null,
                RequestOptions.builder().header("x-trace", "abc\rdef").build()))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(fake.requests()).as("requests the fake received").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aMissingPathIdIsRefusedBeforeAnyRequestNamingTheParameter(String transport) {
        ConvaiClient client = client(transport);

        assertThatThrownBy(() -> client.agents().get(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent_id");
        assertThatThrownBy(() -> client.agents().get("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent_id");
        assertThatThrownBy(() -> client.async().agents().delete(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent_id");

        assertThat(fake.requests()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aRequiredQueryParameterLeftOutIsRefusedBeforeAnyRequest(String transport) {
        ConvaiClient client = client(transport);

        assertThatThrownBy(() -> client.conversations().getSignedUrl(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent_id");
        assertThatThrownBy(() -> client.async().conversations().getSignedUrl(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent_id");

        assertThat(fake.requests()).isEmpty();
    }
}
