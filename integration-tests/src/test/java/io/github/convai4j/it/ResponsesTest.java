package io.github.convai4j.it;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.BinaryResponse;
import io.github.convai4j.core.Page;
import io.github.convai4j.core.RawResponse;
import io.github.convai4j.core.RequestOptions;
import io.github.convai4j.http.ContentSource;
import io.github.convai4j.http.HttpMethod;
import io.github.convai4j.http.MultipartBody;
import io.github.convai4j.internal.ApiRequest;
import io.github.convai4j.internal.PageAccessors;
import io.github.convai4j.internal.ResponseHandlers;
import io.github.convai4j.it.FaultServer.Reply;
import io.github.convai4j.json.JsonCodec;
import io.github.convai4j.json.JsonValue;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** What goes over the wire and what comes back: bodies, encodings, raw and binary responses, paging. */
class ResponsesTest extends RuntimeTestSupport {

    record Agent(String agentId, String name) {
    }

    record AgentsPage(List<Agent> agents, String nextCursor, Boolean hasMore) {
    }

    /** Stand-in for a generated codec. */
    static final JsonCodec<Agent> AGENT = new JsonCodec<>() {
        @Override
        public Agent read(JsonParser p) throws IOException {
            String id = null;
            String name = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("agent_id")) {
                    id = p.getText();
                } else if (field.equals("name")) {
                    name = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            return new Agent(id, name);
        }

        @Override
        public void write(JsonGenerator g, Agent value) throws IOException {
            g.writeStartObject();
            g.writeStringField("name", value.name());
            g.writeEndObject();
        }
    };

