package io.github.convai4j.models;

import io.github.convai4j.internal.Codecs;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.models.agents.CreateAgentRequest;
import io.github.convai4j.models.agents.GetAgentResponse;
import io.github.convai4j.models.agents.PromptAgentResponse;
import io.github.convai4j.models.agents.PromptAgentToolResponse;
import io.github.convai4j.models.common.ConvAISecretLocator;
import io.github.convai4j.models.common.ConversationalConfig;
import io.github.convai4j.models.common.CustomLLM;
import io.github.convai4j.models.common.LLM;
import io.github.convai4j.models.common.SecretOrEnvVarLocator;
import io.github.convai4j.models.secrets.PostWorkspaceSecretRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 4, test 3: unknown properties, unknown enum values and unknown union variants survive decode →
 * encode; and the rest of the lenient-reading, strict-writing contract (DESIGN decision 5).
 */
class UnknownsSurviveTest {

    private static final String AGENT = "{\"agent_id\":\"agent_1\",\"name\":\"Support\","
            + "\"metadata\":{\"created_at_unix_secs\":1,\"future_meta\":null},"
            + "\"conversation_config\":{\"agent\":{\"prompt\":{"
            + "\"llm\":\"gpt-99-preview\","
            + "\"tools\":[{\"type\":\"teleport\",\"name\":\"beam\",\"range_km\":4},"
            + "{\"type\":\"client\",\"name\":\"open_door\",\"description\":\"Opens it\",\"future_flag\":true}]}}},"
            + "\"future_top_level\":{\"nested\":[1,2.5,\"three\"]}}";

