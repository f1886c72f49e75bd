package io.github.convai4j.http;

import io.github.convai4j.ClientOptions;
import io.github.convai4j.RequestOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Header values HTTP cannot carry are refused when added, instead of reaching the wire as {@code ?}. */
class HeadersTest {

    @Test
    void aValueAboveLatin1IsRefusedWithAdvice() {
        for (String value : new String[] {"5 \u20ac", "\u65e5\u672c", "smile \ud83d\ude00", "\u0100"}) {
            assertThatThrownBy(() -> Headers.of("X-Note", value)).as(value)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("header 'X-Note'")
                    .hasMessageContaining("RFC 9110")
                    .hasMessageContaining("percent-encode");
        }
        assertThatThrownBy(() -> Headers.builder().set("X-Note", "5 \u20ac"))
                .hasMessageContaining("the character U+20AC at index 2");
    }

    @Test
    void theMessageForACredentialHeaderNamesNoCharacter() {
        assertThatThrownBy(() -> Headers.of("xi-api-key", "sk_\u20ac"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains a character at index 3")
                .hasMessageNotContaining("20AC");
    }

    @Test
    void asciiAndObsoleteLatin1TextAreKept() {
        Headers headers = Headers.of("X-Plain", "visible ASCII\tand tab", "X-Latin1", "caf\u00e9 \u00ff");

        assertThat(headers.first("X-Plain")).isEqualTo("visible ASCII\tand tab");
        assertThat(headers.first("X-Latin1")).isEqualTo("caf\u00e9 \u00ff");
    }

    @Test
    void everyWayOfAddingAHeaderRefusesIt() {
        assertThatThrownBy(() -> HttpRequest.builder(HttpMethod.GET, java.net.URI.create("https://api.example.com/"))
                .addHeader("X-Note", "\u20ac")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestOptions.builder().header("X-Note", "\u20ac"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percent-encode");
        assertThatThrownBy(() -> ClientOptions.builder().defaultHeader("X-Note", "\u20ac"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percent-encode");
        assertThatThrownBy(() -> RequestBody.ofString("{}", "application/json; title=\u20ac"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Content-Type");
    }

    @Test
    void aNonAsciiApiKeyIsRefusedWhenSet() {
        assertThatThrownBy(() -> ClientOptions.builder().apiKey("sk_\u00e9abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-ASCII character at index 3")
                .hasMessageNotContaining("\u00e9abc");
    }
}
