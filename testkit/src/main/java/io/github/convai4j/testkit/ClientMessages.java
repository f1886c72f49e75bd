package io.github.convai4j.testkit;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the client's messages as a strict server does (WEBSOCKET.md §3): checks each one against the protocol
 * and tells the {@link Agent} what it means, or that it broke the protocol and how
 * ({@code invalid_message}, {@code missing_fields}, {@code value_error}, {@code missing_dynamic_variable}).
 * Keeps no state of its own; on the I/O thread.
 */
final class ClientMessages {

    static final String INITIATION = "conversation_initiation_client_data";

    /** What the client's messages mean to the fake agent; called on the I/O thread. */
    interface Agent {
        /** Whether the initiation was accepted: until then, only an initiation may come. */
        boolean conversationStarted();

        void start(Initiation initiation);

        void pong(long eventId);

        void userAudio(byte[] audio);

        void userTurn(String text);

        void toolResult(String toolCallId, LiveMessage result);

        /** The message broke the protocol: the session closes with 1008 and this error type. */
        void violation(String errorType, String message);
    }

    /** The conversation's settings from a valid initiation and the agent. */
    static final class Initiation {
        /** With its placeholders filled; {@code ""} when the agent has none. */
        final String firstMessage;
        final boolean textOnly;
        final String outputFormat;
        final String inputFormat;
        final String userId;

        Initiation(String firstMessage, boolean textOnly, String outputFormat, String inputFormat, String userId) {
            this.firstMessage = firstMessage;
            this.textOnly = textOnly;
            this.outputFormat = outputFormat;
            this.inputFormat = inputFormat;
            this.userId = userId;
        }
    }

    private final Agent agent;
    private final RecordedRequest handshake;
    private final Map<String, Object> agentConfig;
    private final String agentId;
    private final String conversationId;

    ClientMessages(Agent agent, RecordedRequest handshake, Map<String, Object> agentConfig, String agentId,
                   String conversationId) {
        this.agent = agent;
        this.handshake = handshake;
        this.agentConfig = agentConfig;
        this.agentId = agentId;
        this.conversationId = conversationId;
    }

    void read(LiveMessage message) {
        if (!(message.tree() instanceof Map)) {
            agent.violation("invalid_message", message.isJson() ? "a message must be a JSON object"
                    : "a message must be JSON; this one is not well-formed");
            return;
        }
        String type = message.type();
        if (type == null) {
            agent.violation("invalid_message", "a message needs a string \"type\" (only an audio chunk has none)");
            return;
        }
        if (!agent.conversationStarted()) {
            if (INITIATION.equals(type)) {
                initiation(message);
            } else {
                agent.violation("invalid_message", "the first message must be " + INITIATION + ", got '" + type
                        + "'");
            }
            return;
        }
        switch (type) {
            case INITIATION:
            case "user_activity":
                return; // recorded; a repeated initiation changes nothing
            case "pong":
                if (field(message, "event_id", Number.class, true, false)) {
                    agent.pong(message.number("event_id").longValue());
                }
                return;
            case LiveMessage.USER_AUDIO_CHUNK:
                audioChunk(message);
                return;
            case "user_message":
                if (field(message, "text", String.class, false, true)) {
                    String text = message.string("text");
                    if (text != null) {
                        agent.userTurn(text);
                    }
                }
                return;
            case "multimodal_message":
                multimodal(message);
                return;
            case "client_tool_result":
                if (field(message, "tool_call_id", String.class, true, false)
                        && field(message, "result", String.class, true, false)
                        && field(message, "is_error", Boolean.class, true, false)) {
                    agent.toolResult(message.string("tool_call_id"), message);
                }
                return;
            case "contextual_update":
                field(message, "text", String.class, true, false);
                return;
            case "feedback":
                if (field(message, "event_id", Number.class, true, false)
                        && field(message, "score", String.class, true, true)) {
                    String unlistedScore = ContractValues.listed(message.string("score"),
                            ContractValues.FEEDBACK_SCORES, "feedback.score");
                    if (unlistedScore != null) {
                        agent.violation("value_error", unlistedScore);
                    }
                }
                return;
            case "mcp_tool_approval_result":
                if (field(message, "tool_call_id", String.class, true, false)) {
                    field(message, "is_approved", Boolean.class, true, false);
                }
                return;
            default:
                agent.violation("invalid_message", "unknown message type '" + type + "'");
        }
    }

