package io.github.convai4j.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.models.agents.PromptAgentToolResponse;
import io.github.convai4j.models.common.ClientToolConfigResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A union reads an object up to its discriminator ({@link Unions#lookahead}), keeping the properties before it
 * as trees, and the variant then reads on from the stream ({@link io.github.convai4j.internal.ModelType#read(Unions.Lookahead)}); for a
 * discriminator it does not know, or none, it buffers the whole object ({@link Unions.Lookahead#bufferObject}).
 * Every path must give what reading the whole object gives, in document order, and leave the parser where
 * the enclosing reader expects it.
 */
class StreamedUnionTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"client\",\"name\":\"a\",\"n\":[1,{\"x\":null}],\"o\":{}}",
            "{\"type\":{\"nested\":\"object\"},\"name\":\"a\"}",
            "{\"type\":[1,2],\"z\":true}",
            "{\"type\":7,\"name\":\"a\"}",
            "{\"name\":\"a\",\"n\":[1,{\"b\":2}],\"type\":\"client\",\"after\":{\"c\":null}}",
            "{\"only\":\"one\"}",
            "{}"})
    void bufferingAfterLookingAheadKeepsWhatWasRead(String json) throws IOException {
        for (boolean fromTree : new boolean[] {false, true}) {
            try (JsonParser p = fromTree ? JsonValue.parse(json).traverse() : Json.factory().createParser(json)) {
                p.nextToken();
                Unions.Lookahead ahead = Unions.lookahead(p, "type");
                JsonValue whole = ahead.bufferObject();
                assertThat(whole).isEqualTo(JsonValue.parse(json));
                assertThat(whole.toJson()).isEqualTo(JsonValue.parse(json).toJson()); // in document order too
                assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
                assertThat(p.nextToken()).isNull();
            }
        }
    }

    @Test
    void theDiscriminatorIsFoundWhereverItIsAsAString() throws IOException {
        assertThat(lead("{\"type\":\"client\",\"name\":\"a\"}")).isEqualTo("client");
        assertThat(lead("{\"name\":\"a\",\"type\":\"client\"}")).isEqualTo("client");
        assertThat(lead("{\"type\":7}")).isNull();
        assertThat(lead("{\"type\":null}")).isNull();
        assertThat(lead("{\"name\":\"a\"}")).isNull();
        assertThat(lead("{}")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"client\",\"name\":\"open\",\"expects_response\":true,\"future\":{\"a\":[1]}}",
            "{\"name\":\"open\",\"future\":{\"a\":[1]},\"type\":\"client\",\"expects_response\":true}",
            "{\"name\":7,\"parameters\":{\"type\":\"object\"},\"type\":\"client\"}"})
    void aModelReadAfterLookingAheadIsTheModelReadWhole(String json) throws IOException {
        ClientToolConfigResponse whole = Json.parse(json, ClientToolConfigResponse.codec());
        try (JsonParser p = Json.factory().createParser("[" + json + ",\"after\"]")) {
            p.nextToken();
            p.nextToken();
            Unions.Lookahead ahead = Unions.lookahead(p, "type");
            assertThat(ahead.discriminator()).isEqualTo("client");
            ClientToolConfigResponse resumed = ClientToolConfigResponse.codec().read(ahead);
            assertThat(resumed).isEqualTo(whole);
            assertThat(resumed.additionalProperties()).isEqualTo(whole.additionalProperties());
            assertThat(Json.toJson(ClientToolConfigResponse.codec(), resumed))
                    .isEqualTo(Json.toJson(ClientToolConfigResponse.codec(), whole));
            assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
        }
    }

    private static String lead(String json) throws IOException {
        try (JsonParser p = Json.factory().createParser(json)) {
            p.nextToken();
            return Unions.lookahead(p, "type").discriminator();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // discriminator first: streamed
            "{\"type\":\"client\",\"name\":\"open\",\"description\":\"Opens\",\"expects_response\":true,\"future\":[1]}",
            // discriminator later: what comes before it read ahead, the rest streamed
            "{\"name\":\"open\",\"description\":\"Opens\",\"type\":\"client\",\"future\":{\"a\":1}}",
            // an unknown discriminator first; a known one, then a property of the wrong type
            "{\"type\":\"teleport\",\"range_km\":4}",
            "{\"type\":\"system\",\"name\":\"end_call\",\"description\":7,\"params\":{\"system_tool_type\":\"end_call\"}}",
            // a discriminator of the wrong type, and none at all
            "{\"type\":5,\"name\":\"x\"}",
            "{\"name\":\"beam\",\"description\":\"d\",\"expects_response\":false}"})
    void aUnionReadFromTheStreamIsTheUnionReadFromItsBufferedJson(String json) throws IOException {
        String document = "{\"tools\":[" + json + "," + json + "],\"after\":\"kept\"}";

        // from the text, and from a tree (JsonValue's parser, as a union inside a buffered union reads)
        ToolsAndAfter streamed = read(Json.factory().createParser(document));
        ToolsAndAfter fromTree = read(JsonValue.parse(document).traverse());

        assertThat(streamed.tools).hasSize(2).isEqualTo(fromTree.tools);
        assertThat(streamed.after).isEqualTo("kept");
        assertThat(fromTree.after).isEqualTo("kept");
        for (PromptAgentToolResponse t : streamed.tools) {
            assertThat(Json.toJsonValue(PromptAgentToolResponse.codec(), t)).isEqualTo(JsonValue.parse(json));
        }
        PromptAgentToolResponse first = streamed.tools.get(0);
        JsonValue type = JsonValue.parse(json).get("type");
        if (type != null && type.isString()) {
            assertThat(first.discriminator()).isEqualTo(type.asString());
            assertThat(first.isUnknown()).isEqualTo(type.asString().equals("teleport"));
        }
    }

    @Test
    void theStreamedVariantIsTypedAndKeepsWhatItDoesNotKnow() {
        PromptAgentToolResponse tool = Json.parse("{\"type\":\"client\",\"name\":\"open\",\"description\":\"Opens\","
                + "\"future\":[1]}", PromptAgentToolResponse.codec());
        assertThat(tool.isClient()).isTrue();
        assertThat(tool.asClient().name()).isEqualTo("open");
        assertThat(tool.asClient().additionalProperties()).containsOnlyKeys("future");
    }

    private static final class ToolsAndAfter {
        final List<PromptAgentToolResponse> tools;
        final String after;

        ToolsAndAfter(List<PromptAgentToolResponse> tools, String after) {
            this.tools = tools;
            this.after = after;
        }
    }

    private static ToolsAndAfter read(JsonParser p) throws IOException {
        try (JsonParser parser = p) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(parser.nextFieldName()).isEqualTo("tools");
            parser.nextToken();
            List<PromptAgentToolResponse> tools = Codecs.list(PromptAgentToolResponse.codec()).read(parser);
            assertThat(parser.nextFieldName()).isEqualTo("after");
            parser.nextToken();
            return new ToolsAndAfter(tools, parser.getText());
        }
    }
}
