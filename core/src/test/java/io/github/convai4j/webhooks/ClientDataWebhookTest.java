package io.github.convai4j.webhooks;

import io.github.convai4j.json.JsonValue;
import io.github.convai4j.models.common.AgentConfigOverride;
import io.github.convai4j.models.common.ConversationConfigClientOverride;
import io.github.convai4j.models.common.PromptAgentAPIModelOverride;
import io.github.convai4j.models.common.TTSConversationalConfigOverride;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.github.convai4j.webhooks.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientDataWebhookTest {

    static final String REQUEST = "{\"caller_id\":\"+14155550100\",\"agent_id\":\"agent_1\","
            + "\"called_number\":\"+14155550199\",\"call_sid\":\"CA0123456789abcdef\",\"something_new\":[1]}";

    @Test
    void readsTheFieldsOfTheRequest() throws IOException {
        for (ClientDataRequest request : new ClientDataRequest[] {ClientDataRequest.parse(utf8(REQUEST)),
            ClientDataRequest.parse(new ByteArrayInputStream(utf8(REQUEST)))}) {
            assertThat(request.agentId()).isEqualTo("agent_1");
            assertThat(request.callerId()).hasValue("+14155550100");
            assertThat(request.calledNumber()).hasValue("+14155550199");
            assertThat(request.callSid()).hasValue("CA0123456789abcdef");
            assertThat(request.additionalProperties()).containsOnlyKeys("something_new");
            assertThat(request.raw()).isEqualTo(JsonValue.parse(REQUEST));
            assertThat(request.toString()).isEqualTo("ClientDataRequest[agent_id=agent_1, call_sid=CA0123456789abcdef]")
                    .doesNotContain("+1415");
        }
    }

    @Test
    void reportsMissingFieldsWhenAskedFor() {
        ClientDataRequest request = ClientDataRequest.parse(utf8("{\"caller_id\":null,\"call_sid\":5}"));
        assertThat(request.callerId()).isEmpty();
        assertThat(request.calledNumber()).isEmpty();
        assertThatThrownBy(request::agentId).isInstanceOf(IllegalStateException.class).hasMessageContaining("agent_id");
        assertThatThrownBy(request::callSid).isInstanceOf(IllegalStateException.class).hasMessageContaining("not a string");
    }

    @Test
    void rejectsABodyThatIsNotAnObject() {
        for (String body : new String[] {"", "[]", "\"x\"", "{\"a\":", "{} {}"}) {
            assertThatThrownBy(() -> ClientDataRequest.parse(utf8(body))).as(body)
                    .isInstanceOf(WebhookPayloadException.class);
        }
    }

    @Test
    void writesTheResponseTheSchemaDescribes() {
        ClientDataResponse response = ClientDataResponse.builder()
                .dynamicVariable("customer_name", "Ada")
                .dynamicVariable("open_orders", 2)
                .dynamicVariable("balance", 10.5)
                .dynamicVariable("vip", true)
                .conversationConfigOverride(ConversationConfigClientOverride.builder()
                        .agent(AgentConfigOverride.builder()
                                .prompt(PromptAgentAPIModelOverride.builder().prompt("Be brief.").build())
                                .firstMessage("Hi {{customer_name}}!")
                                .language("en")
                                .build())
                        .tts(TTSConversationalConfigOverride.builder().voiceId("voice_1").build())
                        .build())
                .userId("customer-42")
                .property("custom_llm_extra_body", JsonValue.parse("{\"temperature\":0.2}"))
                .build();
        assertThat(JsonValue.parse(response.toJson())).isEqualTo(JsonValue.parse("{"
                + "\"type\":\"conversation_initiation_client_data\","
                + "\"dynamic_variables\":{\"customer_name\":\"Ada\",\"open_orders\":2,\"balance\":10.5,\"vip\":true},"
                + "\"conversation_config_override\":{\"agent\":{\"prompt\":{\"prompt\":\"Be brief.\"},"
                + "\"first_message\":\"Hi {{customer_name}}!\",\"language\":\"en\"},\"tts\":{\"voice_id\":\"voice_1\"}},"
                + "\"user_id\":\"customer-42\",\"custom_llm_extra_body\":{\"temperature\":0.2}}"));
        assertThat(response.toJson()).startsWith("{\"type\":\"conversation_initiation_client_data\"");
        assertThat(response.toBytes()).isEqualTo(utf8(response.toJson()));
        assertThat(response.toString()).isEqualTo("ClientDataResponse[dynamic_variables=[customer_name, open_orders,"
                + " balance, vip], conversation_config_override, user_id, custom_llm_extra_body]").doesNotContain("Ada");
    }

    @Test
    void writesOnlyTheTypeWhenNothingElseIsSet() {
        assertThat(ClientDataResponse.builder().build().toJson())
                .isEqualTo("{\"type\":\"conversation_initiation_client_data\"}");
    }

    @Test
    void takesDynamicVariablesFromAMap() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("name", "Ada");
        variables.put("count", 3);
        variables.put("ratio", 0.5f);
        variables.put("ok", false);
        assertThat(ClientDataResponse.builder().dynamicVariables(variables).build().dynamicVariables())
                .containsExactly(entry("name", JsonValue.of("Ada")), entry("count", JsonValue.of(3)),
                        entry("ratio", JsonValue.of(0.5)), entry("ok", JsonValue.FALSE));
    }

    @Test
    void rejectsWhatThePlatformWouldRefuseBeforeAnythingIsSent() {
        ClientDataResponse.Builder b = ClientDataResponse.builder();
        assertThatThrownBy(() -> b.dynamicVariable("system__caller_id", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> b.dynamicVariable(" ", "x")).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> b.dynamicVariable("x", (String) null)).hasMessageContaining("must not be null");
        assertThatThrownBy(() -> b.dynamicVariable("x", Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> b.dynamicVariables(Collections.singletonMap("x", new int[0])))
                .hasMessageContaining("must be a String, a number or a Boolean");
        assertThatThrownBy(() -> b.dynamicVariables(Collections.singletonMap("x", null)))
                .hasMessageContaining("got null");
        assertThatThrownBy(() -> b.property("type", JsonValue.of("x"))).hasMessageContaining("its own method");
        assertThatThrownBy(() -> b.property("branch_id", null)).hasMessageContaining("JsonValue.NULL");
        assertThatThrownBy(() -> b.conversationConfigOverride(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.userId("")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map.Entry<String, JsonValue> entry(String key, JsonValue value) {
        return new java.util.AbstractMap.SimpleEntry<>(key, value);
    }
}
