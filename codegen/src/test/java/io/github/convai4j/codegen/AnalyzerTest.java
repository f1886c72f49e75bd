package io.github.convai4j.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.convai4j.codegen.Types.EnumDef;
import io.github.convai4j.codegen.Types.Kind;
import io.github.convai4j.codegen.Types.ListOf;
import io.github.convai4j.codegen.Types.MapOf;
import io.github.convai4j.codegen.Types.Named;
import io.github.convai4j.codegen.Types.ObjectDef;
import io.github.convai4j.codegen.Types.Prim;
import io.github.convai4j.codegen.Types.Prop;
import io.github.convai4j.codegen.Types.UnionDef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Type mapping, twin merging, unions and packages, on a small spec written here. */
class AnalyzerTest {

    private static final String SPEC = """
            {"paths": {
              "/v1/convai/agents": {"post": {"operationId": "create", "x-fern-sdk-group-name": ["conversational_ai", "agents"],
                 "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing-Input"}}}},
                 "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing-Output"}}}}}}},
              "/v1/convai/tools": {"get": {"operationId": "list", "x-fern-sdk-group-name": ["conversational_ai", "tools"],
                 "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Shared"}}}}}}}},
             "components": {"schemas": {
              "Thing-Input": {"type": "object", "required": ["name"], "properties": {
                 "name": {"type": "string"},
                 "note": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                 "count": {"type": "integer"},
                 "ratio": {"anyOf": [{"type": "integer"}, {"type": "number"}]},
                 "anything": {"anyOf": [{"type": "string"}, {"type": "boolean"}, {"type": "integer"}]},
                 "free": {"type": "object", "additionalProperties": true},
                 "untyped": {"title": "Untyped"},
                 "mode": {"type": "string", "enum": ["a", "b"]},
                 "sound": {"anyOf": [{"$ref": "#/components/schemas/Sound"}, {"type": "string", "const": "off"}]},
                 "shared": {"items": {"$ref": "#/components/schemas/Shared"}, "type": "array"},
                 "pet": {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}]},
                 "locator": {"anyOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Shared"}, {"type": "null"}]},
                 "secret_key": {"type": "string"},
                 "input_only": {"type": "boolean"}}},
              "Thing-Output": {"type": "object", "required": ["name", "count"], "properties": {
                 "name": {"type": "string", "title": "Other title"},
                 "note": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                 "count": {"type": "integer"},
                 "ratio": {"anyOf": [{"type": "integer"}, {"type": "number"}]},
                 "anything": {"anyOf": [{"type": "string"}, {"type": "boolean"}, {"type": "integer"}]},
                 "free": {"type": "object", "additionalProperties": true},
                 "untyped": {"title": "Untyped"},
                 "mode": {"type": "string", "enum": ["a", "b"]},
                 "sound": {"anyOf": [{"$ref": "#/components/schemas/Sound"}, {"type": "string", "const": "off"}]},
                 "shared": {"items": {"$ref": "#/components/schemas/Shared"}, "type": "array"},
                 "pet": {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}]},
                 "locator": {"anyOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Shared"}, {"type": "null"}]},
                 "secret_key": {"type": "string"},
                 "server_only": {"type": "string"}}},
              "Sound": {"type": "string", "enum": ["beep", "ding"]},
              "Latency": {"type": "integer", "enum": [0, 1, 4]},
              "Same-Input": {"type": "object", "required": ["id"], "properties": {
                 "id": {"type": "string"}, "n": {"type": "integer"},
                 "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true}}},
              "Same-Output": {"type": "object", "required": ["id", "n"], "properties": {
                 "id": {"type": "string", "title": "Id"}, "n": {"type": "integer", "description": "N."},
                 "tags": {"type": "array", "items": {"type": "string"}}}},
              "Holder-Input": {"type": "object", "properties": {"thing": {"$ref": "#/components/schemas/Thing-Input"},
                 "same": {"$ref": "#/components/schemas/Same-Input"}}},
              "Holder-Output": {"type": "object", "properties": {"thing": {"$ref": "#/components/schemas/Thing-Output"},
                 "same": {"$ref": "#/components/schemas/Same-Output"}}},
              "Shared": {"type": "object", "properties": {"id": {"type": "string"}}},
              "Cat": {"type": "object", "properties": {"kind": {"type": "string", "const": "cat"}, "meow": {"type": "boolean"}}},
              "Dog": {"type": "object", "properties": {"kind": {"type": "string", "const": "dog"}}}
             }}}
            """;

    private static Analyzer analyze() throws Exception {
        JsonNode spec = new ObjectMapper().readTree(SPEC);
        Analyzer a = new Analyzer(spec);
        a.run();
        return a;
    }

    private static Prop prop(ObjectDef d, String wire) {
        return d.props.stream().filter(p -> p.wire.equals(wire)).findFirst().orElseThrow();
    }

    @Test
    void twinsWithTheSameWireShapeBecomeOneClassWithTheInputsRequiredList() throws Exception {
        Analyzer a = analyze();
        ObjectDef same = (ObjectDef) a.defs.get("Same");
        assertThat(same.schemaNames).containsExactly("Same-Input", "Same-Output");
        assertThat(same.javaName).isEqualTo("Same");
        assertThat(prop(same, "id").required).isTrue();
        assertThat(prop(same, "n").required).as("only the -Output requires it").isFalse();
        assertThat(same.requiredInResponses).containsExactly("n");
        assertThat(a.defs).doesNotContainKey("Same-Output");
    }

