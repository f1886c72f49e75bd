package io.github.convai4j.models;

import io.github.convai4j.internal.Codecs;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.models.common.TTSConversationalConfig;
import io.github.convai4j.models.common.TTSOptimizeStreamingLatency;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An enum the spec declares {@code type: integer} ({@code TTSOptimizeStreamingLatency}, {@code [0..4]}) is read
 * from and written as JSON numbers, and is open like the string enums: an unknown number is kept.
 */
class IntegerEnumTest {

    @Test
    void aKnownNumberIsReadIntoTheTypedProperty() {
        TTSConversationalConfig tts = Json.parse("{\"optimize_streaming_latency\":3}", TTSConversationalConfig.codec());

        assertThat(tts.additionalProperties()).isEmpty();
        TTSOptimizeStreamingLatency latency = tts.optimizeStreamingLatency().get();
        assertThat(latency).isSameAs(TTSOptimizeStreamingLatency.V_3);
        assertThat(latency.known()).isEqualTo(TTSOptimizeStreamingLatency.Known.V_3);
        assertThat(latency.longValue()).isEqualTo(3L);
    }

    @Test
    void aConstantIsWrittenAsAJsonNumber() {
        TTSConversationalConfig tts = TTSConversationalConfig.builder()
                .optimizeStreamingLatency(TTSOptimizeStreamingLatency.V_3).build();

        assertThat(Json.toJson(TTSConversationalConfig.codec(), tts)).isEqualTo("{\"optimize_streaming_latency\":3}");
        assertThat(Json.toJson(TTSOptimizeStreamingLatency.codec(), TTSOptimizeStreamingLatency.of(0))).isEqualTo("0");
    }

    @Test
    void anUnknownNumberIsKeptAndWrittenBack() {
        String json = "{\"optimize_streaming_latency\":7}";
        TTSConversationalConfig tts = Json.parse(json, TTSConversationalConfig.codec());

        TTSOptimizeStreamingLatency latency = tts.optimizeStreamingLatency().get();
        assertThat(latency.isKnown()).isFalse();
        assertThat(latency.known()).isEqualTo(TTSOptimizeStreamingLatency.Known.UNRECOGNIZED);
        assertThat(latency.longValue()).isEqualTo(7L);
        assertThat(latency).isEqualTo(TTSOptimizeStreamingLatency.of(7));
        assertThat(tts.additionalProperties()).isEmpty();
        assertThat(Json.toJson(TTSConversationalConfig.codec(), tts)).isEqualTo(json);
    }

    @Test
    void aStringWhereTheNumberBelongsIsKeptRawNotCoerced() {
        String json = "{\"optimize_streaming_latency\":\"3\"}";
        TTSConversationalConfig tts = Json.parse(json, TTSConversationalConfig.codec());

        assertThat(tts.optimizeStreamingLatency().isAbsent()).isTrue();
        assertThat(tts.additionalProperties()).containsEntry("optimize_streaming_latency", JsonValue.of("3"));
        assertThat(Json.toJson(TTSConversationalConfig.codec(), tts)).isEqualTo(json);
    }
}