    @Test
    void unknownPropertiesEnumValuesAndUnionVariantsRoundTrip() {
        GetAgentResponse agent = Json.parse(AGENT, GetAgentResponse.codec());

        assertThat(agent.additionalProperties()).containsOnlyKeys("future_top_level");
        assertThat(agent.metadata().additionalProperties()).containsEntry("future_meta", JsonValue.NULL);

        PromptAgentResponse prompt = agent.conversationConfig().agent().prompt();
        LLM llm = prompt.llm().get();
        assertThat(llm.value()).isEqualTo("gpt-99-preview");
        assertThat(llm.known()).isEqualTo(LLM.Known.UNRECOGNIZED);
        assertThat(llm.isKnown()).isFalse();

        List<PromptAgentToolResponse> tools = prompt.tools().get();
        assertThat(tools.get(0).isUnknown()).isTrue();
        assertThat(tools.get(0).discriminator()).isEqualTo("teleport");
        assertThat(tools.get(0).asUnknown().raw().get("range_km")).isEqualTo(JsonValue.of(4));
        assertThat(tools.get(1).isClient()).isTrue();
        assertThat(tools.get(1).asClient().additionalProperties()).containsOnlyKeys("future_flag");
        assertThatThrownBy(() -> tools.get(0).asClient()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("teleport");

        assertThat(Json.toJsonValue(GetAgentResponse.codec(), agent)).isEqualTo(JsonValue.parse(AGENT));
        // and through a builder too
        assertThat(Json.toJsonValue(GetAgentResponse.codec(), agent.toBuilder().build()))
                .isEqualTo(JsonValue.parse(AGENT));
    }

    @Test
    void knownEnumValuesAreTheConstants() {
        assertThat(LLM.of("gpt-4o-mini")).isSameAs(LLM.GPT_4O_MINI);
        assertThat(LLM.GPT_4O_MINI.known()).isEqualTo(LLM.Known.GPT_4O_MINI);
        assertThat(LLM.of("gpt-99")).isEqualTo(LLM.of("gpt-99")).isNotEqualTo(LLM.GPT_4O_MINI);
    }

    @Test
    void aValueOfAnUnexpectedTypeIsKeptRawAndWrittenBack() {
        String json = "{\"agent_id\":\"a\",\"name\":42,\"tags\":[\"ok\",7],"
                + "\"metadata\":{\"created_at_unix_secs\":\"yesterday\"},\"conversation_config\":{}}";
        GetAgentResponse agent = Json.parse(json, GetAgentResponse.codec());

        assertThat(agent.additionalProperties()).containsEntry("name", JsonValue.of(42))
                .containsEntry("tags", JsonValue.parse("[\"ok\",7]"));
        assertThat(agent.tags().isAbsent()).isTrue();
        assertThatThrownBy(agent::name).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("GetAgentResponse.name").hasMessageContaining("additionalProperties()");
        assertThat(Json.toJsonValue(GetAgentResponse.codec(), agent)).isEqualTo(JsonValue.parse(json));

        // setting the property replaces the raw value instead of writing the name twice
        GetAgentResponse fixed = agent.toBuilder().name("Support").build();
        assertThat(Json.toJson(GetAgentResponse.codec(), fixed)).contains("\"name\":\"Support\"")
                .doesNotContain("42");
    }

    @Test
    void missingRequiredPropertiesFailOnAccessOrValidateNotOnRead() {
        GetAgentResponse agent = Json.parse("{\"name\":\"Support\"}", GetAgentResponse.codec());

        assertThat(agent.name()).isEqualTo("Support");
        assertThatThrownBy(agent::agentId).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("GetAgentResponse.agent_id").hasMessageContaining("was absent");
        assertThatThrownBy(agent::validate).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("agent_id").hasMessageContaining("conversation_config")
                .hasMessageContaining("metadata").hasMessageNotContaining("name,");
    }

    @Test
    void buildChecksRequiredPropertiesNamingTheMissingOnes() {
        assertThatThrownBy(() -> CreateAgentRequest.builder().name("x").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("CreateAgentRequest.Builder.build(): missing required property conversation_config;"
                        + " set it first");
        // name is nullable in the spec: null is sent as null; secret_id is not: null is refused
        assertThat(Json.toJson(CreateAgentRequest.codec(), CreateAgentRequest.builder().name((String) null)
                .conversationConfig(ConversationalConfig.builder().build()).build()))
                .isEqualTo("{\"conversation_config\":{},\"name\":null}");
        assertThatThrownBy(() -> ConvAISecretLocator.builder().secretId((String) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("ConvAISecretLocator.secret_id");
    }

    @Test
    void aUnionWithoutDiscriminatorPicksTheVariantByShapeAndKeepsTheJson() {
        CustomLLM secret = Json.parse("{\"url\":\"https://llm.example\",\"api_key\":{\"secret_id\":\"s1\"}}",
                CustomLLM.codec());
        CustomLLM env = Json.parse("{\"url\":\"https://llm.example\",\"api_key\":{\"env_var_label\":\"KEY\"}}",
                CustomLLM.codec());
        CustomLLM odd = Json.parse("{\"url\":\"https://llm.example\",\"api_key\":\"plain\"}", CustomLLM.codec());

        SecretOrEnvVarLocator s = secret.apiKey().get();
        assertThat(s.isConvAISecretLocator()).isTrue();
        assertThat(s.asConvAISecretLocator().secretId()).isEqualTo("s1");
        assertThat(env.apiKey().get().isConvAIEnvVarLocator()).isTrue();
        assertThat(env.apiKey().get().asConvAIEnvVarLocator().envVarLabel()).isEqualTo("KEY");
        // a string fits no variant: kept as raw JSON and written back
        assertThat(odd.apiKey().get().value()).isEqualTo(JsonValue.of("plain"));
        assertThat(Json.toJson(CustomLLM.codec(), odd)).isEqualTo(
                "{\"url\":\"https://llm.example\",\"api_key\":\"plain\"}");
    }

    @Test
    void toStringDoesNotShowSecretValues() {
        PostWorkspaceSecretRequest request = PostWorkspaceSecretRequest.builder().name("stripe")
                .value("sk_live_very_secret").build();

        assertThat(request.toString()).contains("stripe").contains("***").doesNotContain("sk_live_very_secret");
        assertThat(Json.toJson(PostWorkspaceSecretRequest.codec(), request)).contains("sk_live_very_secret");
    }
}
