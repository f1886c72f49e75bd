package io.github.convai4j.internal;

import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonCodec;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.json.ValueMismatchException;
import io.github.convai4j.models.agents.AgentBranchBasicInfo;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodecsTest {

    @Test
    void primitivesReadTheirOwnJsonTypeOnly() {
        assertThat(Json.parse("\"x\"", Codecs.STRING)).isEqualTo("x");
        assertThat(Json.parse("9007199254740993", Codecs.INTEGER)).isEqualTo(9007199254740993L);
        assertThat(Json.parse("2", Codecs.NUMBER)).isEqualTo(2.0);
        assertThat(Json.parse("true", Codecs.BOOLEAN)).isTrue();
        assertThat(Json.parse("null", Codecs.STRING)).isNull();
        assertThatThrownBy(() -> Json.parse("1.5", Codecs.INTEGER)).isInstanceOf(IllegalArgumentException.class)
                .hasCauseInstanceOf(ValueMismatchException.class).hasMessageContaining("Expected an integer");
        assertThatThrownBy(() -> Json.parse("123456789012345678901234567890", Codecs.INTEGER))
                .hasCauseInstanceOf(ValueMismatchException.class);
    }

    @Test
    void toBytesWritesTheUtf8OfToJsonAcrossManyBlocks() {
        // Past Jackson's ByteArrayBuilder's first blocks, with characters of one to four UTF-8 bytes.
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("a\u00e9\u20ac\ud83d\ude00\"\n".charAt(i % 7));
        }
        JsonValue value = JsonValue.parse("{\"text\":" + Json.toJson(Codecs.STRING, text.toString())
                + ",\"n\":[1,2.5,true,null]}");

        byte[] bytes = Json.toBytes(Codecs.JSON, value);

        assertThat(bytes).hasSizeGreaterThan(40_000);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(Json.toJson(Codecs.JSON, value));
        assertThat(Json.parse(new String(bytes, StandardCharsets.UTF_8), Codecs.JSON)).isEqualTo(value);
        assertThat(Json.toBytes(Codecs.STRING, "")).containsExactly('"', '"');
    }

    @Test
    void toBytesOfAValueNestedTooDeepFailsWithTheLimit() {
        JsonValue deep = JsonValue.of(1L);
        for (int i = 0; i < Json.MAX_NESTING_DEPTH + 1; i++) {
            deep = JsonValue.array(List.of(deep));
        }
        JsonValue tooDeep = deep;
        assertThatThrownBy(() -> Json.toBytes(Codecs.JSON, tooDeep)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> Json.toBytes(Codecs.JSON, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aListWithOneBadElementIsGivenBackWholeAndRaw() throws Exception {
        JsonCodec<List<String>> codec = Codecs.list(Codecs.STRING);
        JsonValue json = JsonValue.parse("[\"a\",null,{\"b\":[1]},\"c\",2]");
        ValueMismatchException e = catchMismatch(codec, json);
        assertThat(e.raw()).isEqualTo(json);
        assertThat(Json.fromJsonValue(codec, JsonValue.parse("[\"a\",null]"))).containsExactly("a", null);
    }

    @Test
    void nestedContainersGiveTheOuterContainerBackRaw() throws Exception {
        JsonCodec<Map<String, List<Long>>> codec = Codecs.map(Codecs.list(Codecs.INTEGER));
        JsonValue json = JsonValue.parse("{\"a\":[1,2],\"b\":[3,\"x\"],\"c\":[4]}");
        assertThat(catchMismatch(codec, json).raw()).isEqualTo(json);
        assertThat(Json.fromJsonValue(codec, JsonValue.parse("{\"a\":[1,2]}"))).containsEntry("a", List.of(1L, 2L));
    }

    @Test
    void bestMatchPrefersConstantsThenRequiredPropertiesThenKnownOnes() {
        String[][] shapes = {{"!secret_id"}, {"!env_var_label"}, {"=type=llm", "prompt"}};
        assertThat(Unions.bestMatch(JsonValue.parse("{\"env_var_label\":\"K\"}"), shapes)).isEqualTo(1);
        assertThat(Unions.bestMatch(JsonValue.parse("{\"secret_id\":\"s\"}"), shapes)).isEqualTo(0);
        assertThat(Unions.bestMatch(JsonValue.parse("{\"type\":\"llm\",\"secret_id\":\"s\"}"), shapes)).isEqualTo(2);
    }

    @Test
    void onlyFitNamesTheSingleVariantAnObjectFitsOrNone() {
        String[][] shapes = {{"=type=a", "x"}, {"=type=b", "!y", "x"}, {"=type=c", "z"}};
        assertThat(Unions.onlyFit(JsonValue.parse("{\"y\":1}"), shapes)).isEqualTo(1);
        assertThat(Unions.onlyFit(JsonValue.parse("{\"x\":1}"), shapes)).as("b requires y").isEqualTo(0);
        assertThat(Unions.onlyFit(JsonValue.parse("{}"), shapes)).as("fits a and c").isEqualTo(-1);
        assertThat(Unions.onlyFit(JsonValue.parse("{\"x\":1,\"q\":2}"), shapes)).as("q is nobody's").isEqualTo(-1);
        assertThat(Unions.onlyFit(JsonValue.parse("{\"type\":\"c\"}"), shapes)).isEqualTo(2);
        assertThat(Unions.onlyFit(JsonValue.parse("[1]"), shapes)).isEqualTo(-1);
    }

    @Test
    void requiredAndBuilderChecksNameTheModelAndProperties() {
        assertThatThrownBy(() -> AgentBranchBasicInfo.builder().name("main").build())
                .hasMessage("AgentBranchBasicInfo.Builder.build(): missing required property id; set it first");
        AgentBranchBasicInfo read = Json.parse("{\"id\":null}", AgentBranchBasicInfo.codec());
        assertThatThrownBy(read::id).isInstanceOf(java.util.NoSuchElementException.class)
                .hasMessageContaining("AgentBranchBasicInfo.id").hasMessageContaining("was null");
        assertThatThrownBy(read::name).isInstanceOf(java.util.NoSuchElementException.class)
                .hasMessageContaining("AgentBranchBasicInfo.name").hasMessageContaining("was absent");
    }

    private static ValueMismatchException catchMismatch(JsonCodec<?> codec, JsonValue json) {
        try {
            Json.fromJsonValue(codec, json);
        } catch (ValueMismatchException e) {
            return e;
        }
        throw new AssertionError("expected a ValueMismatchException");
    }
}
