package io.github.convai4j.testkit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The extension in a static field: one server for the class, reset before each test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionClassWideTest {

    @RegisterExtension
    static final FakeAgentsPlatformExtension fake = FakeAgentsPlatformExtension.create();

    static FakeAgentsPlatform firstServer;

    @Test
    @Order(1)
    void firstTestLeavesStateBehind(FakeAgentsPlatform injected) {
        assertThat(injected).isSameAs(fake.server());
        assertThat(fake.baseUrl()).isEqualTo(injected.baseUrl());
        assertThat(fake.apiKey()).isEqualTo(injected.apiKey());
        firstServer = injected;
        injected.addAgent("left behind");
        injected.injectFault(FaultRule.anyRequest().status(500));
        assertThat(new Http(injected).get("/v1/convai/agents").status()).isEqualTo(500);
    }

    @Test
    @Order(2)
    void secondTestSeesTheSameServerEmptied() {
        assertThat(fake.server()).isSameAs(firstServer);
        Http.Response response = new Http(fake.server()).get("/v1/convai/agents");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("agents")).isEmpty();
        assertThat(fake.server().requests()).hasSize(1);
    }

    @Nested
    class NestedTests {
        @Test
        void nestedClassesShareTheOuterServer() {
            assertThat(fake.server()).isSameAs(firstServer);
            assertThat(new Http(fake.server()).get("/v1/convai/agents").status()).isEqualTo(200);
        }
    }
}
