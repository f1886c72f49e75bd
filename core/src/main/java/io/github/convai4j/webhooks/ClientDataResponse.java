package io.github.convai4j.webhooks;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonCodec;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.models.common.ConversationConfigClientOverride;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Your answer to the conversation-initiation client-data webhook ({@link ClientDataRequest}): the
 * conversation's initiation data, as the API document's {@code ConversationInitiationClientDataRequest} schema
 * describes it, with {@code "type": "conversation_initiation_client_data"}.
 *
 * <pre>{@code
 * ClientDataResponse answer = ClientDataResponse.builder()
 *         .dynamicVariable("customer_name", "Ada")
 *         .dynamicVariable("open_orders", 2)
 *         .conversationConfigOverride(ConversationConfigClientOverride.builder()
 *                 .agent(AgentConfigOverride.builder().firstMessage("Hi {{customer_name}}!").build())
 *                 .build())
 *         .build();
 * // respond 200 with Content-Type ClientDataResponse.CONTENT_TYPE and body answer.toBytes()
 * }</pre>
 *
 * <p>The platform expects a value for every dynamic variable the agent's prompts use (their
 * {@code {{placeholders}}}), and applies only the overrides the agent's security settings allow.
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the dynamic variables, never their values.
 */
public final class ClientDataResponse {

    /** The content type of the response: {@value}. */
    public static final String CONTENT_TYPE = "application/json";
    /** The {@code type} the response carries: {@value}. */
    public static final String TYPE = "conversation_initiation_client_data";

    private final Map<String, JsonValue> dynamicVariables;
    private final ConversationConfigClientOverride override;
    private final String userId;
    private final Map<String, JsonValue> properties;

    private ClientDataResponse(Builder b) {
        this.dynamicVariables = Collections.unmodifiableMap(new LinkedHashMap<>(b.dynamicVariables));
        this.override = b.override;
        this.userId = b.userId;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
    }

    /**
     * Returns a builder.
     *
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the dynamic variables.
     *
     * @return names to values, in the order set
     */
    public Map<String, JsonValue> dynamicVariables() {
        return dynamicVariables;
    }

    /**
     * Writes the response body as UTF-8 JSON.
     *
     * @param out where to write; not closed
     * @throws IOException if writing fails
     */
    public void writeTo(OutputStream out) throws IOException {
        try (JsonGenerator g = Json.factory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", TYPE);
            if (!dynamicVariables.isEmpty()) {
                g.writeObjectFieldStart("dynamic_variables");
                for (Map.Entry<String, JsonValue> e : dynamicVariables.entrySet()) {
                    g.writeFieldName(e.getKey());
                    e.getValue().write(g);
                }
                g.writeEndObject();
            }
            if (override != null) {
                g.writeFieldName("conversation_config_override");
                JsonCodec<ConversationConfigClientOverride> codec = ConversationConfigClientOverride.codec();
                codec.write(g, override);
            }
            if (userId != null) {
                g.writeStringField("user_id", userId);
            }
            for (Map.Entry<String, JsonValue> e : properties.entrySet()) {
                g.writeFieldName(e.getKey());
                e.getValue().write(g);
            }
            g.writeEndObject();
        }
    }

    /**
     * Returns the response body.
     *
     * @return UTF-8 JSON
     */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory failed", e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /**
     * Returns the response body as text.
     *
     * @return the JSON
     */
    public String toJson() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Names what is set, without values (a dynamic variable may carry personal data).
     *
     * @return e.g. {@code "ClientDataResponse[dynamic_variables=[customer_name], conversation_config_override]"}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ClientDataResponse[dynamic_variables=").append(dynamicVariables.keySet());
        if (override != null) {
            sb.append(", conversation_config_override");
        }
        if (userId != null) {
            sb.append(", user_id");
        }
        for (String name : properties.keySet()) {
            sb.append(", ").append(name);
        }
        return sb.append(']').toString();
    }

    /**
     * Settings of a {@link ClientDataResponse}. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, JsonValue> dynamicVariables = new LinkedHashMap<>();
        private ConversationConfigClientOverride override;
        private String userId;
        private final Map<String, JsonValue> properties = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets a dynamic variable to a string.
         *
         * @param name the variable's name, as in the agent's {@code {{name}}} placeholders
         * @param value the value
         * @return this builder
         * @throws IllegalArgumentException if the name is empty or reserved ({@code system__...}), or the value
         *         is {@code null}
         */
        public Builder dynamicVariable(String name, String value) {
            dynamicVariables.put(variableName(name), JsonValue.of(notNull(value, name)));
            return this;
        }

