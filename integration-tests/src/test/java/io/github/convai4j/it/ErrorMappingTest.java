package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.errors.ApiException;
import io.github.convai4j.errors.AuthenticationException;
import io.github.convai4j.errors.BadRequestException;
import io.github.convai4j.errors.ConflictException;
import io.github.convai4j.errors.NotFoundException;
import io.github.convai4j.errors.PermissionDeniedException;
import io.github.convai4j.errors.RateLimitException;
import io.github.convai4j.errors.ServerException;
import io.github.convai4j.errors.UnprocessableEntityException;
import io.github.convai4j.errors.ValidationError;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.internal.ApiRequest;
import io.github.convai4j.internal.ResponseHandlers;
import io.github.convai4j.it.FaultServer.Reply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Each error status, with the API's error bodies, maps onto its exception; through each transport. */
class ErrorMappingTest extends RuntimeTestSupport {

    private ApiException failWith(String transport, Reply reply) {
        server.enqueue(reply.header("request-id", "req_0123"));
        ConvaiClient client = client(transport, b -> b.maxRetries(0));
        Throwable failure = catchThrowable(() -> context(client).execute(getAgent("a1"), ResponseHandlers.jsonValue(), null));
        assertThat(failure).isInstanceOf(ApiException.class);
        ApiException e = (ApiException) failure;
        assertThat(e.requestId()).isEqualTo("req_0123");
        assertThat(e.getMessage()).contains("req_0123").contains("get_agent_route GET /v1/convai/agents/{agent_id}");
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void badRequestWithDetailString(String transport) {
        ApiException e = failWith(transport, Reply.json(400, "{\"detail\":\"Invalid conversation config\"}"));

        assertThat(e).isInstanceOf(BadRequestException.class);
        assertThat(e.serverMessage()).isEqualTo("Invalid conversation config");
        assertThat(e.getMessage()).startsWith("400 Bad Request: Invalid conversation config");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void unauthorizedWithDetailObject(String transport) {
        ApiException e = failWith(transport, Reply.json(401,
                "{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key\"}}"));

        assertThat(e).isInstanceOf(AuthenticationException.class);
        assertThat(e.code()).isEqualTo("invalid_api_key");
        assertThat(e.getMessage()).startsWith("401 Unauthorized [invalid_api_key]: Invalid API key");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void forbidden(String transport) {
        ApiException e = failWith(transport, Reply.json(403, "{\"detail\":{\"status\":\"missing_permissions\","
                + "\"message\":\"The API key you used is missing the permission convai_read to execute this operation.\"}}"));

        assertThat(e).isInstanceOf(PermissionDeniedException.class);
        assertThat(e.code()).isEqualTo("missing_permissions");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void notFound(String transport) {
        ApiException e = failWith(transport, Reply.json(404, "{\"detail\":{\"status\":\"agent_not_found\","
                + "\"message\":\"Agent a1 not found\"}}"));

        assertThat(e).isInstanceOf(NotFoundException.class);
        assertThat(e.detail().get("status").asString()).isEqualTo("agent_not_found");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void conflict(String transport) {
        ApiException e = failWith(transport, Reply.json(409, "{\"detail\":\"Tool config override already exists\"}"));

        assertThat(e).isInstanceOf(ConflictException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void validationErrorDetailArrayIsParsed(String transport) {
        ApiException e = failWith(transport, Reply.json(422, "{\"detail\":["
                + "{\"type\":\"missing\",\"loc\":[\"body\",\"conversation_config\"],\"msg\":\"Field required\","
                + "\"input\":{\"name\":\"Support\"}},"
                + "{\"type\":\"int_parsing\",\"loc\":[\"query\",\"page_size\"],\"msg\":\"Input should be a valid integer,"
                + " unable to parse string as an integer\",\"input\":\"ten\"}]}"));

        assertThat(e).isInstanceOf(UnprocessableEntityException.class);
        List<ValidationError> errors = ((UnprocessableEntityException) e).validationErrors();
        assertThat(errors).extracting(ValidationError::location).containsExactly("body.conversation_config", "query.page_size");
        assertThat(errors).extracting(ValidationError::type).containsExactly("missing", "int_parsing");
        assertThat(errors.get(1).input().asString()).isEqualTo("ten");
        assertThat(e.getMessage()).contains("body.conversation_config: Field required (missing)").doesNotContain("ten\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void rateLimitedWithCode(String transport) {
        ApiException e = failWith(transport, Reply.json(429, "{\"detail\":{\"status\":\"system_busy\","
                + "\"message\":\"The system is experiencing heavy traffic, please try again later.\"}}")
                .header("Retry-After", "3"));

        assertThat(e).isInstanceOf(RateLimitException.class);
        assertThat(e.code()).isEqualTo(RateLimitException.SYSTEM_BUSY);
        assertThat(e.retryAfter()).hasSeconds(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void serverErrorWithHtmlBody(String transport) {
        ApiException e = failWith(transport, Reply.status(502).header("Content-Type", "text/html")
                .body("<html><body>502 Bad Gateway</body></html>"));

        assertThat(e).isInstanceOf(ServerException.class);
        assertThat(e.statusCode()).isEqualTo(502);
        assertThat(e.body()).contains("502 Bad Gateway");
        assertThat(e.detail()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void internalServerErrorWithoutBody(String transport) {
        ApiException e = failWith(transport, Reply.status(500));

        assertThat(e).isInstanceOf(ServerException.class);
        assertThat(e.body()).isEmpty();
        assertThat(e.getMessage()).startsWith("500 Internal Server Error");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void otherStatusesAreTheGenericApiException(String transport) {
        ApiException e = failWith(transport, Reply.json(402, "{\"detail\":{\"status\":\"payment_required\",\"message\":\"Upgrade\"}}"));

        assertThat(e.getClass()).isEqualTo(ApiException.class);
        assertThat(e.code()).isEqualTo("payment_required");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void errorBodyIsBoundedTo64KiB(String transport) {
        ApiException e = failWith(transport, Reply.status(500).header("Content-Type", "text/plain").body("x".repeat(1_000_000)));

        assertThat(e.body()).hasSize(64 * 1024);
        assertThat(e.error().isBodyTruncated()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void asyncCallsMapStatusesTheSameWay(String transport) {
        server.enqueue(Reply.json(404, "{\"detail\":\"Not Found\"}"));

        Throwable failure = catchThrowable(() -> context(client(transport))
                .executeAsync(getAgent("a1"), ResponseHandlers.jsonValue(), null).get(10, TimeUnit.SECONDS));

        assertThat(failure.getCause()).isInstanceOf(NotFoundException.class).hasMessageContaining("Not Found");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void redirectsAreNotFollowedSoTheKeyNeverReachesAnotherHost(String transport) throws Exception {
        try (FaultServer elsewhere = new FaultServer()) {
            server.enqueue(Reply.status(307).header("Location", elsewhere.baseUrl() + "/v1/convai/agents/a1"));
            ApiRequest request = getAgent("a1");

            Throwable failure = catchThrowable(() -> context(client(transport)).execute(request, ResponseHandlers.jsonValue(), null));

            assertThat(failure).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.statusCode()).isEqualTo(307));
            assertThat(elsewhere.received()).isEmpty();
            assertThat(server.received().get(0).header("xi-api-key")).isEqualTo(API_KEY);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void badInputFailsBeforeAnyIo(String transport) {
        ConvaiClient client = client(transport);

        assertThat(catchThrowable(() -> getAgent(""))).isInstanceOf(IllegalArgumentException.class);
        assertThat(catchThrowable(() -> io.github.convai4j.core.RequestOptions.builder().header("x-trace", "a\r\nxi-api-key: stolen")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(catchThrowable(() -> context(client).executeAsync(
                ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents").build(), ResponseHandlers.jsonValue(),
                io.github.convai4j.core.RequestOptions.builder().bodyProperty("x", 1).build())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.received()).isEmpty();
    }
}
