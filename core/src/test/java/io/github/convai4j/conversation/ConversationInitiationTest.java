package io.github.convai4j.conversation;

import io.github.convai4j.conversation.messages.ClientEvent;
import io.github.convai4j.conversation.messages.ConversationInitiationPayload;
import io.github.convai4j.conversation.messages.Language;
import io.github.convai4j.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationInitiationTest {

    @Test
    void valuesAreCheckedWhenSet() {
        ConversationInitiation.Builder b = ConversationInitiation.builder();
        assertThatThrownBy(() -> b.ttsSpeed(0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttsSpeed must be between 0.7 and 5.0");
        assertThatThrownBy(() -> b.ttsStability(1.5)).hasMessageContaining("ttsStability");
        assertThatThrownBy(() -> b.ttsSimilarityBoost(Double.NaN)).hasMessageContaining("ttsSimilarityBoost");
        assertThatThrownBy(() -> b.language("english please")).hasMessageContaining("language code");
        assertThatThrownBy(() -> b.dynamicVariable("", "x")).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> b.dynamicVariable("n", Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.clientEvents(Collections.<String>emptyList())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> b.nativeMcpServerIds(Collections.nCopies(11, "m"))).hasMessageContaining("at most 10");
        assertThatThrownBy(() -> b.customLlmExtraBody(JsonValue.of("x"))).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> b.property("type", JsonValue.NULL)).hasMessageContaining("cannot be changed");
        assertThatThrownBy(() -> b.userId(" ")).hasMessageContaining("userId must not be empty");
    }

    @Test
    void dynamicVariablesAcceptOnlyStringsNumbersAndBooleans() {
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("s", "x");
        ok.put("i", 3);
        ok.put("d", 2.5);
        ok.put("b", false);
        ConversationInitiation built = ConversationInitiation.builder().dynamicVariables(ok).build();
        assertThat(built.dynamicVariables()).containsEntry("s", JsonValue.of("x")).containsEntry("i", JsonValue.of(3))
                .containsEntry("d", JsonValue.of(2.5)).containsEntry("b", JsonValue.FALSE);
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("list", Arrays.asList(1, 2));
        assertThatThrownBy(() -> ConversationInitiation.builder().dynamicVariables(bad))
                .hasMessageContaining("'list' must be a String, Number or Boolean");
    }

    @Test
    void toStringNamesSettingsButNotValues() {
        ConversationInitiation initiation = ConversationInitiation.builder()
                .dynamicVariable("secret__api_token", "sk_live_123")
                .userId("user-42")
                .prompt("You are secret agent 007")
                .textOnly(true)
                .build();
        assertThat(initiation.toString()).contains("secret__api_token", "textOnly=true", "userId", "prompt")
                .doesNotContain("sk_live_123", "user-42", "007");
        assertThat(initiation.isTextOnly()).isTrue();
        assertThat(initiation.toBuilder().build().toJson()).isEqualTo(initiation.toJson());
    }

    @Test
    void theMessageIsTheGeneratedModelAndTurnsBackIntoABuilder() {
        ConversationInitiation initiation = ConversationInitiation.builder()
                .llm("gpt-4o")
                .language("no") // Norwegian: a YAML 1.1 reader would have made it false
                .clientEvents(Arrays.asList("audio", "brand_new_event"))
                .dynamicVariable("n", 1)
                .property("tool_mock_config", JsonValue.parse("{\"mocking_strategy\":\"all\"}"))
                .build();
        ConversationInitiationPayload payload = initiation.payload();
        assertThat(payload.type()).isEqualTo("conversation_initiation_client_data");
        assertThat(payload.conversationConfigOverride().agent().prompt().llm().get()).isEqualTo("gpt-4o");
        assertThat(payload.conversationConfigOverride().agent().language().get()).isEqualTo(Language.NO);
        assertThat(payload.conversationConfigOverride().conversation().clientEvents().get())
                .containsExactly(ClientEvent.AUDIO, ClientEvent.of("brand_new_event"));
        assertThat(payload.conversationConfigOverride().tts().isAbsent()).isTrue();
        assertThat(payload.additionalProperties()).containsOnlyKeys("tool_mock_config");
        assertThat(payload.toolMockConfig().isAbsent()).as("a property replaces the typed one").isTrue();

        ConversationInitiation copy = initiation.toBuilder().voiceId("v").build();
        assertThat(copy.payload().conversationConfigOverride().tts().voiceId().get()).isEqualTo("v");
        assertThat(copy.payload().conversationConfigOverride().agent()).isEqualTo(payload.conversationConfigOverride().agent());
        assertThat(copy.payload().additionalProperties()).isEqualTo(payload.additionalProperties());
        assertThat(initiation.toBuilder().build().payload()).isEqualTo(payload);
    }
}
