package io.github.convai4j.conversation.events;

import io.github.convai4j.conversation.messages.MCPConnectionStatusPayload;
import io.github.convai4j.conversation.messages.MCPIntegrationStatus;
import io.github.convai4j.json.JsonValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;

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

    private final MCPConnectionStatusPayload message;

    McpConnectionStatusEvent(JsonValue raw, MCPConnectionStatusPayload message) {
        super(TYPE, raw);
        this.message = message;
    }

    /**
     * Returns the message's payload as its generated model ({@link MCPConnectionStatusPayload}): every property the protocol
     * defines, and those it does not ({@code additionalProperties()}).
     *
     * @return the payload
     */
    public MCPConnectionStatusPayload payload() {
        return message;
    }

    /**
     * Returns the integrations' states.
     *
     * @return one entry per integration; empty if none were sent
     */
    public List<Integration> integrations() {
        List<MCPIntegrationStatus> integrations;
        try {
            integrations = message.mcpConnectionStatus().integrations();
        } catch (NoSuchElementException notSent) {
            return Collections.emptyList();
        }
        List<Integration> out = new ArrayList<>(integrations.size());
        for (MCPIntegrationStatus integration : integrations) {
            out.add(new Integration(integration));
        }
        return Collections.unmodifiableList(out);
    }

    /** The state of one MCP integration. Immutable. */
    public static final class Integration {
        private final MCPIntegrationStatus status;

        Integration(MCPIntegrationStatus status) {
            this.status = status;
        }

        /**
         * Returns the integration's id ({@code integration_id}).
         *
         * @return the id
         * @throws java.util.NoSuchElementException if the server left it out
         */
        public String integrationId() {
            return status.integrationId();
        }

        /**
         * Returns {@code "mcp_server"} or {@code "mcp_integration"} ({@code integration_type}).
         *
         * @return the type
         * @throws java.util.NoSuchElementException if the server left it out
         */
        public String integrationType() {
            return status.integrationType().value();
        }

        /**
         * Returns whether the integration is connected ({@code is_connected}).
         *
         * @return whether it is connected
         * @throws java.util.NoSuchElementException if the server left it out
         */
        public boolean isConnected() {
            return status.isConnected();
        }

        /**
         * Returns how many tools the integration offers ({@code tool_count}).
         *
         * @return the count; 0 if not sent (the protocol's default)
         */
        public long toolCount() {
            try {
                return status.toolCount();
            } catch (NoSuchElementException notSent) {
                return 0;
            }
        }

        @Override
        public String toString() {
            return "Integration" + status;
        }
    }
}