    @Test
    void twinsThatDifferInPropertiesBecomeTwoClassesTheResponseSideSuffixed() throws Exception {
        Analyzer a = analyze();
        ObjectDef request = (ObjectDef) a.defs.get("Thing");
        ObjectDef response = (ObjectDef) a.defs.get("Thing-Output");
        assertThat(a.unmergedTwins).contains("Thing");
        assertThat(request.javaName).isEqualTo("Thing");
        assertThat(request.schemaNames).containsExactly("Thing-Input");
        assertThat(response.javaName).isEqualTo("ThingResponse");
        assertThat(response.schemaNames).containsExactly("Thing-Output");
        assertThat(request.props).extracting(p -> p.wire).contains("input_only").doesNotContain("server_only");
        assertThat(response.props).extracting(p -> p.wire).contains("server_only").doesNotContain("input_only");
        assertThat(request.responseTwin).isEqualTo("Thing-Output");
        assertThat(response.requestTwin).isEqualTo("Thing");
        // what both sides have alike is shared: the inline enum, and the union over shared schemas
        assertThat(prop(response, "mode").type).isEqualTo(prop(request, "mode").type);
        assertThat(prop(response, "pet").type).isEqualTo(prop(request, "pet").type);
    }

    @Test
    void twinsThatHoldTwoClassTwinsAreTwoClassesTooEachPointingAtItsSide() throws Exception {
        Analyzer a = analyze();
        assertThat(a.unmergedTwins).containsExactly("Holder", "Thing");
        ObjectDef request = (ObjectDef) a.defs.get("Holder");
        ObjectDef response = (ObjectDef) a.defs.get("Holder-Output");
        assertThat(response.javaName).isEqualTo("HolderResponse");
        assertThat(prop(request, "thing").type).isEqualTo(new Named("Thing"));
        assertThat(prop(response, "thing").type).isEqualTo(new Named("Thing-Output"));
        assertThat(prop(request, "same").type).isEqualTo(prop(response, "same").type).isEqualTo(new Named("Same"));
    }

    @Test
    void typesMapAsDocumented() throws Exception {
        ObjectDef thing = (ObjectDef) analyze().defs.get("Thing");
        assertThat(prop(thing, "name").type).isEqualTo(new Prim(Kind.STRING));
        assertThat(prop(thing, "note").nullable).isTrue();
        assertThat(prop(thing, "count").type).isEqualTo(new Prim(Kind.INTEGER));
        assertThat(prop(thing, "ratio").type).isEqualTo(new Prim(Kind.NUMBER));
        assertThat(prop(thing, "anything").type).isEqualTo(new Prim(Kind.JSON));
        assertThat(prop(thing, "free").type).isEqualTo(new MapOf(new Prim(Kind.JSON)));
        assertThat(prop(thing, "untyped").type).isEqualTo(new Prim(Kind.JSON));
        assertThat(prop(thing, "shared").type).isEqualTo(new ListOf(new Named("Shared")));
        // a string union with one enum is that (open) enum
        assertThat(prop(thing, "sound").type).isEqualTo(new Named("Sound"));
        assertThat(prop(thing, "secret_key").secret).isTrue();
        assertThat(prop(thing, "name").secret).isFalse();
    }

    @Test
    void inlineEnumsAndUnionsGetClasses() throws Exception {
        Analyzer a = analyze();
        ObjectDef thing = (ObjectDef) a.defs.get("Thing");
        EnumDef mode = (EnumDef) a.defs.get(((Named) prop(thing, "mode").type).key());
        assertThat(mode.javaName).isEqualTo("ThingMode");
        assertThat(mode.values).containsExactly("a", "b");

        UnionDef pet = (UnionDef) a.defs.get(((Named) prop(thing, "pet").type).key());
        assertThat(pet.discriminator).as("inferred from the variants' constants").isEqualTo("kind");
        assertThat(pet.variants).extracting(v -> v.javaName).containsExactly("Cat", "Dog");
        assertThat(pet.javaName).isEqualTo("ThingPet");

        Prop locator = prop(thing, "locator");
        UnionDef l = (UnionDef) a.defs.get(((Named) locator.type).key());
        assertThat(locator.nullable).isTrue();
        assertThat(l.discriminator).isNull();
        assertThat(l.variants).extracting(v -> v.javaName).containsExactly("Cat", "Shared");
    }

    @Test
    void anIntegerEnumKeepsItsJsonType() throws Exception {
        EnumDef latency = (EnumDef) analyze().defs.get("Latency");
        assertThat(latency.integer).isTrue();
        assertThat(latency.values).containsExactly("0", "1", "4");
        assertThat(((EnumDef) analyze().defs.get("Sound")).integer).isFalse();
    }

    @Test
    void modelsUsedByOneGroupLiveInItsPackageSharedOnesInCommon() throws Exception {
        Analyzer a = analyze();
        assertThat(a.defs.get("Thing").packageName).isEqualTo("io.github.convai4j.models.agents");
        assertThat(a.defs.get("Shared").packageName).isEqualTo("io.github.convai4j.models.common");
    }
}
