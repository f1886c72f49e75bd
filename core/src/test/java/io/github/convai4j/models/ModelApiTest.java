package io.github.convai4j.models;

import io.github.convai4j.internal.Codecs;
import io.github.convai4j.json.Field;
import io.github.convai4j.json.Json;
import io.github.convai4j.models.agents.AgentConfigResponse;
import io.github.convai4j.models.agents.GetAgentResponse;
import io.github.convai4j.models.agents.PromptAgentResponse;
import io.github.convai4j.models.common.AgentConfig;
import io.github.convai4j.models.common.ConvAISecretLocator;
import io.github.convai4j.models.common.LLM;
import io.github.convai4j.models.common.PromptAgent;
import org.junit.jupiter.api.Test;

import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 14, point 6: the model API. Nested optional values read without {@code .get()} chains, an empty value's
 * error names the model and the wire property, {@code null} is the obvious explicit null on every nullable
 * property, and a property goes back to absent with {@code unset}.
 */
class ModelApiTest {

    private static final String AGENT = "{\"agent_id\":\"a1\",\"name\":\"Support\",\"conversation_config\":"
            + "{\"agent\":{\"first_message\":\"Hi\",\"prompt\":{\"prompt\":\"Be brief.\",\"temperature\":null}}}}";

    @Test
    void nestedOptionalValuesReadWithoutGetChains() {
        GetAgentResponse agent = Json.parse(AGENT, GetAgentResponse.codec());

        assertThat(agent.conversationConfig().agent().prompt().prompt().get()).isEqualTo("Be brief.");
        assertThat(agent.conversationConfig().agent().firstMessage().orElse("")).isEqualTo("Hi");
        assertThat(agent.conversationConfig().agent().prompt().temperature().isNull()).isTrue();
    }

    @Test
    void anAbsentNestedModelIsAnEmptyStandInThatSaysSo() {
        GetAgentResponse agent = Json.parse("{\"conversation_config\":{}}", GetAgentResponse.codec());

        AgentConfigResponse config = agent.conversationConfig().agent();
        assertThat(config).isNotNull();
        assertThat(config.isAbsent()).isTrue();
        assertThat(config.isNull()).isFalse();
        // deeper levels are stand-ins too, and their properties are absent
        PromptAgentResponse prompt = config.prompt();
        assertThat(prompt.isAbsent()).isTrue();
        assertThat(prompt.prompt().isAbsent()).isTrue();
        assertThat(prompt.prompt().orElse("none")).isEqualTo("none");
        assertThat(prompt).hasToString("PromptAgentResponse<absent>");
        // a present model is not a stand-in, even an empty one
        GetAgentResponse withEmpty = Json.parse("{\"conversation_config\":{\"agent\":{}}}", GetAgentResponse.codec());
        assertThat(withEmpty.conversationConfig().agent().isAbsent()).isFalse();
        assertThat(withEmpty.conversationConfig().agent()).isNotEqualTo(config);
    }

    @Test
    void aNullNestedModelIsAStandInThatSaysSo() {
        GetAgentResponse agent = Json.parse("{\"conversation_config\":{\"agent\":{\"prompt\":null}}}",
                GetAgentResponse.codec());

        PromptAgentResponse prompt = agent.conversationConfig().agent().prompt();
        assertThat(prompt.isNull()).isTrue();
        assertThat(prompt.isAbsent()).isFalse();
        assertThat(prompt).hasToString("PromptAgentResponse<null>");
    }

    @Test
    void getOnAnEmptyFieldNamesTheModelAndTheWireProperty() {
        GetAgentResponse agent = Json.parse(AGENT, GetAgentResponse.codec());
        PromptAgentResponse prompt = agent.conversationConfig().agent().prompt();

        assertThatThrownBy(() -> prompt.temperature().get()).isInstanceOf(NoSuchElementException.class)
                .hasMessageStartingWith("PromptAgentResponse.temperature is null");
        assertThatThrownBy(() -> prompt.llm().get()).isInstanceOf(NoSuchElementException.class)
                .hasMessageStartingWith("PromptAgentResponse.llm is absent");
        // through a stand-in, the message says the model itself stands for an absent property
        GetAgentResponse bare = Json.parse("{\"conversation_config\":{}}", GetAgentResponse.codec());
        assertThatThrownBy(() -> bare.conversationConfig().agent().prompt().prompt().get())
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("PromptAgentResponse.prompt").hasMessageContaining("stands for a property");
    }

