package io.github.convai4j.internal;

import io.github.convai4j.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiRequestTest {

    private static ApiRequest getAgent(String id) {
        return ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents/{agent_id}")
                .operationId("get_agent_route")
                .pathParam("agent_id", id)
                .build();
    }

    @ParameterizedTest(name = "''{0}'' stays one segment: {1}")
    @CsvSource(delimiter = '|', value = {
        "agent_123|agent_123",
        "../x|..%2Fx",
        "a/b|a%2Fb",
        "%|%25",
        "%2F|%252F",
        "with space|with%20space",
        "a?b#c|a%3Fb%23c",
        "a;b=c&d|a%3Bb%3Dc%26d",
        "ünï/\u00e7ode|%C3%BCn%C3%AF%2F%C3%A7ode",
        "emoji\uD83D\uDE00|emoji%F0%9F%98%80",
        ".|%2E",
        "..|%2E%2E",
        "...|...",
        "-._~|-._~",
    })
    void pathParameterIsPercentEncodedAsExactlyOneSegment(String id, String encoded) {
        ApiRequest request = getAgent(id);

        assertThat(request.path()).isEqualTo("/v1/convai/agents/" + encoded);
        assertThat(request.path().split("/")).hasSize(5);
    }

    @Test
    void aPathParameterWithAnUnpairedSurrogateIsRefusedNotSentAsAQuestionMark() {
        // Java's UTF-8 encoder turns a lone surrogate into '?', which would be sent as %3F: another id.
        assertThatThrownBy(() -> ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents/{agent_id}")
                .operationId("get_agent_route").pathParam("agent_id", "agent_\uD83D").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Path parameter 'agent_id' of get_agent_route")
                .hasMessageContaining("unpaired UTF-16 surrogate (U+D83D at index 6)");
        assertThatThrownBy(() -> ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents/{agent_id}")
                .pathParam("agent_id", "\uDE00x").build())
                .hasMessageContaining("U+DE00 at index 0");
        // A whole pair is a character: it is encoded as its four UTF-8 bytes.
        assertThat(ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents/{agent_id}")
                .pathParam("agent_id", "a\uD83D\uDE00").build().path()).isEqualTo("/v1/convai/agents/a%F0%9F%98%80");
    }

    @Test
    void nullPathParameterFailsNamingParameterAndOperation() {
        assertThatThrownBy(() -> getAgent(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'agent_id'")
                .hasMessageContaining("get_agent_route")
                .hasMessageContaining("null");
    }

    @Test
    void emptyPathParameterFails() {
        assertThatThrownBy(() -> getAgent(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'agent_id'")
                .hasMessageContaining("empty");
    }

    @Test
    void missingPathParameterFails() {
        assertThatThrownBy(() -> ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents/{agent_id}/widget").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'agent_id'")
                .hasMessageContaining("was not given");
    }

    @Test
    void pathParameterNotInTemplateFails() {
        assertThatThrownBy(() -> ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents")
                .pathParam("agent_id", "x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the path");
    }

    @Test
    void malformedTemplatesAreRejected() {
        assertThatThrownBy(() -> ApiRequest.builder(HttpMethod.GET, "v1/convai/agents"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents/{agent_id"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void severalPathParametersAreEachEncoded() {
        ApiRequest request = ApiRequest.builder(HttpMethod.DELETE, "/v1/convai/conversations/{conversation_id}/tags/{tag_id}")
                .pathParam("conversation_id", "c/1")
                .pathParam("tag_id", "t 2")
                .build();

        assertThat(request.path()).isEqualTo("/v1/convai/conversations/c%2F1/tags/t%202");
        assertThat(request.describe()).isEqualTo("DELETE /v1/convai/conversations/{conversation_id}/tags/{tag_id}");
    }

    @Test
    void queryParametersRepeatForArraysAndSkipNulls() {
        ApiRequest request = ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents/summaries")
                .queryParams("agent_ids", Arrays.asList("a", null, "b"))
                .queryParam("page_size", 30)
                .queryParam("archived", false)
                .queryParam("search", null)
                .queryParams("tags", null)
                .build();

        assertThat(request.queryParams()).containsExactly(
                Map.entry("agent_ids", "a"), Map.entry("agent_ids", "b"),
                Map.entry("page_size", "30"), Map.entry("archived", "false"));
    }

    @Test
    void headerWithLineBreakIsRejectedBeforeAnyIo() {
        assertThatThrownBy(() -> ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents").header("x-custom", "a\r\nb: c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CR");
    }
}
