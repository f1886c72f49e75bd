package io.github.convai4j.codegen;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NamingTest {

    @Test
    void bodySchemasGetTheNamesAPersonWouldChoose() {
        assertThat(Naming.schemaClassName("Body_Create_Agent_v1_convai_agents_create_post")).isEqualTo("CreateAgentRequest");
        assertThat(Naming.schemaClassName("Body_Patches_an_Agent_settings_v1_convai_agents__agent_id__patch"))
                .isEqualTo("UpdateAgentRequest");
        assertThat(Naming.schemaClassName("Body_Bulk_move_tests_to_folder_v1_convai_agent_testing_bulk_move_post"))
                .isEqualTo("BulkMoveTestsToFolderRequest");
        // articles are dropped and "Request" is not doubled
        assertThat(Naming.schemaClassName("Body_Send_a_request_v1_x")).isEqualTo("SendRequest");
    }

    @Test
    void schemaNamesKeepTheirSpellingWithoutTheModelSuffix() {
        assertThat(Naming.schemaClassName("GetAgentResponseModel")).isEqualTo("GetAgentResponseModel");
        assertThat(Naming.withoutModelSuffix("GetAgentResponseModel")).isEqualTo("GetAgentResponse");
        assertThat(Naming.withoutModelSuffix("AgentConfigAPIModel")).isEqualTo("AgentConfig");
        assertThat(Naming.withoutModelSuffix("LLM")).isNull();
        assertThat(Naming.twinBase("PromptAgentAPIModel-Input")).isEqualTo("PromptAgentAPIModel");
        assertThat(Naming.schemaClassName("weird-name.v2")).isEqualTo("WeirdNameV2");
    }

    @Test
    void propertiesAreCamelCaseAndNeverKeywordsOrReservedMembers() {
        assertThat(Naming.propertyName("conversation_config")).isEqualTo("conversationConfig");
        assertThat(Naming.propertyName("mimeType")).isEqualTo("mimeType");
        assertThat(Naming.propertyName("URL")).isEqualTo("url");
        assertThat(Naming.propertyName("LLMConfig")).isEqualTo("llmConfig");
        assertThat(Naming.propertyName("_meta")).isEqualTo("meta");
        assertThat(Naming.propertyName("default")).isEqualTo("defaultValue");
        assertThat(Naming.propertyName("class")).isEqualTo("classValue");
        assertThat(Naming.propertyName("builder")).isEqualTo("builderValue");
        assertThat(Naming.propertyName("additional_properties")).isEqualTo("additionalPropertiesValue");
        assertThat(Naming.propertyName("value")).isEqualTo("value");
    }

    @Test
    void enumConstantsAreUpperSnake() {
        assertThat(Naming.constantName("gpt-4o-mini")).isEqualTo("GPT_4O_MINI");
        assertThat(Naming.constantName("claude-3.5-sonnet")).isEqualTo("CLAUDE_3_5_SONNET");
        assertThat(Naming.constantName("inProgress")).isEqualTo("IN_PROGRESS");
        assertThat(Naming.constantName("8000")).isEqualTo("V_8000");
        assertThat(Naming.constantName("")).isEqualTo("EMPTY");
        assertThat(Naming.constantName("ulaw_8000")).isEqualTo("ULAW_8000");
    }

    @Test
    void inlineUnionsAreNamedByWhatTheirVariantsShare() {
        assertThat(Naming.unionName(List.of("DependentAvailableAgentIdentifier", "DependentUnknownAgentIdentifier"),
                "Owner")).isEqualTo("DependentAgentIdentifier");
        assertThat(Naming.unionName(List.of("EndCallTriggerAction", "RetryTriggerAction"), "Owner"))
                .isEqualTo("TriggerAction");
        // nothing shared at the end: owner plus property
        assertThat(Naming.unionName(List.of("OrbAvatarX", "URLThing"), "WidgetConfigAvatar")).isEqualTo("WidgetConfigAvatar");
        // primitives and collections never give a derived name
        assertThat(Naming.unionName(List.of("MapOfString", "MapOfSecret"), "EnvValues")).isEqualTo("EnvValues");
        // the override table wins
        assertThat(Naming.unionName(List.of("ConvAISecretLocator", "ConvAIEnvVarLocator"), "X"))
                .isEqualTo("SecretOrEnvVarLocator");
    }

    @Test
    void groupsBecomePackageSegments() {
        assertThat(Naming.packageSegment("knowledge_base")).isEqualTo("knowledgebase");
        assertThat(Naming.camelWords("MCPToolConfig")).containsExactly("MCP", "Tool", "Config");
        assertThat(Naming.singular("tools")).isEqualTo("tool");
        assertThat(Naming.singular("entries")).isEqualTo("entry");
    }
}
