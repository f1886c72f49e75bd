package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.RequestOptions;
import io.github.convai4j.errors.ApiException;
import io.github.convai4j.errors.UnprocessableEntityException;
import io.github.convai4j.http.ContentSource;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.MultipartBody;
import io.github.convai4j.http.RequestBody;
import io.github.convai4j.internal.ApiRequest;
import io.github.convai4j.internal.ResponseHandlers;
import io.github.convai4j.it.FaultServer.Reply;
import io.github.convai4j.json.JsonValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.event.Level;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * With every logger at TRACE (ours, the transports' and their libraries'), calls that carry the API key,
 * signed-URL tokens and a secret value leave none of them in any log line, while the bodies are logged.
 * That holds for Apache HttpClient's own header, wire and exec-chain loggers too, but for the request line
 * they print (a token put in the query string shows there, as HttpClientTransport's Javadoc says).
 */
class LoggingSafetyTest extends RuntimeTestSupport {

    private static final String SIGNATURE = "cvsig_SIGNATURE_9d8c7b6a";
    private static final String URL_TOKEN = "urltok_TOKEN_1a2b3c4d";
    private static final String QUERY_TOKEN = "qtok_QUERY_5e6f7a8b";
    private static final String SECRET_VALUE = "db-password-SECRET-0f1e2d";
    private static final String WEBHOOK_KEY = "whk_WEBHOOK_KEY_3c4d5e";
    private static final List<String> NEVER_LOGGED = List.of(API_KEY, SIGNATURE, URL_TOKEN, QUERY_TOKEN, SECRET_VALUE,
            WEBHOOK_KEY);

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void traceLogsShowBodiesButNoSecret(String transport) throws Exception {
        ConvaiClient client = client(transport, b -> b.maxRetries(1));
        server.enqueue(
                // 1. A signed URL in a response, and a token in the request's own query.
                Reply.json(200, "{\"signed_url\":\"wss://api.elevenlabs.io/v1/convai/conversation?agent_id=a1"
                        + "&conversation_signature=" + SIGNATURE + "&token=" + URL_TOKEN + "\"}").header("request-id", "req_1"),
                // 2. Creating a workspace secret: a sensitive body.
                Reply.json(200, "{\"type\":\"stored\",\"secret_id\":\"sec_1\",\"name\":\"db\"}"),
                // 3. A body with a credential property, rejected with its input echoed back; then retried? No: 422.
                Reply.json(422, "{\"detail\":[{\"type\":\"string_type\",\"loc\":[\"body\",\"webhook\",\"api_key\"],"
                        + "\"msg\":\"Input should be a valid string\",\"input\":{\"api_key\":\"" + WEBHOOK_KEY + "\"}}]}"),
                // 4. A server that echoes the key back in an error, first to an async call that is retried.
                Reply.json(500, "{\"detail\":{\"status\":\"internal\",\"message\":\"Failed for key " + API_KEY + "\"}}"),
                Reply.json(401, "{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key: " + API_KEY + "\"}}"));

        LogCapture.start();
        List<LogCapture.Event> events;
        Throwable validation;
        Throwable unauthorized;
        try {
            ApiRequest signedUrl = ApiRequest.builder(HttpMethod.GET, "/v1/convai/conversation/get-signed-url")
                    .operationId("get_conversation_signed_link").queryParam("agent_id", "a1").build();
            JsonValue signed = context(client).execute(signedUrl, ResponseHandlers.jsonValue(),
                    RequestOptions.builder().queryParam("token", QUERY_TOKEN).build());
            assertThat(signed.get("signed_url").asString()).contains(SIGNATURE);

            ApiRequest createSecret = ApiRequest.builder(HttpMethod.POST, "/v1/convai/secrets")
                    .operationId("create_secret_route")
                    .jsonBody(JsonValue.parse("{\"type\":\"new\",\"name\":\"db\",\"value\":\"" + SECRET_VALUE + "\"}"))
                    .sensitive(true)
                    .build();
            context(client).execute(createSecret, ResponseHandlers.jsonValue(), null);

            ApiRequest createTool = ApiRequest.builder(HttpMethod.POST, "/v1/convai/tools")
                    .operationId("add_tool_route")
                    .jsonBody(JsonValue.parse("{\"tool_config\":{\"name\":\"lookup\",\"webhook\":{\"api_key\":\""
                            + WEBHOOK_KEY + "\"}}}"))
                    .build();
            validation = catchThrowable(() -> context(client).execute(createTool, ResponseHandlers.jsonValue(), null));

            unauthorized = catchThrowable(() -> context(client)
                    .executeAsync(getAgent("a1"), ResponseHandlers.jsonValue(), null).get(10, TimeUnit.SECONDS));
        } finally {
            events = LogCapture.stop();
        }

        assertThat(validation).isInstanceOf(UnprocessableEntityException.class);
        assertThat(unauthorized.getCause()).isInstanceOf(ApiException.class);
        assertThat(server.received()).hasSize(5);

        // The bodies are logged at TRACE (so the check below is not vacuous) ...
        String clientLog = text(events.stream().filter(e -> e.logger().equals("io.github.convai4j.client")).toList());
        assertThat(clientLog)
                .contains("\"signed_url\":\"wss://api.elevenlabs.io/v1/convai/conversation?agent_id=a1")
                .contains("conversation_signature=<redacted>")
                .contains("\"tool_config\":{\"name\":\"lookup\",\"webhook\":{\"api_key\":\"<redacted>\"}}")
                .contains("Input should be a valid string")
                .contains("(body of a sensitive request, not logged)")
                .contains("xi-api-key: <redacted>")
                .contains("get_agent_route GET /v1/convai/agents/a1 -> 500")
                .contains("get_agent_route GET /v1/convai/agents/a1 -> 401");
        assertThat(events).anyMatch(e -> e.level() == Level.TRACE).anyMatch(e -> e.level() == Level.DEBUG);
        assertThat(events.stream().filter(e -> e.level() == Level.DEBUG && e.text()
                .startsWith("get_conversation_signed_link GET /v1/convai/conversation/get-signed-url?agent_id=a1&token=<redacted> -> 200 in "))
                .toList()).singleElement().satisfies(e -> assertThat(e.text()).endsWith("(attempt 1/2, request-id req_1)"));
        assertThat(clientLog).contains("get_agent_route: retrying in ").contains("create_secret_route POST /v1/convai/secrets -> 200 in ");

        // ... and no secret appears in any log line, nor in an exception message, HttpClient's own DEBUG
        // loggers included (headers, wire, exec chain: the transport makes its connections without their
        // header and wire logging). The one exception: HttpClient prints each request line, so a secret that
        // a caller puts in the query string shows there (HttpClientTransport's Javadoc says so).
        List<LogCapture.Event> leaks = events.stream()
                .filter(e -> NEVER_LOGGED.stream().anyMatch(e.text()::contains))
                .toList();
        assertThat(leaks).as("log lines holding a secret, other than HttpClient's request lines with the query token")
                .allMatch(e -> e.logger().startsWith("org.apache.hc.client5.http.")
                        && e.text().contains("GET /v1/convai/conversation/get-signed-url?agent_id=a1&token=" + QUERY_TOKEN)
                        && NEVER_LOGGED.stream().filter(e.text()::contains).toList().equals(List.of(QUERY_TOKEN)));
        String all = text(events);
        for (String secret : NEVER_LOGGED) {
            if (!secret.equals(QUERY_TOKEN)) {
                assertThat(all).as("logs must not contain %s", secret).doesNotContain(secret);
            }
            assertThat(text(events.stream().filter(e -> !e.logger().startsWith("org.apache.hc.")).toList()))
                    .as("convai4j's logs must not contain %s", secret).doesNotContain(secret);
            assertThat(validation.getMessage() + unauthorized.getMessage() + unauthorized.getCause().getMessage())
                    .doesNotContain(secret);
        }
        if (transport.equals("httpclient5")) {
            // Not vacuous: HttpClient's loggers were on for both clients. The classic client's connections
            // log no heads at all; the async client's header log shows the key masked.
            assertThat(events).anyMatch(e -> e.logger().startsWith("org.apache.hc.client5.http.impl.classic."))
                    .anyMatch(e -> e.logger().startsWith("org.apache.hc.client5.http.impl.async."));
            List<String> keyLines = events.stream()
                    .filter(e -> e.logger().equals("org.apache.hc.client5.http.headers") && e.text().contains("xi-api-key"))
                    .map(LogCapture.Event::text).toList();
            assertThat(keyLines).isNotEmpty().allMatch(t -> t.endsWith(">> xi-api-key: <redacted>"));
        }
        assertThat(server.received().get(1).bodyText()).contains(SECRET_VALUE); // it was sent, just not logged
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void traceHeadersMaskTheKeyWhateverTheHeaderName(String transport) throws Exception {
        ConvaiClient client = client(transport);
        // The server echoes the key in a header whose name says nothing of credentials, and points to a
        // signed URL; the caller sends the key under a custom name too.
        server.enqueue(Reply.json(200, "{\"agent_id\":\"a1\"}")
                .header("X-Echo", "received " + API_KEY)
                .header("Location", "https://api.elevenlabs.io/v1/convai/conversation?agent_id=a1&token=" + URL_TOKEN));

        LogCapture.start();
        List<LogCapture.Event> events;
        try {
            context(client).execute(getAgent("a1"), ResponseHandlers.jsonValue(),
                    RequestOptions.builder().header("X-Forwarded-For-Key", API_KEY).build());
        } finally {
            events = LogCapture.stop();
        }

        assertThat(server.received().get(0).header("X-Forwarded-For-Key")).isEqualTo(API_KEY); // it was sent
        List<String> headerLines = events.stream()
                .filter(e -> e.logger().equals("io.github.convai4j.client") && e.text().contains("headers")
                        || e.logger().equals("io.github.convai4j.client") && e.text().contains("attempt 1: GET"))
                .map(LogCapture.Event::text).toList();
        assertThat(String.join("\n", headerLines)).containsIgnoringCase("X-Echo: <redacted>"); // never shown
        assertThat(String.join("\n", headerLines))
                .contains("X-Forwarded-For-Key: <redacted>")
                .contains("xi-api-key: <redacted>")
                .contains("agent_id=a1&token=<redacted>")
                .doesNotContain(API_KEY)
                .doesNotContain(URL_TOKEN);
        assertThat(text(events)).doesNotContain(API_KEY).doesNotContain(URL_TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void traceDescribesAMultipartBodyByItsPartsAndNeverLogsPartContentsOrAnotherBodysOwnText(String transport)
            throws Exception {
        ConvaiClient client = client(transport);
        server.enqueue(Reply.json(200, "{\"id\":\"doc_1\"}"), Reply.json(200, "{\"id\":\"doc_2\"}"));
        String fileContent = "file content " + SECRET_VALUE;
        String fieldValue = "field value " + WEBHOOK_KEY;
        // A caller's own body: its toString is not ours, so it is never trusted in a log line.
        RequestBody ownBody = new RequestBody() {
            @Override
            public String contentType() {
                return "application/octet-stream";
            }

            @Override
            public long contentLength() {
                return 5;
            }

            @Override
            public boolean isRepeatable() {
                return true;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write("bytes".getBytes(StandardCharsets.US_ASCII));
            }

            @Override
            public String toString() {
                return "own body holding " + API_KEY;
            }
        };

        LogCapture.start();
        List<LogCapture.Event> events;
        try {
            ApiRequest upload = ApiRequest.builder(HttpMethod.POST, "/v1/convai/knowledge-base/file")
                    .operationId("create_file_document_route")
                    .multipartBody(MultipartBody.builder()
                            .addField("name", fieldValue)
                            .addFile("file", "notes.txt", "text/plain",
                                    ContentSource.ofBytes(fileContent.getBytes(StandardCharsets.UTF_8)))
                            .build())
                    .build();
            context(client).execute(upload, ResponseHandlers.jsonValue(), null);
            ApiRequest own = ApiRequest.builder(HttpMethod.POST, "/v1/convai/knowledge-base/file")
                    .operationId("create_file_document_route").body(ownBody).build();
            context(client).execute(own, ResponseHandlers.jsonValue(), null);
        } finally {
            events = LogCapture.stop();
        }

        assertThat(server.received()).hasSize(2);
        assertThat(server.received().get(0).bodyText()).contains(fileContent).contains(fieldValue); // sent, not logged
        List<String> sending = events.stream()
                .filter(e -> e.logger().equals("io.github.convai4j.client") && e.text().contains(" attempt 1: POST "))
                .map(LogCapture.Event::text).toList();
        assertThat(sending).hasSize(2);
        assertThat(sending.get(0))
                .contains("MultipartBody[Part[name=name, ContentSource[" + fieldValue.length() + " bytes]], "
                        + "Part[name=file, filename=notes.txt, text/plain, ContentSource[" + fileContent.length() + " bytes]]]");
        assertThat(sending.get(1)).contains("(application/octet-stream, 5 bytes, not logged)");
        assertThat(text(events)).doesNotContain(SECRET_VALUE).doesNotContain(WEBHOOK_KEY).doesNotContain(API_KEY)
                .doesNotContain("own body holding");
    }

    private static String text(List<LogCapture.Event> events) {
        StringBuilder sb = new StringBuilder();
        events.forEach(e -> sb.append(e).append('\n'));
        return sb.toString();
    }
}