    /** A binary frame: the protocol has none. */
    void readBinary(int length) {
        agent.violation("invalid_message", "binary frames are not part of the protocol (got " + length
                + " bytes): send JSON text frames");
    }

    private void initiation(LiveMessage message) {
        Map<String, Object> tree = cast(message.tree());
        String unlisted = ContractValues.listed(handshake.queryParameter("source"), ContractValues.SOURCES,
                "the URL's source parameter");
        if (unlisted == null) {
            unlisted = ContractValues.initiationProblem(tree);
        }
        if (unlisted != null) { // a strict server refuses what its documents do not list
            agent.violation("value_error", unlisted);
            return;
        }
        Object override = tree.get("conversation_config_override");
        Map<String, Object> overrides = override instanceof Map ? cast(override) : new HashMap<String, Object>();
        Object firstMessage = JsonTree.valueAt(overrides, "agent", "first_message");
        if (!(firstMessage instanceof String)) {
            firstMessage = JsonTree.valueAt(agentConfig, "conversation_config", "agent", "first_message");
        }
        Object textOnlyOverride = JsonTree.valueAt(overrides, "conversation", "text_only");
        Object textOnlyAgent = JsonTree.valueAt(agentConfig, "conversation_config", "conversation", "text_only");
        Object output = JsonTree.valueAt(agentConfig, "conversation_config", "tts", "agent_output_audio_format");
        Object input = JsonTree.valueAt(agentConfig, "conversation_config", "asr", "user_input_audio_format");
        Object variables = tree.get("dynamic_variables");
        Object user = tree.get("user_id");

        String first = firstMessage instanceof String ? (String) firstMessage : "";
        if (!first.isEmpty()) {
            List<String> missing = new ArrayList<>();
            first = DynamicVariables.fill(first, variables instanceof Map ? cast(variables)
                    : new HashMap<String, Object>(), agentId, conversationId, missing);
            if (!missing.isEmpty()) {
                agent.violation("missing_dynamic_variable", "Missing required dynamic variables in first message: "
                        + missing);
                return;
            }
        }
        agent.start(new Initiation(first,
                textOnlyOverride instanceof Boolean ? (Boolean) textOnlyOverride : Boolean.TRUE.equals(textOnlyAgent),
                output instanceof String ? (String) output : "pcm_16000",
                input instanceof String ? (String) input : "pcm_16000",
                user instanceof String ? (String) user : null));
    }

    private void audioChunk(LiveMessage message) {
        Object chunk = cast(message.tree()).get(LiveMessage.USER_AUDIO_CHUNK);
        if (!(chunk instanceof String)) {
            agent.violation("value_error", "user_audio_chunk must be a base64 string");
            return;
        }
        byte[] audio;
        try {
            audio = Base64.getDecoder().decode((String) chunk);
        } catch (IllegalArgumentException e) {
            agent.violation("value_error", "user_audio_chunk is not valid base64");
            return;
        }
        agent.userAudio(audio);
    }

    private void multimodal(LiveMessage message) {
        if (!field(message, "text", Map.class, false, true) || !field(message, "file", Map.class, false, true)) {
            return;
        }
        Object text = message.value("text", "text");
        if (text instanceof String) {
            agent.userTurn((String) text);
        }
    }

    /**
     * Checks a member of the message: present if {@code required}; if present, of {@code kind} ({@code Map} for
     * an object), or null if {@code nullable}. On a violation tells the agent ({@code missing_fields} or
     * {@code value_error}) and returns false.
     */
    private boolean field(LiveMessage message, String name, Class<?> kind, boolean required, boolean nullable) {
        Map<String, Object> tree = cast(message.tree());
        if (!tree.containsKey(name)) {
            if (required) {
                agent.violation("missing_fields", message.type() + " needs the field \"" + name + "\"");
                return false;
            }
            return true;
        }
        Object value = tree.get(name);
        if (value == null ? !nullable : !kind.isInstance(value)) {
            String expected = kind == Map.class ? "an object" : kind == Number.class ? "a number"
                    : "a " + kind.getSimpleName().toLowerCase(Locale.ROOT);
            agent.violation("value_error", message.type() + "." + name + " must be " + expected
                    + (nullable ? " or null" : ""));
            return false;
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object object) {
        return (Map<String, Object>) object;
    }
}
