package io.github.convai4j.http;

import io.github.convai4j.ClientOptions;
import io.github.convai4j.core.RequestOptions;
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
    void controlCharactersOtherThanTabAreRefusedWithoutEchoingTheValue() {
        for (char c : new char[] {0x01, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f}) {
            String value = "secret" + c + "value";
            assertThatThrownBy(() -> Headers.of("Authorization", value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(String.format("control character 0x%02X at index 6", (int) c))
                    .hasMessageNotContaining("secret");
            assertThatThrownBy(() -> RequestOptions.builder().header("X-Note", value))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control character");
        }
        assertThat(Headers.of("X-Tab", "a\tb").first("X-Tab")).isEqualTo("a\tb");
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
