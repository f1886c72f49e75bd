package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.FilePart;
import io.github.convai4j.models.agents.GetAgentEmbedResponse;
import io.github.convai4j.models.agents.PostAgentAvatarResponse;
import io.github.convai4j.models.common.WidgetConfigAvatar;
import io.github.convai4j.testkit.RecordedRequest;
import io.github.convai4j.testkit.StoredFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4: POST an agent's avatar (multipart part {@code avatar_file}) and read the widget configuration,
 * through {@code client.agents().widget().avatar()} and {@code client.agents().widget()}. The image is
 * compared byte for byte with what the fake parsed out of the multipart body, and with what it serves back
 * at the returned {@code avatar_url}.
 */
class AvatarAndWidgetEndToEndTest extends FakePlatformTestSupport {

    private static final String SOURCE = "io.github.convai4j.it.FakePlatformTestSupport#transports";

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void avatarFromBytesArrivesAsTheAvatarFilePartAndIsServedBackAtItsUrl(String transport) {
        ConvaiClient client = client(transport);
        String agentId = fake.addAgent("Support");
        byte[] image = payload(300_000, 1);

        PostAgentAvatarResponse uploaded = client.agents().widget().avatar().create(agentId,
                FilePart.of(image, "avatar.png").withContentType("image/png"));

        RecordedRequest sent = onlyRequest("POST", "/v1/convai/agents/{agent_id}/avatar");
        assertThat(sent.contentType()).startsWith("multipart/form-data; boundary=");
        assertThat(utf8(sent.body())).contains("Content-Disposition: form-data; name=\"avatar_file\"; filename=\"avatar.png\"")
                .contains("Content-Type: image/png");
        StoredFile stored = fake.avatar(agentId).orElseThrow();
        assertThat(stored.filename()).isEqualTo("avatar.png");
        assertThat(stored.contentType()).isEqualTo("image/png");
        assertThat(stored.bytes()).isEqualTo(image);
        String url = uploaded.avatarUrl().get();
        assertThat(uploaded.agentId()).isEqualTo(agentId);
        assertThat(url).startsWith(fake.baseUrl());
        assertThat(independentGetBytes(url)).isEqualTo(image);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void avatarFromAFileIsSentUnderTheFileNameAndTheWidgetConfigPointsAtIt(String transport, @TempDir Path dir)
            throws Exception {
        ConvaiClient client = client(transport);
        String agentId = fake.addAgent("Support");
        byte[] image = payload(1_500_000, 2);
        Path file = dir.resolve("face.jpg");
        Files.write(file, image);

        String url = client.agents().widget().avatar().create(agentId, FilePart.of(file).withContentType("image/jpeg"))
                .avatarUrl().get();
        GetAgentEmbedResponse widget = client.agents().widget().get(agentId);

        assertThat(fake.avatar(agentId).orElseThrow().bytes()).isEqualTo(image);
        assertThat(fake.avatar(agentId).orElseThrow().filename()).isEqualTo("face.jpg");
        RecordedRequest widgetRequest = onlyRequest("GET", "/v1/convai/agents/{agent_id}/widget");
        assertThat(widgetRequest.pathSegments()).containsExactly("v1", "convai", "agents", agentId, "widget");
        assertThat(widget.agentId()).isEqualTo(agentId);
        WidgetConfigAvatar avatar = widget.widgetConfig().avatar().get();
        assertThat(avatar.isImage()).as("avatar variant %s", avatar.discriminator()).isTrue();
        assertThat(avatar.asImage().url().get()).isEqualTo(url);
        assertThat(independentGetBytes(url)).isEqualTo(image);
    }
}