    static final JsonCodec<AgentsPage> AGENTS_PAGE = new JsonCodec<>() {
        @Override
        public AgentsPage read(JsonParser p) throws IOException {
            List<Agent> agents = new ArrayList<>();
            String cursor = null;
            Boolean more = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "agents" -> {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            agents.add(AGENT.read(p));
                        }
                    }
                    case "next_cursor" -> cursor = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
                    case "has_more" -> more = p.getBooleanValue();
                    default -> p.skipChildren();
                }
            }
            return new AgentsPage(agents, cursor, more);
        }

        @Override
        public void write(JsonGenerator g, AgentsPage value) {
            throw new UnsupportedOperationException();
        }
    };

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void typedJsonRoundTripWithHeadersAsSent(String transport) {
        server.enqueue(Reply.json(200, agentJson("agent_1", "Support")));
        ApiRequest create = ApiRequest.builder(HttpMethod.POST, "/v1/convai/agents/create")
                .operationId("create_agent_route").jsonBody(new Agent(null, "Support"), AGENT).build();

        Agent created = context(client(transport)).execute(create, ResponseHandlers.json(AGENT), null);

        assertThat(created).isEqualTo(new Agent("agent_1", "Support"));
        FaultServer.Received sent = server.received().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.bodyText()).isEqualTo("{\"name\":\"Support\"}");
        assertThat(sent.headerValues("Content-Type")).containsExactly("application/json");
        assertThat(sent.headerValues("xi-api-key")).containsExactly(API_KEY);
        assertThat(sent.header("Accept")).isEqualTo("application/json");
        assertThat(sent.header("User-Agent")).matches("convai4j/0\\.1\\.0-SNAPSHOT \\(" + transport + "; Java 17[^)]*\\)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void pathParametersArriveAsOneEncodedSegment(String transport) {
        server.enqueue(Reply.json(200, "{}"), Reply.json(200, "{}"));
        ConvaiClient client = client(transport);

        context(client).execute(getAgent("../x y/\u00fc%"), ResponseHandlers.jsonValue(), null);
        context(client).execute(getAgent(".."), ResponseHandlers.jsonValue(), null);

        assertThat(server.received().get(0).rawPath()).isEqualTo("/v1/convai/agents/..%2Fx%20y%2F%C3%BC%25");
        assertThat(server.received().get(1).rawPath()).isEqualTo("/v1/convai/agents/%2E%2E");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void queryHeadersAndBodyExtrasFromRequestOptions(String transport) {
        server.enqueue(Reply.json(200, "{}"));
        ApiRequest update = ApiRequest.builder(HttpMethod.PATCH, "/v1/convai/agents/{agent_id}")
                .operationId("patch_agent_settings_route").pathParam("agent_id", "a1")
                .queryParams("tags", List.of("a b", "c&d"))
                .jsonBody(JsonValue.parse("{\"name\":\"Old\",\"tags\":[]}"))
                .build();

        context(client(transport)).execute(update, ResponseHandlers.jsonValue(), RequestOptions.builder()
                .header("x-experiment", "on").queryParam("branch_id", "b1")
                .bodyProperty("name", "New").bodyProperty("beta", true).build());

        FaultServer.Received sent = server.received().get(0);
        assertThat(sent.method()).isEqualTo("PATCH");
        assertThat(sent.rawQuery()).isEqualTo("tags=a%20b&tags=c%26d&branch_id=b1");
        assertThat(sent.header("x-experiment")).isEqualTo("on");
        assertThat(sent.bodyText()).isEqualTo("{\"name\":\"New\",\"tags\":[],\"beta\":true}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void multipartUploadArrivesWithItsParts(String transport) {
        server.enqueue(Reply.json(200, "{\"avatar_url\":\"https://cdn.example/a1.png\"}"));
        byte[] png = new byte[300_000];
        for (int i = 0; i < png.length; i++) {
            png[i] = (byte) (i * 7);
        }
        ApiRequest upload = ApiRequest.builder(HttpMethod.POST, "/v1/convai/agents/{agent_id}/avatar")
                .operationId("post_agent_avatar_route").pathParam("agent_id", "a1")
                .multipartBody(MultipartBody.builder().boundary("b0undary")
                        .addFile("avatar_file", "avatar.png", "image/png", ContentSource.ofBytes(png)).build())
                .build();

        JsonValue result = context(client(transport)).execute(upload, ResponseHandlers.jsonValue(), null);

        assertThat(result.get("avatar_url").asString()).endsWith("a1.png");
        FaultServer.Received sent = server.received().get(0);
        assertThat(sent.headerValues("Content-Type")).containsExactly("multipart/form-data; boundary=b0undary");
        byte[] head = ("--b0undary\r\nContent-Disposition: form-data; name=\"avatar_file\"; filename=\"avatar.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n--b0undary--\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] expected = new byte[head.length + png.length + tail.length];
        System.arraycopy(head, 0, expected, 0, head.length);
        System.arraycopy(png, 0, expected, head.length, png.length);
        System.arraycopy(tail, 0, expected, head.length + png.length, tail.length);
        assertThat(sent.body()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void rawResponseCarriesStatusHeadersAndRequestId(String transport) throws Exception {
        server.enqueue(Reply.json(201, agentJson("a1", "Support")).header("request-id", "req_raw").header("x-extra", "1"),
                Reply.json(200, agentJson("a2", "Sales")).header("x-trace-id", "trace_async"));
        ConvaiClient client = client(transport);

        RawResponse<Agent> raw = context(client).executeRaw(getAgent("a1"), ResponseHandlers.json(AGENT), null);
        RawResponse<Agent> rawAsync = context(client).executeRawAsync(getAgent("a2"), ResponseHandlers.json(AGENT), null)
                .get(10, TimeUnit.SECONDS);

        assertThat(raw.statusCode()).isEqualTo(201);
        assertThat(raw.requestId()).isEqualTo("req_raw");
        assertThat(raw.headers().first("x-extra")).isEqualTo("1");
        assertThat(raw.value().name()).isEqualTo("Support");
        assertThat(rawAsync.requestId()).isEqualTo("trace_async");
        assertThat(rawAsync.value().agentId()).isEqualTo("a2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void binaryDownloadStreamsToAFile(String transport, @TempDir Path dir) throws Exception {
        long size = 6L * 1024 * 1024 + 123;
        server.enqueue(Reply.status(200).header("Content-Type", "audio/mpeg").streamed(size));
        ApiRequest audio = ApiRequest.builder(HttpMethod.GET, "/v1/convai/conversations/{conversation_id}/audio")
                .operationId("get_conversation_audio_route").pathParam("conversation_id", "conv_1").build();

        Path file = dir.resolve("conversation.mp3");
        long written;
        try (BinaryResponse response = context(client(transport)).execute(audio, ResponseHandlers.binary(), null)) {
            assertThat(response.contentType()).isEqualTo("audio/mpeg");
            written = response.writeTo(file);
        }

        assertThat(written).isEqualTo(size);
        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(sha256(Files.newInputStream(file))).isEqualTo(expectedSha256(size));
        assertThat(server.received().get(0).header("Accept")).isEqualTo("*/*");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void asyncBinaryDownloadAndEarlyClose(String transport, @TempDir Path dir) throws Exception {
        long size = 2L * 1024 * 1024;
        server.enqueue(Reply.status(200).header("Content-Type", "text/csv").streamed(size),
                Reply.status(200).header("Content-Type", "text/csv").streamed(size),
                Reply.json(200, "{\"still\":\"working\"}"));
        ApiRequest export = ApiRequest.builder(HttpMethod.GET, "/v1/convai/batch-calling/{batch_id}/export")
                .operationId("export_batch_call").pathParam("batch_id", "b1").build();
        ConvaiClient client = client(transport);

        BinaryResponse csv = context(client).executeAsync(export, ResponseHandlers.binary(), null).get(10, TimeUnit.SECONDS);
        assertThat(csv.writeTo(dir.resolve("export.csv"))).isEqualTo(size);
        assertThat(sha256(Files.newInputStream(dir.resolve("export.csv")))).isEqualTo(expectedSha256(size));

        // Reading a little and closing early releases the exchange; the client keeps working.
        try (BinaryResponse partial = context(client).execute(export, ResponseHandlers.binary(), null)) {
            byte[] first = partial.body().readNBytes(10);
            assertThat(first[3]).isEqualTo(FaultServer.streamedByte(3));
        }
        JsonValue next = context(client).execute(getAgent("a1"), ResponseHandlers.jsonValue(), null);
        assertThat(next.get("still").asString()).isEqualTo("working");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void textAndEmptyResponses(String transport) throws Exception {
        server.enqueue(Reply.status(200).header("Content-Type", "text/html; charset=utf-8")
                        .body("<?xml version=\"1.0\"?><Response><Say>h\u00e9llo</Say></Response>"),
                Reply.status(204),
                Reply.status(204));
        ConvaiClient client = client(transport);
        ApiRequest register = ApiRequest.builder(HttpMethod.POST, "/v1/convai/twilio/register-call")
                .operationId("register_twilio_call").jsonBody(JsonValue.parse("{\"agent_id\":\"a1\"}")).build();
        ApiRequest delete = ApiRequest.builder(HttpMethod.DELETE, "/v1/convai/agents/{agent_id}")
                .operationId("delete_agent_route").pathParam("agent_id", "a1").build();

        assertThat(context(client).execute(register, ResponseHandlers.text(), null)).contains("<Say>h\u00e9llo</Say>");
        assertThat(context(client).execute(delete, ResponseHandlers.empty(), null)).isNull();
        assertThat(context(client).executeRaw(delete, ResponseHandlers.empty(), null).statusCode()).isEqualTo(204);
        assertThat(server.received().get(1).method()).isEqualTo("DELETE");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void pagingFollowsCursorsLazily(String transport) throws Exception {
        server.enqueue(
                Reply.json(200, "{\"agents\":[" + agentJson("a1", "A") + "," + agentJson("a2", "B") + "],\"next_cursor\":\"c/2\",\"has_more\":true}"),
                Reply.json(200, "{\"agents\":[" + agentJson("a3", "C") + "],\"next_cursor\":null,\"has_more\":false}"),
                Reply.json(200, "{\"agents\":[" + agentJson("a1", "A") + "],\"next_cursor\":\"c/2\",\"has_more\":true}"),
                Reply.json(200, "{\"agents\":[" + agentJson("a3", "C") + "],\"next_cursor\":null,\"has_more\":false}"));
        ConvaiClient client = client(transport);
        Function<String, ApiRequest> list = cursor -> ApiRequest.builder(HttpMethod.GET, "/v1/convai/agents")
                .operationId("get_agents_route").queryParam("page_size", 2).queryParam("cursor", cursor).build();
        PageAccessors<AgentsPage, Agent> accessors = PageAccessors.of(AgentsPage::agents, AgentsPage::nextCursor, AgentsPage::hasMore);

        Page<Agent, AgentsPage> first = context(client).executePage(list, AGENTS_PAGE, accessors, null);
        assertThat(server.received()).hasSize(1);
        List<String> names = first.streamAll().map(Agent::name).toList();

        assertThat(names).containsExactly("A", "B", "C");
        assertThat(server.received()).extracting(FaultServer.Received::rawQuery)
                .containsExactly("page_size=2", "page_size=2&cursor=c%2F2");

        List<String> asyncNames = new ArrayList<>();
        context(client).executePageAsync(list, AGENTS_PAGE, accessors, null)
                .thenCompose(page -> page.forEachAll(agent -> asyncNames.add(agent.name())))
                .get(10, TimeUnit.SECONDS);
        assertThat(asyncNames).containsExactly("A", "C");
    }

    private static String expectedSha256(long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] chunk = new byte[64 * 1024];
        for (long done = 0; done < size; ) {
            int n = (int) Math.min(chunk.length, size - done);
            for (int i = 0; i < n; i++) {
                chunk[i] = FaultServer.streamedByte(done + i);
            }
            digest.update(chunk, 0, n);
            done += n;
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(InputStream in) throws Exception {
        try (in) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        }
    }
}
