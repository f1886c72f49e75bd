package io.github.convai4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WidgetAndAvatarTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, (byte) 0xC4, (byte) 0x89};

    static FakeAgentsPlatform server;
    static Http http;

    @BeforeAll
    static void start() {
        server = FakeAgentsPlatform.start();
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void widgetConfigCombinesWidgetSettingsWithTheAgentsLanguageAndFirstMessage() {
        String id = http.postJson("/v1/convai/agents/create", """
                {"conversation_config":{"agent":{"first_message":"Welcome!","language":"fr"}},
                 "platform_settings":{"widget":{"variant":"compact","bg_color":"#123456"}}}""")
                .json().get("agent_id").asText();

        Http.Response response = http.get("/v1/convai/agents/" + id + "/widget");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("agent_id").asText()).isEqualTo(id);
        JsonNode widget = body.get("widget_config");
        assertThat(widget.get("language").asText()).isEqualTo("fr");
        assertThat(widget.get("first_message").asText()).isEqualTo("Welcome!");
        assertThat(widget.get("variant").asText()).isEqualTo("compact");
        assertThat(widget.get("bg_color").asText()).isEqualTo("#123456");
        assertThat(widget.get("text_only").asBoolean()).isFalse();
        assertThat(widget.at("/avatar/type").asText()).isEqualTo("orb");
        assertThat(widget.at("/file_input_config/max_files_per_conversation").asInt()).isEqualTo(10);
        // members of the agent's widget settings that GetAgentEmbedResponseModel does not have
        assertThat(widget.has("custom_avatar_path")).isFalse();
        assertThat(widget.has("language_selector")).isFalse();
        assertThat(http.get("/v1/convai/agents/agent_nope/widget").status()).isEqualTo(404);
    }

    @Test
    void uploadedAvatarIsServedAtTheReturnedUrlAndReflectedInWidgetAndAgent() throws Exception {
        String id = server.addAgent("With avatar");

        Http.Response upload = http.postMultipart("/v1/convai/agents/" + id + "/avatar",
                new Http.Multipart().file("avatar_file", "me.png", "image/png", PNG));

        assertThat(upload.status()).as(upload.text()).isEqualTo(200);
        JsonNode body = upload.json();
        assertThat(body.get("agent_id").asText()).isEqualTo(id);
        String url = body.get("avatar_url").asText();
        assertThat(url).startsWith(server.baseUrl() + "/").endsWith(".png");

        // served back by a plain JDK client, without credentials, like a CDN URL
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try {
            assertThat(connection.getResponseCode()).isEqualTo(200);
            assertThat(connection.getContentType()).isEqualTo("image/png");
            assertThat(connection.getInputStream().readAllBytes()).isEqualTo(PNG);
        } finally {
            connection.disconnect();
        }

        JsonNode widget = http.get("/v1/convai/agents/" + id + "/widget").json().get("widget_config");
        assertThat(widget.at("/avatar/type").asText()).isEqualTo("image");
        assertThat(widget.at("/avatar/url").asText()).isEqualTo(url);
        assertThat(http.get("/v1/convai/agents/" + id).json().at("/platform_settings/widget/avatar/url").asText())
                .isEqualTo(url);

        StoredFile stored = server.avatar(id).orElseThrow();
        assertThat(stored.filename()).isEqualTo("me.png");
        assertThat(stored.contentType()).isEqualTo("image/png");
        assertThat(stored.bytes()).isEqualTo(PNG);
    }

    @Test
    void aNewAvatarGetsANewUrlAndTheOldOneStillServesTheOldImage() {
        String id = server.addAgent("A");
        String first = http.postMultipart("/v1/convai/agents/" + id + "/avatar",
                new Http.Multipart().file("avatar_file", "a.png", "image/png", PNG)).json().get("avatar_url").asText();
        byte[] second = "GIF89a-second".getBytes(StandardCharsets.US_ASCII);
        String secondUrl = http.postMultipart("/v1/convai/agents/" + id + "/avatar",
                new Http.Multipart().file("avatar_file", "b.gif", "image/gif", second)).json().get("avatar_url").asText();

        assertThat(secondUrl).isNotEqualTo(first);
        assertThat(http.anonymous().get(URI.create(first).getPath()).body()).isEqualTo(PNG);
        Http.Response latest = http.anonymous().get(URI.create(secondUrl).getPath());
        assertThat(latest.body()).isEqualTo(second);
        assertThat(latest.header("content-type")).isEqualTo("image/gif");
        assertThat(server.avatar(id).orElseThrow().filename()).isEqualTo("b.gif");
    }

    @Test
    void avatarWithoutThePartIsA422FieldRequired() {
        String id = server.addAgent("A");

        Http.Response response = http.postMultipart("/v1/convai/agents/" + id + "/avatar",
                new Http.Multipart().file("image", "me.png", "image/png", PNG));

        assertThat(response.status()).isEqualTo(422);
        JsonNode error = response.json().get("detail").get(0);
        assertThat(error.get("type").asText()).isEqualTo("missing");
        assertThat(error.get("loc").toString()).isEqualTo("[\"body\",\"avatar_file\"]");
        assertThat(error.get("msg").asText()).isEqualTo("Field required");
        assertThat(error.has("input")).isTrue();
        assertThat(server.avatar(id)).isEmpty();
    }

    @Test
    void avatarSentAsAPlainFieldWithoutFilenameIsRejectedLikeFastApi() {
        String id = server.addAgent("A");

        Http.Response response = http.postMultipart("/v1/convai/agents/" + id + "/avatar",
                new Http.Multipart().field("avatar_file", "not a file"));

        assertThat(response.status()).isEqualTo(422);
        JsonNode error = response.json().get("detail").get(0);
        assertThat(error.get("type").asText()).isEqualTo("value_error");
        assertThat(error.get("msg").asText()).contains("Expected UploadFile");
    }

    @Test
    void avatarSentAsJsonIsA422() {
        String id = server.addAgent("A");

        Http.Response response = http.postJson("/v1/convai/agents/" + id + "/avatar", "{\"avatar_file\":\"x\"}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().at("/detail/0/loc/1").asText()).isEqualTo("avatar_file");
    }

    @Test
    void malformedMultipartIsStarlettes400() {
        String id = server.addAgent("A");
        byte[] full = new Http.Multipart("b0undary").file("avatar_file", "me.png", "image/png", PNG).bytes();
        byte[] noCloseDelimiter = java.util.Arrays.copyOf(full, full.length - "--b0undary--\r\n".length());

        Http.Response truncated = http.send("POST", "/v1/convai/agents/" + id + "/avatar",
                Map.of("Content-Type", "multipart/form-data; boundary=b0undary"), noCloseDelimiter);
        Http.Response noBoundary = http.send("POST", "/v1/convai/agents/" + id + "/avatar",
                Map.of("Content-Type", "multipart/form-data"), full);
        Http.Response bareLf = http.send("POST", "/v1/convai/agents/" + id + "/avatar",
                Map.of("Content-Type", "multipart/form-data; boundary=b0undary"),
                new String(full, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1));

        for (Http.Response response : java.util.List.of(truncated, noBoundary, bareLf)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("detail").asText()).isEqualTo("There was an error parsing the body");
        }
        assertThat(server.avatar(id)).isEmpty();
    }

    @Test
    void multipartWithPreambleQuotedBoundaryAndUtf8FilenameIsAccepted() {
        String id = server.addAgent("A");
        String body = "preamble to ignore\r\n"
                + "--q b\r\n"
                + "Content-Disposition: form-data; name=\"avatar_file\"; filename=\"caf\u00e9.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n"
                + "PNGDATA\r\n"
                + "--q b--\r\nepilogue";

        Http.Response response = http.send("POST", "/v1/convai/agents/" + id + "/avatar",
                Map.of("Content-Type", "multipart/form-data; boundary=\"q b\""), body.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        StoredFile stored = server.avatar(id).orElseThrow();
        assertThat(stored.filename()).isEqualTo("caf\u00e9.png");
        assertThat(new String(stored.bytes(), StandardCharsets.UTF_8)).isEqualTo("PNGDATA");
    }

    @Test
    void avatarForAnUnknownAgentIs404() {
        Http.Response response = http.postMultipart("/v1/convai/agents/agent_unknown/avatar",
                new Http.Multipart().file("avatar_file", "me.png", "image/png", PNG));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().at("/detail/status").asText()).isEqualTo("agent_not_found");
    }

    @Test
    void duplicatedAgentKeepsTheAvatar() {
        String id = server.addAgent("A");
        http.postMultipart("/v1/convai/agents/" + id + "/avatar",
                new Http.Multipart().file("avatar_file", "me.png", "image/png", PNG));

        String copy = http.postJson("/v1/convai/agents/" + id + "/duplicate", "{}").json().get("agent_id").asText();

        String copyUrl = http.get("/v1/convai/agents/" + copy + "/widget").json().at("/widget_config/avatar/url").asText();
        assertThat(copyUrl).contains(copy);
        assertThat(http.anonymous().get(URI.create(copyUrl).getPath()).body()).isEqualTo(PNG);
    }
}
