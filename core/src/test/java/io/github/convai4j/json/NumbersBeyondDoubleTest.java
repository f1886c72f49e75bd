package io.github.convai4j.json;

import io.github.convai4j.models.common.PromptAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue 18, item 5: a number beyond the range of a double ({@code 1e1000000}, which a double reads as infinity,
 * {@code 1e-1000000}, which it reads as zero) is kept with its exact value: a model or {@link JsonValue} holding
 * one prints, is written back as the same number, and reads back equal; nothing turns it into a million digits.
 */
class NumbersBeyondDoubleTest {

    @ParameterizedTest
    @ValueSource(strings = {"1e1000000", "-1E+1000000", "1e-1000000", "2.5e400", "1e999999999", "-4e-400"})
    void aJsonValueOfSuchANumberPrintsAndRoundTripsExactly(String number) {
        JsonValue value = JsonValue.parse("{\"x\":" + number + "}");

        String json = value.toJson();

        assertThat(json).hasSizeLessThan(500); // plain notation up to a scale of 9999, then scientific
        assertThat(new BigDecimal(JsonValue.parse(json).get("x").toJson())).isEqualByComparingTo(new BigDecimal(number));
        assertThat(JsonValue.parse(json)).isEqualTo(value);
        assertThat(value.toString()).isEqualTo(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e1000000", "1e-1000000", "-2.5e400", "1e999999999"})
    void aModelPropertyOfSuchANumberIsKeptRawAndWrittenBackAsItCame(String number) throws Exception {
        String json = "{\"prompt\":\"Be brief.\",\"temperature\":" + number + ",\"max_tokens\":" + number + "}";
        for (boolean fromTree : new boolean[] {false, true}) {
            // Read from text, and from a tree (as a union reads its buffered variant).
            PromptAgent agent = fromTree ? Json.fromJsonValue(PromptAgent.codec(), JsonValue.parse(json))
                    : Json.parse(json, PromptAgent.codec());

            assertThat(agent.temperature().isPresent()).isFalse();
            JsonValue kept = agent.additionalProperties().get("temperature");
            assertThat(new BigDecimal(kept.toJson())).isEqualByComparingTo(new BigDecimal(number));
            assertThatCode(agent::toString).doesNotThrowAnyException();
            assertThat(agent.toString()).contains(kept.toJson());
            String back = Json.toJson(PromptAgent.codec(), agent);
            assertThat(JsonValue.parse(back)).isEqualTo(JsonValue.parse(json));
            assertThat(Json.parse(back, PromptAgent.codec())).isEqualTo(agent);
        }
    }

    @Test
    void aHugeExponentNeverBecomesAMillionDigitsWhenReadFromATree() {
        JsonValue huge = JsonValue.parse("[1e100000000, 1e-100000000]");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            PromptAgent agent = Json.fromJsonValue(PromptAgent.codec(),
                    JsonValue.parse("{\"max_tokens\":1e100000000,\"temperature\":1e100000000}"));
            assertThat(agent.additionalProperties()).containsKeys("max_tokens", "temperature");
            assertThat(huge.toJson()).isEqualTo("[1E+100000000,1E-100000000]");
        });
    }

    @Test
    void anIntegerPastTheRangeOfADoubleInANumberPropertyIsKeptRaw() {
        String digits = "9" + "0".repeat(400);
        PromptAgent agent = Json.parse("{\"temperature\":" + digits + ",\"max_tokens\":" + digits + "}",
                PromptAgent.codec());

        assertThat(agent.additionalProperties().get("temperature").toJson()).isEqualTo(digits);
        assertThat(agent.additionalProperties().get("max_tokens").toJson()).isEqualTo(digits);
        assertThat(agent.toString()).contains(digits);
        assertThat(Json.parse("{\"temperature\":" + "9".repeat(300) + "}", PromptAgent.codec()).temperature().get())
                .isEqualTo(1e300);
    }

    @Test
    void numbersInsideTheRangeStayDoublesAndZeroStaysZero() {
        PromptAgent agent = Json.parse("{\"temperature\":0.0,\"max_tokens\":0}", PromptAgent.codec());
        assertThat(agent.temperature().get()).isEqualTo(0.0);
        assertThat(agent.maxTokens().get()).isEqualTo(0L);
        assertThat(Json.parse("{\"temperature\":1.7976931348623157E308}", PromptAgent.codec()).temperature().get())
                .isEqualTo(Double.MAX_VALUE);
        assertThat(JsonValue.parse("[1000,0.001,1e3]").toJson()).isEqualTo("[1000,0.001,1000]");
    }
}
