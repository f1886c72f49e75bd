package io.github.convai4j.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.convai4j.json.JsonCodec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Hand-written stand-ins for generated models and codecs, shaped like the API's. */
public final class TestModels {

    private TestModels() {
    }

    public record Agent(String agentId, String name) {
    }

    public record AgentsPage(List<Agent> agents, String nextCursor, Boolean hasMore) {
    }

    public static final JsonCodec<Agent> AGENT = new JsonCodec<>() {
        @Override
        public Agent read(JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "expected an agent object");
            }
            String id = null;
            String name = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "agent_id" -> id = p.getValueAsString();
                    case "name" -> name = p.getValueAsString();
                    default -> p.skipChildren();
                }
            }
            return new Agent(id, name);
        }

        @Override
        public void write(JsonGenerator g, Agent value) throws IOException {
            g.writeStartObject();
            if (value.agentId() != null) {
                g.writeStringField("agent_id", value.agentId());
            }
            if (value.name() != null) {
                g.writeStringField("name", value.name());
            }
            g.writeEndObject();
        }
    };

    public static final JsonCodec<AgentsPage> AGENTS_PAGE = new JsonCodec<>() {
        @Override
        public AgentsPage read(JsonParser p) throws IOException {
            List<Agent> agents = null;
            String cursor = null;
            Boolean more = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "agents" -> {
                        agents = new ArrayList<>();
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            agents.add(AGENT.read(p));
                        }
                    }
                    case "next_cursor" -> cursor = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
                    case "has_more" -> more = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getBooleanValue();
                    default -> p.skipChildren();
                }
            }
            return new AgentsPage(agents, cursor, more);
        }

        @Override
        public void write(JsonGenerator g, AgentsPage value) {
            throw new UnsupportedOperationException();
        }
    };

    public static final PageAccessors<AgentsPage, Agent> AGENTS_PAGE_ACCESSORS =
            PageAccessors.of(AgentsPage::agents, AgentsPage::nextCursor, AgentsPage::hasMore);
}
