package io.github.convai4j.codegen;

import io.github.convai4j.codegen.Types.EnumDef;
import io.github.convai4j.codegen.Types.Kind;
import io.github.convai4j.codegen.Types.Named;
import io.github.convai4j.codegen.Types.ObjectDef;
import io.github.convai4j.codegen.Types.Prim;
import io.github.convai4j.codegen.Types.Prop;
import io.github.convai4j.codegen.Types.UnionDef;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The AsyncAPI's schemas as the analysis reads them: on a small document written here, and on the real one. */
class AsyncApiTest {

    private static final String DOC = """
            asyncapi: "2.6.0"
            channels:
              Main:
                publish:
                  message:
                    oneOf:
                      - $ref: "#/components/messages/Hello"
                      - $ref: "#/components/messages/Call"
                subscribe:
                  message:
                    $ref: "#/components/messages/Rate"
            components:
              messages:
                Hello: {payload: {$ref: "#/components/schemas/HelloPayload"}}
                Call: {payload: {$ref: "#/components/schemas/CallPayload"}}
                Rate: {payload: {$ref: "#/components/schemas/RatePayload"}}
              schemas:
                Lang:
                  type: string
                  enum: [en, no, yes]
                Score:
                  oneOf:
                    - type: string
                      enum: [like, dislike]
                    - type: "null"
                  description: A score
                Unused:
                  type: object
                  properties: {x: {type: string}}
                HelloPayload:
                  type: object
                  required: [type, hello_event]
                  properties:
                    type: {type: string, const: hello}
                    hello_event:
                      type: object
                      properties:
                        note: {type: string, nullable: true, description: A note}
                        lang: {$ref: "#/components/schemas/Lang", nullable: true}
                CallPayload:
                  type: object
                  required: [type, call]
                  properties:
                    type: {type: string, const: call}
                    call:
                      type: object
                      oneOf:
                        - $ref: "#/components/schemas/CallLoading"
                        - $ref: "#/components/schemas/CallDone"
                CallBase:
                  type: object
                  required: [id]
                  additionalProperties: false
                  properties:
                    id: {type: string}
                CallLoading:
                  allOf:
                    - $ref: "#/components/schemas/CallBase"
                    - type: object
                      required: [state]
                      properties:
                        state: {type: string, const: loading}
                CallDone:
                  allOf:
                    - $ref: "#/components/schemas/CallBase"
                    - type: object
                      required: [state, result]
                      properties:
                        state: {type: string, const: done}
                        result: {type: string}
                RatePayload:
                  type: object
                  required: [type, score]
                  properties:
                    type: {type: string, const: rate}
                    score: {$ref: "#/components/schemas/Score"}
            """;

    /** The small document's call union is flattened under the name the real document's needs. */
    private static final String DOC_FOR_FLATTENING = DOC.replace("CallPayload", "MCPToolCallPayload")
            .replace("[type, call]", "[type, mcp_tool_call]").replace("    call:\n", "    mcp_tool_call:\n");

    private static Analyzer analyze(String yaml) throws IOException {
        Analyzer a = new Analyzer(AsyncApi.parse(yaml).document, AsyncApi.PACKAGE);
        a.run();
        return a;
    }

    private static Prop prop(Analyzer a, String model, String wire) {
        ObjectDef d = (ObjectDef) a.defs.get(model);
        return d.props.stream().filter(p -> p.wire.equals(wire)).findFirst().orElseThrow();
    }

    @Test
    void nullableBecomesANullableProperty() throws IOException {
        Analyzer a = analyze(DOC);
        Prop note = prop(a, "HelloPayload.hello_event", "note");
        assertThat(note.nullable).isTrue();
        assertThat(note.type).isEqualTo(new Prim(Kind.STRING));
        assertThat(note.description).isEqualTo("A note");
        Prop lang = prop(a, "HelloPayload.hello_event", "lang");
        assertThat(lang.nullable).isTrue();
        assertThat(lang.type).isEqualTo(new Named("Lang"));
    }

    @Test
    void aComponentThatIsOneOfSomethingOrNullIsTheSomethingAndNullableWhereUsed() throws IOException {
        Analyzer a = analyze(DOC);
        assertThat(a.defs.get("Score")).isInstanceOf(EnumDef.class);
        assertThat(((EnumDef) a.defs.get("Score")).values).containsExactly("like", "dislike");
        assertThat(a.defs.get("Score").description).isEqualTo("A score");
        Prop score = prop(a, "RatePayload", "score");
        assertThat(score.nullable).isTrue();
        assertThat(score.required).isTrue();
    }

    @Test
    void yaml11BooleanWordsStayStrings() throws IOException {
        assertThat(((EnumDef) analyze(DOC).defs.get("Lang")).values).containsExactly("en", "no", "yes");
    }

    @Test
    void theServerMessagesAreOneUnionOnType() throws IOException {
        AsyncApi doc = AsyncApi.parse(DOC);
        assertThat(doc.serverPayloads).containsExactly("HelloPayload", "CallPayload");
        assertThat(doc.clientPayloads).containsExactly("RatePayload");
        UnionDef server = (UnionDef) analyze(DOC).defs.get(AsyncApi.SERVER_MESSAGE);
        assertThat(server.discriminator).isEqualTo("type");
        assertThat(server.variants).extracting(v -> v.tags.get(0)).containsExactly("hello", "call");
        assertThat(server.packageName).isEqualTo(AsyncApi.PACKAGE);
    }

    @Test
    void onlyWhatTheMessagesReachIsKept() throws IOException {
        assertThat(AsyncApi.parse(DOC).document.path("components").path("schemas").has("Unused")).isFalse();
        assertThat(analyze(DOC).defs).doesNotContainKey("Unused");
    }

    @Test
    void theMcpToolCallStatesAreOneObjectWithTheStateAnEnum() throws IOException {
        Analyzer a = analyze(DOC_FOR_FLATTENING);
        ObjectDef call = (ObjectDef) a.defs.get("MCPToolCall");
        assertThat(call.props).extracting(p -> p.wire).containsExactly("id", "state", "result");
        assertThat(call.props).extracting(p -> p.required).containsExactly(true, true, false);
        EnumDef state = (EnumDef) a.defs.get(((Named) prop(a, "MCPToolCall", "state").type).key());
        assertThat(state.values).containsExactly("loading", "done");
        assertThat(prop(a, "MCPToolCallPayload", "mcp_tool_call").type).isEqualTo(new Named("MCPToolCall"));
        assertThat(a.defs).doesNotContainKeys("CallLoading", "CallDone", "CallBase");
    }

    @Test
    @NeedsApiDocument
    void theDocumentHas27ServerAnd10ClientMessageTypesAllGenerated() throws IOException {
        AsyncApi doc = AsyncApi.read(ApiDocument.dir().resolve(AsyncApi.FILE));
        assertThat(doc.serverPayloads).hasSize(27);
        assertThat(doc.clientPayloads).hasSize(10);
        Analyzer a = new Analyzer(doc.document, AsyncApi.PACKAGE);
        a.run();
        UnionDef server = (UnionDef) a.defs.get(AsyncApi.SERVER_MESSAGE);
        assertThat(server.discriminator).isEqualTo("type");
        assertThat(server.variants).hasSize(27);
        for (String payload : doc.clientPayloads) {
            assertThat(a.defs.get(payload)).as(payload).isInstanceOf(ObjectDef.class);
        }
        assertThat(a.untyped).isEmpty();
    }
}
