package io.github.convai4j.models;

import io.github.convai4j.internal.Codecs;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonCodec;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.json.ValueMismatchException;
import io.github.convai4j.testing.NeedsApiDocument;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 4, test 2: every example in the spec decodes into its generated model and re-encodes to
 * structurally equal JSON (compared as trees: property order and number spelling do not matter).
 *
 * <p>The spec's examples are of three kinds: examples of a whole component schema, examples of one property
 * of a schema (decoded inside their owner, and checked to land in the typed property rather than in
 * {@code additionalProperties()}), and examples of operation parameters (decoded with the parameter's type).
 */
@NeedsApiDocument
class SpecExamplesRoundTripTest {

    /**
     * Examples whose JSON does not have the type their own schema declares. They still round-trip (the value
     * is kept raw), but they cannot be typed. Each entry names why. For a whole-schema example, "typed" means
     * that nothing in the decoded graph is left in {@code additionalProperties()}, an unknown union variant, raw
     * union JSON or an unlisted enum value ({@link UntypedParts}).
     */
    static final Map<String, String> SPEC_ERRORS = Map.ofEntries(
            Map.entry("components.schemas.AgentTestingSettings.example",
                    "has referenced_tests_ids and an attached test's environment: neither schema lists them"),
            Map.entry("components.schemas.AgentWorkflowRequestModel.example",
                    "omits every type discriminator; 15 of its 17 nodes and edge conditions fit one variant and"
                            + " are typed, but start_node and success_end fit four node variants, a transfer"
                            + " destination fits phone and phone_dynamic_variable, an expression fits or and and"),
            Map.entry("components.schemas.AgentWorkflowResponseModel.example",
                    "nodes have return_when_nested, require_acceptance, drop_history, isolate_history: not in"
                            + " the node schemas"),
            Map.entry("components.schemas.GetAgentResponseModel.example",
                    "its workflow's nodes have return_when_nested, require_acceptance, drop_history,"
                            + " isolate_history: not in the node schemas"),
            Map.entry("components.schemas.MergePreviewResponseModel.example",
                    "its workflow's nodes have return_when_nested, require_acceptance, drop_history,"
                            + " isolate_history: not in the node schemas"),
            Map.entry("components.schemas.CompileProceduresResponseModel.example",
                    "workflow.edges and workflow.nodes are arrays; the schema makes them objects (maps by id)"),
            Map.entry("components.schemas.WebhookToolApiSchemaConfig-Input.example",
                    "query_params_schema and request_body_schema hold param1 directly, not under properties"),
            Map.entry("components.schemas.WebhookToolApiSchemaConfig-Output.example",
                    "query_params_schema and request_body_schema hold param1 directly, not under properties"),
            Map.entry("components.schemas.RagConfig-Input.properties.max_documents_length.examples[0]",
                    "example \"50000\" is a string; the property is an integer"),
            Map.entry("components.schemas.RagConfig-Output.properties.max_documents_length.examples[0]",
                    "example \"50000\" is a string; the property is an integer"),
            Map.entry("components.schemas.RagConfigWorkflowOverride-Input.properties.max_documents_length.examples[0]",
                    "example \"50000\" is a string; the property is an integer or null"),
            Map.entry("components.schemas.RagConfigWorkflowOverride-Output.properties.max_documents_length.examples[0]",
                    "example \"50000\" is a string; the property is an integer or null"),
            Map.entry("get_agent_summaries_route parameter agent_ids.schema.examples[0]",
                    "the parameter is an array; the example is one of its elements"),
            Map.entry("get_agent_summaries_route parameter agent_ids.schema.examples[1]",
                    "the parameter is an array; the example is one of its elements"),
            Map.entry("get_documentation_chunk_from_knowledge_base parameter chunk_id.schema.examples[0]",
                    "example 1 is a number; the parameter is a string"));

    @TestFactory
    Stream<DynamicTest> everySchemaExampleRoundTrips() {
        return SpecExamples.all().stream().filter(e -> e.schema() != null)
                .map(e -> DynamicTest.dynamicTest(e.where(), () -> {
                    JsonCodec<Object> codec = SpecExamples.codec(e.schema());
                    Object model = Json.fromJsonValue(codec, e.json());
                    assertThat(model).as("decoded %s", e.where()).isNotNull();
                    assertThat(model.getClass().getName()).isEqualTo(SpecExamples.INDEX.get(e.schema()));
                    JsonValue back = Json.toJsonValue(codec, model);
                    assertThat(back).as("re-encoded %s", e.where()).isEqualTo(e.json());
                    Object again = Json.fromJsonValue(codec, back);
                    assertThat(again).isEqualTo(model).hasSameHashCodeAs(model);
                    // The round trip passes even for JSON kept raw, so check that everything got typed.
                    List<String> untyped = UntypedParts.of(model);
                    if (SPEC_ERRORS.containsKey(e.where())) {
                        assertThat(untyped).as("%s is listed as a spec error but was typed; remove it from"
                                + " SPEC_ERRORS", e.where()).isNotEmpty();
                    } else {
                        assertThat(untyped).as("%s decoded partly untyped", e.where()).isEmpty();
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyPropertyExampleRoundTripsInsideItsModel() {
        return SpecExamples.propertyExamples().stream().map(e -> DynamicTest.dynamicTest(e.where(), () -> {
            JsonCodec<Object> codec = SpecExamples.codec(e.schema());
            Map<String, JsonValue> wrapper = new LinkedHashMap<>();
            wrapper.put(e.property(), e.json());
            JsonValue json = JsonValue.object(wrapper);
            Object model = Json.fromJsonValue(codec, json);
            assertThat(Json.toJsonValue(codec, model)).as("re-encoded %s", e.where()).isEqualTo(json);
            @SuppressWarnings("unchecked")
            Map<String, JsonValue> extras = (Map<String, JsonValue>) model.getClass()
                    .getMethod("additionalProperties").invoke(model);
            boolean typed = !extras.containsKey(e.property());
            if (SPEC_ERRORS.containsKey(e.where())) {
                assertThat(typed).as("%s is listed as a spec error but was typed; remove it from SPEC_ERRORS",
                        e.where()).isFalse();
            } else {
                assertThat(typed).as("%s was not typed: kept raw in additionalProperties()", e.where()).isTrue();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyParameterExampleReadsAsTheParameterType() {
        return SpecExamples.parameterExamples().stream().map(e -> DynamicTest.dynamicTest(e.where(), () -> {
            JsonCodec<Object> codec = codecOf(e.parameterSchema());
            if (SPEC_ERRORS.containsKey(e.where())) {
                assertThatThrownBy(() -> Json.fromJsonValue(codec, e.json()))
                        .as("%s is listed as a spec error but reads fine", e.where())
                        .isInstanceOf(ValueMismatchException.class);
                return;
            }
            Object value = Json.fromJsonValue(codec, e.json());
            assertThat(value).as("decoded %s", e.where()).isNotNull();
            assertThat(Json.toJsonValue(codec, value)).isEqualTo(e.json());
        }));
    }

    /** The codec of a parameter's schema: a referenced model or enum, a primitive, or an array of them. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static JsonCodec<Object> codecOf(JsonValue schema) {
        JsonValue anyOf = schema.get("anyOf");
        if (anyOf != null) {
            for (JsonValue m : anyOf.asArray()) {
                if (m.get("type") == null || !m.get("type").asString().equals("null")) {
                    return codecOf(m);
                }
            }
        }
        if (schema.get("$ref") != null) {
            return SpecExamples.codec(SpecExamples.refName(schema.get("$ref").asString()));
        }
        String type = schema.get("type") == null ? "" : schema.get("type").asString();
        switch (type) {
            case "string":
                return (JsonCodec) Codecs.STRING;
            case "integer":
                return (JsonCodec) Codecs.INTEGER;
            case "number":
                return (JsonCodec) Codecs.NUMBER;
            case "boolean":
                return (JsonCodec) Codecs.BOOLEAN;
            case "array":
                return (JsonCodec) Codecs.list(codecOf(schema.get("items")));
            default:
                return fail("parameter schema without a type: " + schema);
        }
    }

    @Test
    void countsTheExamples() {
        List<SpecExamples.Example> schemaLevel = SpecExamples.all();
        List<SpecExamples.Example> properties = SpecExamples.propertyExamples();
        List<SpecExamples.Example> parameters = SpecExamples.parameterExamples();
        List<String> untyped = new ArrayList<>();
        schemaLevel.stream().filter(e -> e.schema() == null).forEach(e -> untyped.add(e.where()));
        // Reported in the build log for the note.
        System.out.printf("spec examples: %d of whole schemas, %d of properties, %d of parameters (%d in all);"
                        + " inline-schema examples not decoded into a model: %s; spec errors kept raw: %s%n",
                schemaLevel.size(), properties.size(), parameters.size(),
                schemaLevel.size() + properties.size() + parameters.size(), untyped, SPEC_ERRORS.keySet());
        assertThat(schemaLevel.size() + properties.size()).as("component examples").isGreaterThanOrEqualTo(138);
        assertThat(parameters).as("operation examples").hasSizeGreaterThanOrEqualTo(100);
        assertThat(untyped).isEmpty();
    }
}