        /**
         * Sets a dynamic variable to an integer.
         *
         * @param name the variable's name
         * @param value the value
         * @return this builder
         * @throws IllegalArgumentException if the name is empty or reserved
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
         * @throws IllegalArgumentException if the name is empty or reserved, or the value is not finite
         */
        public Builder dynamicVariable(String name, double value) {
            dynamicVariables.put(variableName(name), finite(value, name));
            return this;
        }

        /**
         * Sets a dynamic variable to a boolean.
         *
         * @param name the variable's name
         * @param value the value
         * @return this builder
         * @throws IllegalArgumentException if the name is empty or reserved
         */
        public Builder dynamicVariable(String name, boolean value) {
            dynamicVariables.put(variableName(name), JsonValue.of(value));
            return this;
        }

        /**
         * Sets several dynamic variables.
         *
         * @param variables names to values, each a {@link String}, {@link Number} or {@link Boolean} (the types
         *                  the platform accepts)
         * @return this builder
         * @throws IllegalArgumentException if a name is empty or reserved, or a value is {@code null} or of
         *         another type
         */
        public Builder dynamicVariables(Map<String, ?> variables) {
            Objects.requireNonNull(variables, "variables");
            Map<String, JsonValue> checked = new LinkedHashMap<>();
            for (Map.Entry<String, ?> e : variables.entrySet()) {
                String name = variableName(e.getKey());
                Object value = e.getValue();
                if (value instanceof String || value instanceof Boolean) {
                    checked.put(name, JsonValue.from(value));
                } else if (value instanceof Double || value instanceof Float) {
                    checked.put(name, finite(((Number) value).doubleValue(), name));
                } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                        || value instanceof Byte || value instanceof BigInteger || value instanceof BigDecimal) {
                    checked.put(name, JsonValue.of((Number) value));
                } else {
                    throw new IllegalArgumentException("Dynamic variable '" + name + "' must be a String, a number or"
                            + " a Boolean, got " + (value == null ? "null" : value.getClass().getName()));
                }
            }
            dynamicVariables.putAll(checked);
            return this;
        }

        /**
         * Overrides parts of the agent's configuration for this conversation
         * ({@code conversation_config_override}): prompt, first message, language, voice and more. The agent's
         * security settings must allow each override.
         *
         * @param override the overrides, as the API's {@code ConversationConfigClientOverride}
         * @return this builder
         * @throws IllegalArgumentException if {@code null}
         */
        public Builder conversationConfigOverride(ConversationConfigClientOverride override) {
            if (override == null) {
                throw new IllegalArgumentException("override must not be null");
            }
            this.override = override;
            return this;
        }

        /**
         * Sets the id of the caller in your system ({@code user_id}), shown with the conversation.
         *
         * @param userId the id
         * @return this builder
         * @throws IllegalArgumentException if {@code null} or empty
         */
        public Builder userId(String userId) {
            if (userId == null || userId.isEmpty()) {
                throw new IllegalArgumentException("userId must not be null or empty");
            }
            this.userId = userId;
            return this;
        }

        /**
         * Adds another member of the schema this builder has no setter for, e.g. {@code custom_llm_extra_body},
         * {@code branch_id} or {@code environment}.
         *
         * @param name the member's name
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException if the name is empty or one of those set by the other methods
         *         ({@code type}, {@code dynamic_variables}, {@code conversation_config_override},
         *         {@code user_id}), or the value is {@code null}
         */
        public Builder property(String name, JsonValue value) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("A property needs a name");
            }
            if (name.equals("type") || name.equals("dynamic_variables") || name.equals("conversation_config_override")
                    || name.equals("user_id")) {
                throw new IllegalArgumentException("Set '" + name + "' with its own method, not property(...)");
            }
            if (value == null) {
                throw new IllegalArgumentException("The value of property '" + name + "' must not be null (use"
                        + " JsonValue.NULL for a JSON null)");
            }
            properties.put(name, value);
            return this;
        }

        /**
         * Builds the response.
         *
         * @return the response
         */
        public ClientDataResponse build() {
            return new ClientDataResponse(this);
        }

        private static String variableName(String name) {
            if (name == null || name.trim().isEmpty()) {
                throw new IllegalArgumentException("A dynamic variable needs a name");
            }
            if (name.startsWith("system__")) {
                throw new IllegalArgumentException("Dynamic variable '" + name + "' has a reserved name: the platform"
                        + " sets the system__ variables itself; choose a name without that prefix");
            }
            return name;
        }

        private static String notNull(String value, String name) {
            if (value == null) {
                throw new IllegalArgumentException("Dynamic variable '" + name + "' must not be null");
            }
            return value;
        }

        private static JsonValue finite(double value, String name) {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("Dynamic variable '" + name + "' must be a finite number, got "
                        + value);
            }
            return JsonValue.of(value);
        }
    }
}
