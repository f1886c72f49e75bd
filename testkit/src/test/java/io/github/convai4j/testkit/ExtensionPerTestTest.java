package io.github.convai4j.testkit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The extension in an instance field: a server per test, built from a builder. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionPerTestTest {

    @RegisterExtension
    final FakeAgentsPlatformExtension fake = FakeAgentsPlatformExtension.create(
            FakeAgentsPlatform.builder().authScheme(AuthScheme.BEARER).apiKey("per-test-key"));

    static FakeAgentsPlatform previous;

    @Test
    @Order(1)
    void firstTestGetsAServerWithTheBuildersSettings() {
        previous = fake.server();
        assertThat(previous.authScheme()).isEqualTo(AuthScheme.BEARER);
        assertThat(new Http(previous).get("/v1/convai/agents").status()).isEqualTo(200);
        previous.addAgent("only in the first test");
    }

    @Test
    @Order(2)
    void secondTestGetsAFreshServer() {
        assertThat(fake.server()).isNotSameAs(previous);
        assertThat(fake.apiKey()).isEqualTo("per-test-key");
        assertThat(new Http(fake.server()).get("/v1/convai/agents").json().get("agents")).isEmpty();
    }

    @Test
    void anExtensionThatIsNotRunningSaysHowToUseIt() {
        FakeAgentsPlatformExtension unregistered = FakeAgentsPlatformExtension.create();

        assertThatThrownBy(unregistered::server).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@RegisterExtension");
        assertThat(unregistered.toString()).contains("not running");
        assertThat(fake.toString()).doesNotContain("per-test-key");
    }
}
