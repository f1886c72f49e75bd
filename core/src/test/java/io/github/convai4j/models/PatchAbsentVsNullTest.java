package io.github.convai4j.models;

import io.github.convai4j.internal.Codecs;
import io.github.convai4j.json.Json;
import io.github.convai4j.models.agents.GetAgentResponse;
import io.github.convai4j.models.agents.UpdateAgentRequest;
import io.github.convai4j.models.common.AgentConfig;
import io.github.convai4j.models.common.ConversationalConfig;
import io.github.convai4j.models.common.LLM;
import io.github.convai4j.models.common.PromptAgent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4, test 4: on the agent PATCH body, a property set to {@code null} is sent as {@code null}, properties
 * not set are not sent at all, and values are sent as set — compared byte for byte.
 */
class PatchAbsentVsNullTest {

    @Test
    void deepPromptChangeSendsNullForClearedFieldsAndNothingForUnsetOnes() {
        UpdateAgentRequest body = UpdateAgentRequest.builder()
                .conversationConfig(ConversationalConfig.builder()
                        .agent(AgentConfig.builder()
                                .prompt(PromptAgent.builder()
                                        .prompt("You are a terse assistant.")
                                        .llm(LLM.GPT_4O_MINI)
                                        .temperature(null)
                                        .maxTokens(256)
                                        .build())
                                .build())
                        .build())
                .build();

        assertThat(Json.toJson(UpdateAgentRequest.codec(), body)).isEqualTo(
                "{\"conversation_config\":{\"agent\":{\"prompt\":{"
                        + "\"prompt\":\"You are a terse assistant.\","
                        + "\"llm\":\"gpt-4o-mini\","
                        + "\"temperature\":null,"
                        + "\"max_tokens\":256}}}}");
    }

    @Test
    void anEmptyPatchIsAnEmptyObject() {
        assertThat(Json.toJson(UpdateAgentRequest.codec(), UpdateAgentRequest.builder().build())).isEqualTo("{}");
    }

    @Test
    void nullableTopLevelPropertiesKeepAllThreeStates() {
        UpdateAgentRequest cleared = UpdateAgentRequest.builder().name(null).build();
        UpdateAgentRequest named = UpdateAgentRequest.builder().name("Support").build();
        UpdateAgentRequest untouched = UpdateAgentRequest.builder().build();

        assertThat(Json.toJson(UpdateAgentRequest.codec(), cleared)).isEqualTo("{\"name\":null}");
        assertThat(Json.toJson(UpdateAgentRequest.codec(), named)).isEqualTo("{\"name\":\"Support\"}");
        assertThat(cleared.name().isNull()).isTrue();
        assertThat(untouched.name().isAbsent()).isTrue();
        assertThat(named.name().get()).isEqualTo("Support");
        // unset() makes a property absent again
        assertThat(Json.toJson(UpdateAgentRequest.codec(), named.toBuilder().unset("name").build()))
                .isEqualTo("{}");
    }

    @Test
    void readingKeepsTheThreeStatesAndWritesThemBackTheSame() {
        String json = "{\"conversation_config\":{\"agent\":{\"prompt\":{\"temperature\":null,\"max_tokens\":5}}}}";
        UpdateAgentRequest body = Json.parse(json, UpdateAgentRequest.codec());
        PromptAgent prompt = body.conversationConfig().agent().prompt();

        assertThat(prompt.temperature().isNull()).isTrue();
        assertThat(prompt.llm().isAbsent()).isTrue();
        assertThat(prompt.maxTokens().get()).isEqualTo(5L);
        assertThat(Json.toJson(UpdateAgentRequest.codec(), body)).isEqualTo(json);
    }

    @Test
    void aFetchedAgentsConfigFedIntoAnUpdateKeepsWhatThisVersionDoesNotKnow() {
        String fetched = "{\"agent_id\":\"agent_1\",\"name\":\"Support\",\"metadata\":{\"created_at_unix_secs\":1},"
                + "\"conversation_config\":{\"agent\":{\"first_message\":\"Hi\",\"future_agent_knob\":true,"
                + "\"prompt\":{\"prompt\":\"old\",\"future_prompt_knob\":{\"level\":3}}},\"future_section\":[1,2]},"
                + "\"future_top_level\":\"x\"}";
        GetAgentResponse agent = Json.parse(fetched, GetAgentResponse.codec());

        // a response's config is the response-side class; toRequestModel() makes the request side of it
        ConversationalConfig config = agent.conversationConfig().toRequestModel();
        AgentConfig agentConfig = config.agent();
        PromptAgent changed = agentConfig.prompt().toBuilder().prompt("new").build();
        UpdateAgentRequest update = UpdateAgentRequest.builder()
                .conversationConfig(config.toBuilder().agent(agentConfig.toBuilder().prompt(changed).build()).build())
                .build();

        assertThat(Json.toJson(UpdateAgentRequest.codec(), update)).isEqualTo(
                "{\"conversation_config\":{\"agent\":{\"first_message\":\"Hi\","
                        + "\"prompt\":{\"prompt\":\"new\",\"future_prompt_knob\":{\"level\":3}},"
                        + "\"future_agent_knob\":true},\"future_section\":[1,2]}}");
    }
}
