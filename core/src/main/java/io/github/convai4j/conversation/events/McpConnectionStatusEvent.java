package io.github.convai4j.conversation.events;

import io.github.convai4j.json.JsonValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code mcp_connection_status}: The connection state of the agent's MCP integrations.
 *
 * <pre>{@code {"type":"mcp_connection_status","mcp_connection_status":{"integrations":[{"integration_id":"..","integration_type":"mcp_server","is_connected":true,"tool_count":3}]}}}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class McpConnectionStatusEvent extends ConversationEvent {

    /** The wire type: {@value}. */
    public static final String TYPE = "mcp_connection_status";

    private final Payload payload;

    McpConnectionStatusEvent(JsonValue raw) {
        super(TYPE, raw);
        this.payload = Payload.of(raw, TYPE, "mcp_connection_status");
    }

    /**
     * Returns the integrations' states.
     *
     * @return one entry per integration; empty if none were sent
     */
    public List<Integration> integrations() {
        List<Integration> out = new ArrayList<>();
        for (JsonValue integration : payload.list("integrations")) {
            if (integration.isObject()) {
                out.add(new Integration(integration));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The state of one MCP integration. Immutable. */
    public static final class Integration {
        private final Payload fields;

        Integration(JsonValue integration) {
            this.fields = Payload.ofObject(integration, TYPE, "integrations[]");
        }

        /**
         * Returns the integration's id ({@code integration_id}).
         *
         * @return the id
         * @throws IllegalStateException if the server left it out
         */
        public String integrationId() {
            return fields.requiredString("integration_id");
        }

        /**
         * Returns the kind of integration ({@code integration_type}): {@code "mcp_server"} or
         * {@code "mcp_integration"}.
         *
         * @return the kind
         * @throws IllegalStateException if the server left it out
         */
        public String integrationType() {
            return fields.requiredString("integration_type");
        }

        /**
         * Tells whether the integration is connected ({@code is_connected}).
         *
         * @return {@code true} if connected
         * @throws IllegalStateException if the server left it out
         */
        public boolean isConnected() {
            return fields.requiredBoolean("is_connected");
        }

        /**
         * Returns how many tools the integration offers ({@code tool_count}).
         *
         * @return the count; 0 if not sent
         */
        public long toolCount() {
            return fields.optionalLong("tool_count").orElse(0L);
        }

        @Override
        public String toString() {
            return "Integration" + fields.object();
        }
    }
}
