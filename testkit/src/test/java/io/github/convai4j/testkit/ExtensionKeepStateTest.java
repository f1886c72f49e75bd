package io.github.convai4j.testkit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionKeepStateTest {

    @RegisterExtension
    static final FakeAgentsPlatformExtension fake = FakeAgentsPlatformExtension.create().keepStateBetweenTests();

    @Test
    @Order(1)
    void createsAnAgent() {
        fake.server().addAgent("kept");
    }

    @Test
    @Order(2)
    void theAgentIsStillThere() {
        assertThat(new Http(fake.server()).get("/v1/convai/agents").json().get("agents")).hasSize(1);
    }
}
