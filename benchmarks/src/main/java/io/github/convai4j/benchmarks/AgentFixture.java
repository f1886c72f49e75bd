package io.github.convai4j.benchmarks;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonCodec;
import io.github.convai4j.models.agents.GetAgentResponse;
import io.github.convai4j.models.agents.UpdateAgentRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The agent every benchmark sends and receives: a full {@code GetAgentResponseModel} (45 KB of compact JSON;
 * {@code benchmarks/fixture/make_agent_fixture.py} made it from the spec's example, filled out with every
 * nested object the schema has), and the PATCH body a user sends to write the same configuration back.
 */
public final class AgentFixture {

    /** The id of the fixture agent, the spec example's. */
    public static final String AGENT_ID = "agent_7101k5zvyjhmfg983brhmhkd98n6";

    private static final byte[] AGENT_JSON = AgentJson.bytes();

    private AgentFixture() {
    }

    /**
     * Returns the response body of {@code GET /v1/convai/agents/{id}}, as the server sends it.
     *
     * @return a fresh copy of the bytes
     */
    public static byte[] agentJson() {
        return AGENT_JSON.clone();
    }

    /**
     * Returns the agent's response body gzipped at the default level ({@link java.util.zip.Deflater}'s 6),
     * as a server sends it to a client that accepts gzip.
     *
     * @return a fresh copy of the compressed bytes
     */
    public static byte[] agentJsonGzip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(AGENT_JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Returns the agent as the generated codec reads it.
     *
     * @return the decoded agent
     */
    public static GetAgentResponse agent() {
        return read(AGENT_JSON, GetAgentResponse.codec());
    }

    /**
     * Returns the PATCH body that writes the fixture's whole configuration back (conversation config,
     * platform settings, workflow, name and tags): what {@code agents().update(...)} sends in the benchmarks.
     *
     * @return the request
     */
    public static UpdateAgentRequest update() {
        // The request model reads the writable subset of the response; the rest (ids, metadata, ...) is unknown
        // to it and would be kept, so it is left out of the bytes it is read from.
        return read(updateJson(), UpdateAgentRequest.codec());
    }

    /**
     * Returns the bytes the client writes for {@link #update()}: the bare baseline sends exactly these.
     *
     * @return the serialized request
     */
    public static byte[] updateBytes() {
        return write(update(), UpdateAgentRequest.codec());
    }

    private static byte[] updateJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(AGENT_JSON.length);
        try (JsonParser p = Json.factory().createParser(AGENT_JSON);
                JsonGenerator g = Json.factory().createGenerator(out)) {
            p.nextToken();
            g.writeStartObject();
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "conversation_config":
                    case "platform_settings":
                    case "workflow":
                    case "name":
                    case "tags":
                        g.writeFieldName(name);
                        g.copyCurrentStructure(p);
                        break;
                    default:
                        p.skipChildren();
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static <T> T read(byte[] json, JsonCodec<T> codec) {
        try (JsonParser p = Json.factory().createParser(json)) {
            p.nextToken();
            return codec.read(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> byte[] write(T value, JsonCodec<T> codec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(AGENT_JSON.length);
        try (JsonGenerator g = Json.factory().createGenerator(out)) {
            codec.write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