    @Test
    void aRequiredPropertyThrowsTheSameKindOfErrorNamingIt() {
        GetAgentResponse agent = Json.parse("{\"name\":\"Support\"}", GetAgentResponse.codec());

        assertThatThrownBy(agent::agentId).isInstanceOf(NoSuchElementException.class)
                .hasMessageStartingWith("GetAgentResponse.agent_id is required");
        assertThatThrownBy(agent::conversationConfig).isInstanceOf(NoSuchElementException.class)
                .hasMessageStartingWith("GetAgentResponse.conversation_config is required");
    }

    @Test
    void nullOnANullablePropertyCompilesAndIsSentAsJsonNull() {
        PromptAgent prompt = PromptAgent.builder().prompt("p").temperature(null).timezone(null).reasoningEffort(null)
                .build();

        assertThat(Json.toJson(PromptAgent.codec(), prompt))
                .isEqualTo("{\"prompt\":\"p\",\"reasoning_effort\":null,\"temperature\":null,\"timezone\":null}");
        // a nullable number takes a plain literal too
        assertThat(PromptAgent.builder().temperature(1).build().temperature().get()).isEqualTo(1.0);
    }

    @Test
    void nullWhereTheApiDoesNotAcceptItFailsAtOnceSayingWhatToDo() {
        assertThatThrownBy(() -> PromptAgent.builder().prompt(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("PromptAgent.prompt cannot be null: the API does not accept null for it. Pass a value,"
                        + " or leave it out with unset(\"prompt\")");
        assertThatThrownBy(() -> ConvAISecretLocator.builder().secretId(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("ConvAISecretLocator.secret_id");
    }

    @Test
    void unsetMakesPropertiesAbsentAgainAndRefusesNamesTheModelDoesNotHave() {
        PromptAgent full = PromptAgent.builder().prompt("p").llm(LLM.GPT_4O).temperature(0.2).build();

        assertThat(Json.toJson(PromptAgent.codec(), full.toBuilder().unset("llm", "temperature").build()))
                .isEqualTo("{\"prompt\":\"p\"}");
        assertThatThrownBy(() -> full.toBuilder().unset("temprature"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("PromptAgent has no property \"temprature\"; its properties are prompt, llm,")
                .hasMessageContaining("temperature");
    }

    @Test
    void aStandInCopiedIntoABuilderKeepsTheStateItStandsFor() {
        PromptAgent fetched = Json.parse("{\"custom_llm\":null}", PromptAgent.codec());

        // absent stays absent, null stays null
        PromptAgent copy = PromptAgent.builder().customLlm(fetched.customLlm()).rag(fetched.rag()).build();
        assertThat(Json.toJson(PromptAgent.codec(), copy)).isEqualTo("{\"custom_llm\":null}");
        // the server sent null where the spec does not allow it: copying that null into a request is refused
        AgentConfig odd = Json.parse("{\"prompt\":null}", AgentConfig.codec());
        assertThatThrownBy(() -> AgentConfig.builder().prompt(odd.prompt()))
                .isInstanceOf(NullPointerException.class).hasMessageStartingWith("AgentConfig.prompt cannot be null");
    }

    @Test
    void fieldEqualityIgnoresWhichPropertyItCameFrom() {
        PromptAgent a = PromptAgent.builder().prompt("x").build();
        PromptAgent b = PromptAgent.builder().timezone("x").build();

        assertThat(a.prompt()).isEqualTo(b.timezone()).isEqualTo(Field.of("x"));
    }
}
