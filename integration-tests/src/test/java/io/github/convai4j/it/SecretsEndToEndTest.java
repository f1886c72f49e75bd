package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.RawResponse;
import io.github.convai4j.errors.ApiException;
import io.github.convai4j.errors.NotFoundException;
import io.github.convai4j.models.secrets.ConvAIWorkspaceStoredSecretConfig;
import io.github.convai4j.models.secrets.PatchWorkspaceSecretRequest;
import io.github.convai4j.models.secrets.PostWorkspaceSecretRequest;
import io.github.convai4j.models.secrets.PostWorkspaceSecretResponse;
import io.github.convai4j.testkit.FaultRule;
import io.github.convai4j.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 5, the testkit's secrets through {@code client.secrets()}: the value is sent, never returned by
 * any endpoint, and never logged by the client, the transports or the fake, even at TRACE (every logger is
 * captured while these tests run, see {@link LogCapture}), Apache HttpClient's own header and wire loggers
 * included (see {@link LoggingSafetyTest}).
 */
class SecretsEndToEndTest extends FakePlatformTestSupport {

    private static final String SOURCE = "io.github.convai4j.it.FakePlatformTestSupport#transports";
    private static final String VALUE = "whsec_9f86d081884c7d659a2feaa0c55ad015";
    private static final String NEW_VALUE = "whsec_2c26b46b68ffc68ff99b453c1d304134";

    @AfterEach
    void stopCapturing() {
        LogCapture.stop();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void createSendsTheValueWhichTheFakeKeepsButNeverReturns(String transport) {
        ConvaiClient client = client(transport);
        LogCapture.start();

        PostWorkspaceSecretResponse created = client.secrets().create(PostWorkspaceSecretRequest.builder()
                .type("new").name("WEBHOOK_SECRET").value(VALUE).build());
        ConvAIWorkspaceStoredSecretConfig fetched = client.secrets().get(created.secretId());
        List<String> listed = new ArrayList<>();
        client.secrets().list().iterateAll().forEach(s -> listed.add(s.secretId() + "=" + s.name()));

        List<LogCapture.Event> logs = LogCapture.stop();
        RecordedRequest sent = onlyRequest("POST", "/v1/convai/secrets");
        assertThat(jsonBody(sent).get("value").asString()).isEqualTo(VALUE);
        assertThat(fake.secretHasValue(created.secretId(), VALUE)).isTrue();
        assertThat(created.name()).isEqualTo("WEBHOOK_SECRET");
        assertThat(created.additionalProperties()).doesNotContainKey("value");
        assertThat(fetched.name()).isEqualTo("WEBHOOK_SECRET");
        assertThat(fetched.additionalProperties()).doesNotContainKey("value");
        assertThat(listed).containsExactly(created.secretId() + "=WEBHOOK_SECRET");
        assertThat(independentGet("/v1/convai/secrets/" + created.secretId()).body()).doesNotContain(VALUE);
        assertThat(independentGet("/v1/convai/secrets").body()).doesNotContain(VALUE);
        assertThat(logs).as("events captured while the secret travelled").isNotEmpty();
        assertThat(logs).noneSatisfy(e -> assertThat(e.text()).contains(VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void updateReplacesTheValueAndDeleteRemovesTheSecret(String transport) {
        ConvaiClient client = client(transport);
        String secretId = client.secrets().create(PostWorkspaceSecretRequest.builder().type("new").name("TOKEN")
                .value(VALUE).build()).secretId();
        LogCapture.start();

        PostWorkspaceSecretResponse updated = client.secrets().update(secretId, PatchWorkspaceSecretRequest.builder()
                .type("update").name("TOKEN").value(NEW_VALUE).build());
        RawResponse<Void> deleted = client.secrets().withRawResponse().delete(secretId);

        List<LogCapture.Event> logs = LogCapture.stop();
        assertThat(jsonBody(onlyRequest("PATCH", "/v1/convai/secrets/{secret_id}")).get("value").asString())
                .isEqualTo(NEW_VALUE);
        assertThat(updated.secretId()).isEqualTo(secretId);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(fake.secretHasValue(secretId, NEW_VALUE)).as("deleted").isFalse();
        assertThatThrownBy(() -> client.secrets().get(secretId))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("secret_not_found"));
        assertThat(logs).isNotEmpty().noneSatisfy(e -> assertThat(e.text()).contains(NEW_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aFailedCreateNamesNoSecretInItsExceptionOrTheLogs(String transport) {
        ConvaiClient client = client(transport, b -> b.maxRetries(1));
        fake.injectFault(FaultRule.on("POST", "/v1/convai/secrets").status(500));
        PostWorkspaceSecretRequest request = PostWorkspaceSecretRequest.builder().type("new").name("TOKEN").value(VALUE).build();
        LogCapture.start();

        assertThatThrownBy(() -> client.secrets().create(request)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.toString()).doesNotContain(VALUE);
            assertThat(e.body()).doesNotContain(VALUE);
        });

        List<LogCapture.Event> logs = LogCapture.stop();
        assertThat(fake.requests("POST", "/v1/convai/secrets")).hasSize(2);
        assertThat(request.toString()).doesNotContain(VALUE);
        assertThat(logs).isNotEmpty().noneSatisfy(e -> assertThat(e.text()).contains(VALUE));
    }
}
