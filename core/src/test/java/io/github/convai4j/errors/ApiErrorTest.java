package io.github.convai4j.errors;

import io.github.convai4j.http.Headers;
import io.github.convai4j.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ApiErrorTest {

    private static final String OPERATION = "get_agent_route GET /v1/convai/agents/{agent_id}";

    private static ApiError parse(int status, String body, String... headers) {
        return ApiError.parse(status, Headers.of(headers), body, false, null, OPERATION);
    }

    @Test
    void detailObjectGivesCodeAndMessage() {
        ApiError error = parse(429, "{\"detail\":{\"status\":\"too_many_concurrent_requests\","
                + "\"message\":\"You have too many concurrent requests; the limit of your plan is 10.\"}}",
                "request-id", "req_123");

        assertThat(error.code()).isEqualTo("too_many_concurrent_requests");
        assertThat(error.message()).startsWith("You have too many concurrent requests");
        assertThat(error.detail().isObject()).isTrue();
        assertThat(error.requestId()).isEqualTo("req_123");
        assertThat(error.describe()).isEqualTo("429 Too Many Requests [too_many_concurrent_requests]: You have too many"
                + " concurrent requests; the limit of your plan is 10. (" + OPERATION + ", request-id req_123)");
    }

    @Test
    void detailStringIsTheMessage() {
        ApiError error = parse(404, "{\"detail\":\"Not Found\"}");

        assertThat(error.code()).isNull();
        assertThat(error.message()).isEqualTo("Not Found");
        assertThat(error.detail()).isEqualTo(JsonValue.of("Not Found"));
        assertThat(error.describe()).isEqualTo("404 Not Found: Not Found (" + OPERATION + ")");
    }

    @Test
    void detailArrayGivesValidationErrorsWithoutEchoingInput() {
        String body = "{\"detail\":["
                + "{\"type\":\"missing\",\"loc\":[\"body\",\"conversation_config\"],\"msg\":\"Field required\","
                + "\"input\":{\"name\":\"x\",\"secret\":\"sk_live_SHOULD_NOT_APPEAR\"}},"
                + "{\"type\":\"string_too_short\",\"loc\":[\"body\",\"tags\",0],\"msg\":\"String should have at least 1"
                + " character\",\"input\":\"\",\"ctx\":{\"min_length\":1}}]}";
        UnprocessableEntityException e = (UnprocessableEntityException) ApiException.of(parse(422, body));

        assertThat(e.validationErrors()).hasSize(2);
        ValidationError first = e.validationErrors().get(0);
        assertThat(first.loc()).containsExactly("body", "conversation_config");
        assertThat(first.location()).isEqualTo("body.conversation_config");
        assertThat(first.msg()).isEqualTo("Field required");
        assertThat(first.type()).isEqualTo("missing");
        assertThat(first.input().get("secret").asString()).isEqualTo("sk_live_SHOULD_NOT_APPEAR");
        assertThat(e.validationErrors().get(1).loc()).containsExactly("body", "tags", "0");
        assertThat(e.getMessage())
                .startsWith("422 Unprocessable Entity: body.conversation_config: Field required (missing);"
                        + " body.tags.0: String should have at least 1 character (string_too_short)")
                .doesNotContain("sk_live_SHOULD_NOT_APPEAR");
        assertThat(first.toString()).doesNotContain("sk_live");
    }

    @Test
    void longValidationListIsSummarized() {
        StringBuilder body = new StringBuilder("{\"detail\":[");
        for (int i = 0; i < 5; i++) {
            body.append(i > 0 ? "," : "").append("{\"loc\":[\"query\",\"p").append(i).append("\"],\"msg\":\"bad\",\"type\":\"t\"}");
        }
        ApiError error = parse(422, body.append("]}").toString());

        assertThat(error.message()).endsWith("(and 2 more)");
    }

    @Test
    void bodyThatIsNotJsonKeepsItsFirstLineAsMessage() {
        ApiError error = parse(502, "<html>\n<head><title>502 Bad Gateway</title></head>\n</html>");

        assertThat(error.detail()).isNull();
        assertThat(error.message()).isEqualTo("<html>");
        assertThat(error.body()).contains("502 Bad Gateway");
    }

    @Test
    void jsonWithoutDetailUsesTopLevelMessage() {
        ApiError error = parse(401, "{\"message\":\"Invalid x-api-key\",\"code\":\"unauthorized\"}");

        assertThat(error.code()).isEqualTo("unauthorized");
        assertThat(error.message()).isEqualTo("Invalid x-api-key");
    }

    @Test
    void otherJsonShapesAreKeptRaw() {
        String body = "{\"errors\":{\"agtprc_6qbpwdq8n01bxhk44bgjy6f10ck3\":[{\"message\":\"Field required\","
                + "\"path\":\"steps.0.message\"}]}}";
        ApiError error = parse(400, body);

        assertThat(error.detail()).isNull();
        assertThat(error.message()).isNull();
        assertThat(error.body()).isEqualTo(body);
        assertThat(error.describe()).isEqualTo("400 Bad Request (" + OPERATION + ")");
    }

    @Test
    void emptyBodyStillDescribesTheStatus() {
        assertThat(parse(503, "").describe()).isEqualTo("503 Service Unavailable (" + OPERATION + ")");
    }

    @Test
    void traceIdIsTheFallbackRequestId() {
        assertThat(parse(500, "", "x-trace-id", "trace-9").requestId()).isEqualTo("trace-9");
        assertThat(parse(500, "", "x-trace-id", "trace-9", "request-id", "req-1").requestId()).isEqualTo("req-1");
    }

    @Test
    void controlCharactersInServerMessagesDoNotBreakTheLogLine() {
        ApiError error = parse(400, "{\"detail\":\"line one\\r\\nFAKE LOG ENTRY\"}");

        assertThat(error.describe()).doesNotContain("\n").doesNotContain("\r").contains("line one  FAKE LOG ENTRY");
    }

    @Test
    void retryAfterIsShown() {
        ApiError error = ApiError.parse(429, Headers.empty(), "{\"detail\":{\"status\":\"system_busy\",\"message\":\"Busy\"}}",
                false, Duration.ofSeconds(120), OPERATION);
        assertThat(error.describe()).contains("retry after 120000 ms");
        assertThat(((RateLimitException) ApiException.of(error)).retryAfter()).isEqualTo(Duration.ofSeconds(120));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "400, BadRequestException",
        "401, AuthenticationException",
        "403, PermissionDeniedException",
        "404, NotFoundException",
        "409, ConflictException",
        "422, UnprocessableEntityException",
        "429, RateLimitException",
        "500, ServerException",
        "503, ServerException",
        "599, ServerException",
        "402, ApiException",
        "408, ApiException",
        "302, ApiException",
    })
    void eachStatusMapsToItsException(int status, String simpleName) {
        ApiException e = ApiException.of(parse(status, "{\"detail\":\"x\"}"));

        assertThat(e.getClass().getSimpleName()).isEqualTo(simpleName);
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e).isInstanceOf(ConvaiException.class).isInstanceOf(RuntimeException.class);
    }
}
