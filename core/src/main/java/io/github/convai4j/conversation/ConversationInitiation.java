package io.github.convai4j.conversation;

import io.github.convai4j.conversation.messages.ASRConversationalConfigOverride;
import io.github.convai4j.conversation.messages.AgentConfigOverride;
import io.github.convai4j.conversation.messages.ClientEvent;
import io.github.convai4j.conversation.messages.ConversationConfigClientOverride;
import io.github.convai4j.conversation.messages.ConversationConfigOverride;
import io.github.convai4j.conversation.messages.ConversationInitiationPayload;
import io.github.convai4j.conversation.messages.Language;
import io.github.convai4j.conversation.messages.PromptAgentOverride;
import io.github.convai4j.conversation.messages.SourceInfo;
import io.github.convai4j.conversation.messages.TTSConversationalConfigOverride;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.models.common.ConversationInitiationSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a live session sends first, as {@code conversation_initiation_client_data}: overrides of the agent's
 * configuration for this conversation, dynamic variables, the user's id, extra LLM parameters and where the
 * call comes from. Everything is optional; the session sends the message automatically, before anything else.
 *
 * <pre>{@code
 * ConversationInitiation initiation = ConversationInitiation.builder()
 *         .textOnly(true)
 *         .firstMessage("Hi Ada, what can I do for you?")
 *         .dynamicVariable("user_name", "Ada")
 *         .dynamicVariable("vip", true)
 *         .build();
 * }</pre>
 *
 * <p>The server refuses overrides that the agent's {@code platform_settings} do not enable and ends the
 * conversation with close code 1008 and error type {@code override_error}.
 *
 * <p>It holds the message as the model generated from the protocol's AsyncAPI document,
 * {@link ConversationInitiationPayload} ({@link #payload()}); the builder checks each value as it is set, so bad
 * input fails before anything is sent.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows which settings are made and the names of the
 * dynamic variables, never their values (a dynamic variable may carry a secret, e.g. one named
 * {@code secret__token}).
 */
public final class ConversationInitiation {

    /**
     * The {@code source_info.source} sent unless {@link Builder#sourceInfo} says otherwise: {@value}, the
     * default of the API's {@code ConversationInitiationSource}. That list is closed and names no Java SDK, so
     * convai4j sends the one value it lists for a client it does not name.
     */
    public static final String DEFAULT_SOURCE = "unknown";

    /** The longest {@code source_info.version} the API accepts. */
    static final int MAX_SOURCE_VERSION_LENGTH = 50;

    private static final ConversationInitiation EMPTY = builder().build();

    /** The message as its generated model, {@code source_info.version} left to the writer (the library's own). */
    private final ConversationInitiationPayload payload;

    ConversationInitiation(ConversationInitiationPayload payload) {
        this.payload = payload;
    }

    /**
     * Returns a builder with nothing set.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the initiation that overrides nothing (it still names the source, see
     * {@link Builder#sourceInfo}).
     *
     * @return the empty initiation
     */
    public static ConversationInitiation empty() {
        return EMPTY;
    }

    /**
     * Tells whether the conversation is set to text only ({@code conversation.text_only}).
     *
     * @return {@code true} if text only was set to {@code true}
     */
    public boolean isTextOnly() {
        return payload.conversationConfigOverride().conversation().textOnly().orElse(false);
    }

    /**
     * Returns the dynamic variables.
     *
     * @return the variables, in the order set; values are JSON strings, numbers or booleans
     */
    public Map<String, JsonValue> dynamicVariables() {
        Map<String, JsonValue> variables = payload.dynamicVariables().orElse(null);
        return variables == null ? Collections.<String, JsonValue>emptyMap() : variables;
    }

    /**
     * Returns the message as its generated model ({@link ConversationInitiationPayload}), as it is sent but for
     * {@code source_info.version}, which the session fills with convai4j's version when the source is
     * {@link #DEFAULT_SOURCE} and no version was set.
     *
     * @return the model
     */
    public ConversationInitiationPayload payload() {
        return payload;
    }

    /**
     * Returns the message as it is sent.
     *
     * @return the {@code conversation_initiation_client_data} JSON
     */
    public String toJson() {
        return ClientMessages.initiation(this, LibraryVersion.get());
    }

    /**
     * Returns a builder holding these settings.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder(payload);
    }

    @Override
    public String toString() {
        ConversationConfigClientOverride o = payload.conversationConfigOverride();
        AgentConfigOverride agent = o.agent();
        PromptAgentOverride prompt = agent.prompt();
        TTSConversationalConfigOverride tts = o.tts();
        ConversationConfigOverride conversation = o.conversation();
        List<String> set = new ArrayList<>();
        // values that may be personal or secret (prompt, first message, user id, variables' values) are only named
        named(set, "prompt", prompt.prompt().isPresent());
        shown(set, "llm", prompt.llm().orElse(null));
        named(set, "firstMessage", agent.firstMessage().isPresent());
        shown(set, "language", agent.language().isPresent() ? agent.language().get().value() : null);
        List<String> servers = agent.nativeMcpServerIds().orElse(null);
        shown(set, "nativeMcpServerIds", servers == null ? null : servers.size());
        shown(set, "voiceId", tts.voiceId().orElse(null));
        shown(set, "ttsSpeed", tts.speed().orElse(null));
        shown(set, "ttsStability", tts.stability().orElse(null));
        shown(set, "ttsSimilarityBoost", tts.similarityBoost().orElse(null));
        List<String> keywords = o.asr().keywords().orElse(null);
        shown(set, "asrKeywords", keywords == null ? null : keywords.size());
        shown(set, "textOnly", conversation.textOnly().orElse(null));
        shown(set, "clientEvents", conversation.clientEvents().orElse(null));
        if (!dynamicVariables().isEmpty()) {
            set.add("dynamicVariables=" + dynamicVariables().keySet());
        }
        named(set, "userId", payload.userId().isPresent());
        named(set, "customLlmExtraBody", payload.customLlmExtraBody().isPresent());
        shown(set, "source", payload.sourceInfo().source().orElse(null));
        if (!payload.additionalProperties().isEmpty()) {
            set.add("extra=" + payload.additionalProperties().keySet());
        }
        return "ConversationInitiation[" + String.join(", ", set) + "]";
    }

    private static void named(List<String> set, String name, boolean present) {
        if (present) {
            set.add(name);
        }
    }

    private static void shown(List<String> set, String name, Object value) {
        if (value != null) {
            set.add(name + "=" + value);
        }
    }

    /**
     * Builds a {@link ConversationInitiation}. Every setter checks its value at once, so bad input fails
     * before anything is sent. Not thread-safe.
     */
    public static final class Builder {
        // what is set, level by level of the message; assembled by build()
        final PromptAgentOverride.Builder prompt;
        final AgentConfigOverride.Builder agent;
        final TTSConversationalConfigOverride.Builder tts;
        final ASRConversationalConfigOverride.Builder asr;
        final ConversationConfigOverride.Builder conversation;
        final ConversationInitiationPayload.Builder message;
        final Map<String, JsonValue> dynamicVariables = new LinkedHashMap<>();
        String source = DEFAULT_SOURCE;
        String sourceVersion;
        final Map<String, JsonValue> extraProperties = new LinkedHashMap<>();
        /** Which of the overrides' levels have a setting: {@link #PROMPT}, {@link #AGENT} ... bits. */
        int overrides;

        private static final int PROMPT = 1;
        private static final int AGENT = 2;
        private static final int TTS = 4;
        private static final int ASR = 8;
        private static final int CONVERSATION = 16;

        Builder() {
            prompt = PromptAgentOverride.builder();
            agent = AgentConfigOverride.builder();
            tts = TTSConversationalConfigOverride.builder();
            asr = ASRConversationalConfigOverride.builder();
            conversation = ConversationConfigOverride.builder();
            message = ConversationInitiationPayload.builder();
        }

        /** A builder holding what {@code built} holds; its additional properties become {@link #property}s again. */
        Builder(ConversationInitiationPayload built) {
            ConversationConfigClientOverride o = built.conversationConfigOverride();
            prompt = o.agent().prompt().toBuilder();
            agent = o.agent().toBuilder();
            tts = o.tts().toBuilder();
            asr = o.asr().toBuilder();
            conversation = o.conversation().toBuilder();
            overrides = (o.agent().prompt().isAbsent() ? 0 : PROMPT) | (o.agent().isAbsent() ? 0 : AGENT)
                    | (o.tts().isAbsent() ? 0 : TTS) | (o.asr().isAbsent() ? 0 : ASR)
                    | (o.conversation().isAbsent() ? 0 : CONVERSATION);
            message = built.toBuilder();
            dynamicVariables.putAll(built.dynamicVariables().orElse(Collections.<String, JsonValue>emptyMap()));
            SourceInfo info = built.sourceInfo();
            source = info.source().orElse(null);
            sourceVersion = info.version().orElse(null);
            extraProperties.putAll(built.additionalProperties());
        }

        /**
         * Overrides the agent's system prompt ({@code conversation_config_override.agent.prompt.prompt}).
         *
         * @param prompt the prompt
         * @return this builder
         */
        public Builder prompt(String prompt) {
            this.prompt.prompt(Objects.requireNonNull(prompt, "prompt"));
            overrides |= PROMPT;
            return this;
        }

        /**
         * Overrides the LLM ({@code conversation_config_override.agent.prompt.llm}), e.g. {@code "gpt-4o"}.
         *
         * @param llm the model id
         * @return this builder
         */
        public Builder llm(String llm) {
            prompt.llm(nonEmpty(llm, "llm"));
            overrides |= PROMPT;
            return this;
        }

        /**
         * Overrides what the agent says first ({@code conversation_config_override.agent.first_message}).
         *
         * @param firstMessage the message; empty to make the agent wait for the user
         * @return this builder
         */
        public Builder firstMessage(String firstMessage) {
            agent.firstMessage(Objects.requireNonNull(firstMessage, "firstMessage"));
            overrides |= AGENT;
            return this;
        }

        /**
         * Overrides the language ({@code conversation_config_override.agent.language}).
         *
         * @param language an ISO 639-1 code as the API lists it, e.g. {@code "en"}, {@code "de"} or {@code "pt-br"}
         * @return this builder
         * @throws IllegalArgumentException if the code is empty or holds other than letters and {@code -}
         */
        public Builder language(String language) {
            nonEmpty(language, "language");
            if (!language.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
                throw new IllegalArgumentException("language must be a language code like \"en\" or \"pt-br\"");
            }
            agent.language(Language.of(language));
            overrides |= AGENT;
            return this;
        }

        /**
         * Sets the native MCP servers the agent may use
         * ({@code conversation_config_override.agent.native_mcp_server_ids}).
         *
         * @param ids at most 10 server ids
         * @return this builder
         * @throws IllegalArgumentException if there are more than 10 or one is empty
         */
        public Builder nativeMcpServerIds(List<String> ids) {
            List<String> copy = strings(ids, "nativeMcpServerIds");
            if (copy.size() > 10) {
                throw new IllegalArgumentException("nativeMcpServerIds allows at most 10 ids, got " + copy.size());
            }
            agent.nativeMcpServerIds(copy);
            overrides |= AGENT;
            return this;
        }

        /**
         * Overrides the voice ({@code conversation_config_override.tts.voice_id}).
         *
         * @param voiceId an ElevenLabs voice id
         * @return this builder
         */
        public Builder voiceId(String voiceId) {
            tts.voiceId(nonEmpty(voiceId, "voiceId"));
            overrides |= TTS;
            return this;
        }

        /**
         * Overrides the speech speed ({@code conversation_config_override.tts.speed}).
         *
         * @param speed from 0.7 to 5; 1.0 is normal
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder ttsSpeed(double speed) {
            tts.speed(range(speed, 0.7, 5, "ttsSpeed"));
            overrides |= TTS;
            return this;
        }

        /**
         * Overrides the voice stability ({@code conversation_config_override.tts.stability}).
         *
         * @param stability from 0 to 1; lower is more variable
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder ttsStability(double stability) {
            tts.stability(range(stability, 0, 1, "ttsStability"));
            overrides |= TTS;
            return this;
        }

        /**
         * Overrides the similarity boost ({@code conversation_config_override.tts.similarity_boost}).
         *
         * @param similarityBoost from 0 to 1
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder ttsSimilarityBoost(double similarityBoost) {
            tts.similarityBoost(range(similarityBoost, 0, 1, "ttsSimilarityBoost"));
            overrides |= TTS;
            return this;
        }

        /**
         * Sets keywords that speech recognition favours ({@code conversation_config_override.asr.keywords}).
         *
         * @param keywords the keywords
         * @return this builder
         */
        public Builder asrKeywords(List<String> keywords) {
            asr.keywords(strings(keywords, "asrKeywords"));
            overrides |= ASR;
            return this;
        }

        /**
         * Makes the conversation text only, without audio in either direction
         * ({@code conversation_config_override.conversation.text_only}). Default: not sent, so the agent's
         * setting applies.
         *
         * @param textOnly {@code true} for text only
         * @return this builder
         */
        public Builder textOnly(boolean textOnly) {
            conversation.textOnly(textOnly);
            overrides |= CONVERSATION;
            return this;
        }

        /**
         * Chooses the event types the server sends
         * ({@code conversation_config_override.conversation.client_events}). Default: the agent's setting,
         * which by default is {@code audio, interruption, agent_response, user_transcript,
         * tentative_user_transcript, conversation_initiation_metadata, ping}.
         *
         * @param types at least one event type, e.g. {@code "agent_chat_response_part"}
         * @return this builder
         * @throws IllegalArgumentException if the list is empty
         */
        public Builder clientEvents(List<String> types) {
            List<String> copy = strings(types, "clientEvents");
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("clientEvents needs at least one event type");
            }
            List<ClientEvent> events = new ArrayList<>(copy.size());
            for (String type : copy) {
                events.add(ClientEvent.of(type));
            }
            conversation.clientEvents(events);
            overrides |= CONVERSATION;
            return this;
        }

        /**
         * Sets a dynamic variable to a string.
         *
         * @param name the variable's name, as the agent's prompt uses it ({@code {{name}}})
         * @param value the value
         * @return this builder
         * @throws IllegalArgumentException if the name is empty
         */
        public Builder dynamicVariable(String name, String value) {
            dynamicVariables.put(variableName(name), JsonValue.of(Objects.requireNonNull(value, "value")));
            return this;
        }

        /**
         * Sets a dynamic variable to an integer.
         *
         * @param name the variable's name
         * @param value the value
         * @return this builder
         * @throws IllegalArgumentException if the name is empty
         */
        public Builder dynamicVariable(String name, long value) {
            dynamicVariables.put(variableName(name), JsonValue.of(value));
            return this;
        }

        /**
         * Sets a dynamic variable to a number.
         *
         * @param name the variable's name
         * @param value a finite number
         * @return this builder
         * @throws IllegalArgumentException if the name is empty or the number is NaN or infinite
         */
        public Builder dynamicVariable(String name, double value) {
            dynamicVariables.put(variableName(name), JsonValue.of(value));
            return this;
        }

        /**
         * Sets a dynamic variable to a boolean.
         *
         * @param name the variable's name
         * @param value the value
         * @return this builder
         * @throws IllegalArgumentException if the name is empty
         */
        public Builder dynamicVariable(String name, boolean value) {
            dynamicVariables.put(variableName(name), JsonValue.of(value));
            return this;
        }

        /**
         * Sets several dynamic variables.
         *
         * @param variables names to values, each a {@link String}, {@link Number} or {@link Boolean}
         * @return this builder
         * @throws IllegalArgumentException if a name is empty or a value has another type
         */
        public Builder dynamicVariables(Map<String, ?> variables) {
            Objects.requireNonNull(variables, "variables");
            Map<String, JsonValue> checked = new LinkedHashMap<>();
            for (Map.Entry<String, ?> e : variables.entrySet()) {
                String name = variableName(e.getKey());
                Object value = e.getValue();
                if (value instanceof String || value instanceof Boolean) {
                    checked.put(name, JsonValue.from(value));
                } else if (value instanceof Number) {
                    checked.put(name, number((Number) value, name));
                } else {
                    throw new IllegalArgumentException("Dynamic variable '" + name + "' must be a String, Number or"
                            + " Boolean, got " + (value == null ? "null" : value.getClass().getName()));
                }
            }
            dynamicVariables.putAll(checked);
            return this;
        }

        /**
         * Sets the id of the user in your system ({@code user_id}), shown with the conversation.
         *
         * @param userId the id
         * @return this builder
         */
        public Builder userId(String userId) {
            message.userId(nonEmpty(userId, "userId"));
            return this;
        }

        /**
         * Sets extra parameters for a custom LLM's request body ({@code custom_llm_extra_body}), e.g.
         * {@code {"temperature": 0.7}}.
         *
         * @param body a JSON object
         * @return this builder
         * @throws IllegalArgumentException if it is not an object
         */
        public Builder customLlmExtraBody(JsonValue body) {
            Objects.requireNonNull(body, "body");
            if (!body.isObject()) {
                throw new IllegalArgumentException("customLlmExtraBody must be a JSON object, got " + body.type());
            }
            message.customLlmExtraBody(body.asObject());
            return this;
        }

        /**
         * Sets extra parameters for a custom LLM's request body from plain Java values.
         *
         * @param body names to values (strings, numbers, booleans, maps, lists)
         * @return this builder
         * @throws IllegalArgumentException if a value cannot be turned into JSON
         */
        public Builder customLlmExtraBody(Map<String, ?> body) {
            return customLlmExtraBody(JsonValue.from(Objects.requireNonNull(body, "body")));
        }

        /**
         * Names the client application ({@code source_info}). Default: source {@value #DEFAULT_SOURCE} and
         * this library's version. The API takes only the values of its {@code ConversationInitiationSource}
         * list ({@link ConversationInitiationSource}: {@code unknown}, {@code android_sdk}, {@code widget}, ...),
         * so any other source is refused here rather than by the server at the first message.
         *
         * @param source one of those values, or {@code null} to send no {@code source_info}
         * @param version its version (at most 50 characters), or {@code null}
         * @return this builder
         * @throws IllegalArgumentException if the API does not list the source, or the version is too long
         */
        public Builder sourceInfo(String source, String version) {
            if (source != null && !ConversationInitiationSource.of(source).isKnown()) {
                throw new IllegalArgumentException("The API does not accept source_info.source '" + source
                        + "': it takes only the values of ConversationInitiationSource (unknown, android_sdk, widget,"
                        + " ...; see its constants), or pass null to send no source_info");
            }
            if (version != null && version.length() > MAX_SOURCE_VERSION_LENGTH) {
                throw new IllegalArgumentException("source_info.version has " + version.length()
                        + " characters; the API takes at most " + MAX_SOURCE_VERSION_LENGTH);
            }
            this.source = source;
            this.sourceVersion = version;
            return this;
        }

        /**
         * Adds a top-level property this version does not have a setter for, e.g. {@code tool_mock_config}.
         * A property set here replaces the one the builder would write.
         *
         * @param name the property's name
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException if the name is empty or {@code type}
         */
        public Builder property(String name, JsonValue value) {
            nonEmpty(name, "name");
            if (name.equals("type")) {
                throw new IllegalArgumentException("The message type cannot be changed");
            }
            extraProperties.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Builds the initiation.
         *
         * @return the initiation
         */
        public ConversationInitiation build() {
            ConversationInitiationPayload.Builder m = message.build().toBuilder();
            if (overrides != 0) {
                ConversationConfigClientOverride.Builder o = ConversationConfigClientOverride.builder();
                if ((overrides & (PROMPT | AGENT)) != 0) {
                    if ((overrides & PROMPT) != 0) {
                        agent.prompt(prompt.build());
                    }
                    o.agent(agent.build());
                }
                if ((overrides & TTS) != 0) {
                    o.tts(tts.build());
                }
                if ((overrides & ASR) != 0) {
                    o.asr(asr.build());
                }
                if ((overrides & CONVERSATION) != 0) {
                    o.conversation(conversation.build());
                }
                m.conversationConfigOverride(o.build());
            }
            if (!dynamicVariables.isEmpty()) {
                m.dynamicVariables(new LinkedHashMap<>(dynamicVariables));
            }
            if (source != null) {
                SourceInfo.Builder info = SourceInfo.builder().source(source);
                if (sourceVersion != null || !DEFAULT_SOURCE.equals(source)) {
                    info.version(sourceVersion); // null is sent as null; the default source's version is the library's
                }
                m.sourceInfo(info.build());
            }
            for (Map.Entry<String, JsonValue> e : extraProperties.entrySet()) {
                try {
                    m.unset(e.getKey()); // a property replaces what the builder would write
                } catch (IllegalArgumentException notAProperty) {
                    // one the model does not declare: nothing to replace
                }
                m.putAdditionalProperty(e.getKey(), e.getValue());
            }
            return new ConversationInitiation(m.build());
        }

        static String nonEmpty(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.trim().isEmpty()) {
                throw new IllegalArgumentException(name + " must not be empty");
            }
            return value;
        }

        static String variableName(String name) {
            Objects.requireNonNull(name, "dynamic variable name");
            if (name.trim().isEmpty()) {
                throw new IllegalArgumentException("A dynamic variable needs a name");
            }
            return name;
        }

        static JsonValue number(Number value, String name) {
            if (value instanceof Double || value instanceof Float) {
                double d = value.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException("Dynamic variable '" + name + "' must be a finite number, got " + d);
                }
                return JsonValue.of(d);
            }
            if (value instanceof BigDecimal || value instanceof Long || value instanceof Integer
                    || value instanceof Short || value instanceof Byte || value instanceof java.math.BigInteger) {
                return JsonValue.of(value);
            }
            return JsonValue.of(value.doubleValue());
        }

        static Double range(double value, double min, double max, String name) {
            if (!(value >= min && value <= max)) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        }

        static List<String> strings(List<String> values, String name) {
            Objects.requireNonNull(values, name);
            List<String> copy = new ArrayList<>(values.size());
            for (String value : values) {
                copy.add(nonEmpty(value, name + " element"));
            }
            return Collections.unmodifiableList(copy);
        }
    }
}
