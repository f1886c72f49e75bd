package io.github.convai4j.models;

import io.github.convai4j.internal.Codecs;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.models.common.WorkflowEdgeForwardCondition;
import io.github.convai4j.models.common.WorkflowNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A discriminated union read from an object without its discriminator (the spec's own workflow example omits
 * every {@code type}; the server always writes it): the variant is the one whose properties the object fits, if
 * exactly one does; otherwise it is unknown. Either way the JSON is written back as it came, without a
 * {@code type}.
 */
class MissingDiscriminatorTest {

    @Test
    void anObjectThatFitsOneVariantIsReadAsThatVariant() {
        String json = "{\"edge_order\":[\"a\"],\"tools\":[{\"tool_id\":\"t1\"}]}";
        WorkflowNode node = Json.parse(json, WorkflowNode.codec());

        assertThat(node.isTool()).isTrue();
        assertThat(node.discriminator()).isEqualTo("tool");
        assertThat(node.asTool().tools().get()).hasSize(1);
        assertThat(Json.toJsonValue(WorkflowNode.codec(), node)).isEqualTo(JsonValue.parse(json));
    }

    @Test
    void requiredPropertiesDecideBetweenVariantsThatShareTheRest() {
        WorkflowEdgeForwardCondition llm = Json.parse("{\"condition\":\"asked about pricing\"}",
                WorkflowEdgeForwardCondition.codec());
        WorkflowEdgeForwardCondition result = Json.parse("{\"successful\":false}", WorkflowEdgeForwardCondition.codec());
        // every condition but the unconditional one requires a property, so {} can only be unconditional
        WorkflowEdgeForwardCondition always = Json.parse("{}", WorkflowEdgeForwardCondition.codec());

        assertThat(llm.isLlm()).isTrue();
        assertThat(result.isResult()).isTrue();
        assertThat(always.isUnconditional()).isTrue();
        assertThat(Json.toJson(WorkflowEdgeForwardCondition.codec(), always)).isEqualTo("{}");
    }

    @Test
    void anObjectThatFitsSeveralVariantsIsUnknownAndKept() {
        // start, end, standalone_agent and tool nodes all have only optional properties besides these
        String json = "{\"edge_order\":[\"a\"]}";
        WorkflowNode node = Json.parse(json, WorkflowNode.codec());

        assertThat(node.isUnknown()).isTrue();
        assertThat(node.discriminator()).isNull();
        assertThat(node.asUnknown().raw()).isEqualTo(JsonValue.parse(json));
        assertThat(Json.toJsonValue(WorkflowNode.codec(), node)).isEqualTo(JsonValue.parse(json));
    }

    @Test
    void anObjectWithAPropertyNoVariantHasIsUnknown() {
        WorkflowNode node = Json.parse("{\"tools\":[],\"teleport\":true}", WorkflowNode.codec());

        assertThat(node.isUnknown()).isTrue();
    }

    @Test
    void aDiscriminatorOfTheWrongTypeIsNotInferredAway() {
        WorkflowNode node = Json.parse("{\"type\":5,\"tools\":[]}", WorkflowNode.codec());

        assertThat(node.isUnknown()).isTrue();
    }
}
