package io.github.convai4j.testkit;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The closed lists of values the API documents give for what a client sends on the conversation WebSocket,
 * so that the fake agent refuses what a strict server would. Copied from the documents (the testkit reads
 * nothing at run time); {@code integration-tests}' {@code FakeAgentContractTest} checks them against the
 * documents, both ways.
 */
final class ContractValues {

    /** OpenAPI {@code ConversationInitiationSource}: {@code source_info.source} and the URL's {@code source}. */
    static final Set<String> SOURCES = set(
            "unknown", "android_sdk", "node_js_sdk", "react_native_sdk", "react_sdk",
            "js_sdk", "python_sdk", "widget", "sip_trunk", "twilio",
            "exotel", "genesys", "avaya", "audiocodes", "swift_sdk",
            "whatsapp", "twilio_sms", "flutter_sdk", "zendesk_integration", "slack_integration",
            "telegram_integration", "intercom_integration", "freshdesk_integration", "salesforce_integration",
            "template_preview", "genesys_bot_connector", "subagent_tool");

    /** OpenAPI {@code ConversationInitiationSourceInfo.version}: its {@code maxLength}. */
    static final int MAX_SOURCE_VERSION_LENGTH = 50;

    /** AsyncAPI {@code Language}: {@code conversation_config_override.agent.language}. */
    static final Set<String> LANGUAGES = set(
            "en", "ja", "zh", "de", "hi", "fr", "ko", "pt", "pt-br", "it", "es", "id",
            "nl", "tr", "pl", "sv", "bg", "ro", "ar", "cs", "el", "fi", "ms", "da",
            "ta", "uk", "ru", "hu", "hr", "sk", "no", "vi", "tl", "af", "hy", "as",
            "az", "be", "bn", "bs", "ca", "et", "gl", "ka", "gu", "ha", "he", "is",
            "ga", "jv", "kn", "kk", "ky", "lv", "lt", "lb", "mk", "ml", "mr", "ne",
            "ps", "fa", "pa", "sr", "sd", "sl", "so", "sw", "te", "th", "ur", "cy");

    /** AsyncAPI {@code ClientEvent}: {@code conversation_config_override.conversation.client_events[]}. */
    static final Set<String> CLIENT_EVENTS = set(
            "audio", "agent_response", "agent_response_correction", "agent_chat_response_part",
            "agent_reasoning_response_part", "interruption", "user_transcript", "tentative_user_transcript",
            "conversation_initiation_metadata", "client_tool_call", "rich_content", "agent_tool_request",
            "agent_tool_response", "agent_tool_response_full_payload", "mcp_tool_call", "mcp_connection_status",
            "vad_score", "ping", "context_usage", "asr_initiation_metadata",
            "guardrail_triggered", "internal_turn_probability", "internal_tentative_agent_response", "agent_typing",
            "external_agent_connected", "external_agent_disconnected");

    /** AsyncAPI {@code ToolMockConfig.mocking_strategy}. */
    static final Set<String> MOCKING_STRATEGIES = set("none", "all", "selected");

    /** AsyncAPI {@code ToolMockConfig.fallback_strategy}. */
    static final Set<String> FALLBACK_STRATEGIES = set("raise_error", "call_real_tool");

    /** AsyncAPI {@code UserFeedbackPayload.score}. */
    static final Set<String> FEEDBACK_SCORES = set("like", "dislike");

    private ContractValues() {
    }

    /**
     * What in a {@code conversation_initiation_client_data} message the documents do not allow, or
     * {@code null} if nothing: a value outside one of the lists above.
     */
    static String initiationProblem(Map<String, Object> initiation) {
        Object source = JsonTree.valueAt(initiation, "source_info", "source");
        if (source != null && !(source instanceof String && SOURCES.contains(source))) {
            return "source_info.source " + quoted(source) + " is not a ConversationInitiationSource the API lists"
                    + " (" + SOURCES + ")";
        }
        Object version = JsonTree.valueAt(initiation, "source_info", "version");
        if (version instanceof String && ((String) version).length() > MAX_SOURCE_VERSION_LENGTH) {
            return "source_info.version is longer than " + MAX_SOURCE_VERSION_LENGTH + " characters";
        }
        String problem = listed(JsonTree.valueAt(initiation, "conversation_config_override", "agent", "language"),
                LANGUAGES, "conversation_config_override.agent.language");
        if (problem == null) {
            Object events = JsonTree.valueAt(initiation, "conversation_config_override", "conversation", "client_events");
            if (events instanceof List) {
                for (Object event : (List<?>) events) {
                    problem = problem != null ? problem
                            : listed(event, CLIENT_EVENTS, "conversation_config_override.conversation.client_events[]");
                }
            }
        }
        if (problem == null) {
            problem = listed(JsonTree.valueAt(initiation, "tool_mock_config", "mocking_strategy"), MOCKING_STRATEGIES,
                    "tool_mock_config.mocking_strategy");
        }
        if (problem == null) {
            problem = listed(JsonTree.valueAt(initiation, "tool_mock_config", "fallback_strategy"), FALLBACK_STRATEGIES,
                    "tool_mock_config.fallback_strategy");
        }
        return problem;
    }

    /** A problem with a value the documents list the allowed values of; {@code null} if it is absent or listed. */
    static String listed(Object value, Set<String> allowed, String where) {
        if (value == null || value instanceof String && allowed.contains(value)) {
            return null;
        }
        return where + " " + quoted(value) + " is not one the API lists (" + allowed + ")";
    }

    private static String quoted(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }

    private static Set<String> set(String... values) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(values)));
    }
}
