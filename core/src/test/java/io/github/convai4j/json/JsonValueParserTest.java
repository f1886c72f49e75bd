package io.github.convai4j.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.convai4j.internal.Codecs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonValueParserTest {

    private static final String DOCUMENT = "{\"name\":\"Ava\",\"n\":42,\"big\":123456789012345678901234567890,"
            + "\"long\":9007199254740993,\"neg\":-1,\"x\":0.5,\"tiny\":1.0E-7,\"flag\":true,\"off\":false,"
            + "\"none\":null,\"list\":[1,[2,{}],{\"a\":[]}],\"nested\":{\"deep\":{\"deeper\":[\"s\",null]}}}";

    @Test
    void givesTheTokensNamesAndValuesThatParsingTheTextGives() throws IOException {
        JsonValue value = JsonValue.parse(DOCUMENT);

        List<String> fromText;
        try (JsonParser text = Json.factory().createParser(value.toJson())) {
            fromText = tokens(text);
        }
        List<String> fromTree;
        try (JsonParser tree = value.traverse()) {
            fromTree = tokens(tree);
        }
        assertThat(fromTree).isEqualTo(fromText).hasSizeGreaterThan(40);
    }

    @Test
    void aDecimalWithoutFractionReadsAsTheIntegerItsTextIs() throws IOException {
        Map<String, JsonValue> object = new LinkedHashMap<>();
        object.put("thousand", JsonValue.of(new BigDecimal("1E+3")));
        object.put("half", JsonValue.of(new BigDecimal("0.50")));
        JsonValue value = JsonValue.object(object);

        try (JsonParser tree = value.traverse(); JsonParser text = Json.factory().createParser(value.toJson())) {
            assertThat(tokens(tree)).isEqualTo(tokens(text));
        }
        assertThat(Json.fromJsonValue(Codecs.map(Codecs.JSON), value)).isEqualTo(object);
    }

    @Test
    void readingASubtreeSharesItAndLeavesTheParserOnItsLastToken() throws IOException {
        JsonValue value = JsonValue.parse(DOCUMENT);
        try (JsonParser tree = value.traverse()) {
            assertThat(tree.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (!"nested".equals(tree.nextFieldName())) {
                tree.nextToken();
                tree.skipChildren();
            }
            tree.nextToken();
            JsonValue nested = JsonValue.read(tree);

            assertThat(nested).isSameAs(value.get("nested"));
            assertThat(tree.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(tree.nextToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(tree.nextToken()).isNull();
        }
    }

    @Test
    void aScalarRootIsOneToken() throws IOException {
        try (JsonParser tree = JsonValue.of("just text").traverse()) {
            assertThat(tree.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
            assertThat(tree.getText()).isEqualTo("just text");
            assertThat(tree.nextToken()).isNull();
        }
    }

    /** Every token with the parser's view of it: current name, text, number type and value. */
    private static List<String> tokens(JsonParser p) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            StringBuilder sb = new StringBuilder(t.name()).append(' ').append(p.currentName()).append(' ')
                    .append(p.getParsingContext().getCurrentIndex());
            if (t.isScalarValue() || t == JsonToken.FIELD_NAME) {
                sb.append(' ').append(p.getText());
            }
            if (t.isNumeric()) {
                sb.append(' ').append(p.getNumberType()).append(' ').append(p.getDecimalValue().stripTrailingZeros())
                        .append(' ').append(p.getDoubleValue());
                if (t == JsonToken.VALUE_NUMBER_INT) {
                    sb.append(' ').append(p.getBigIntegerValue());
                }
            }
            out.add(sb.toString());
        }
        return out;
    }
}
