package io.github.convai4j;

import io.github.convai4j.core.AuthScheme;
import io.github.convai4j.core.RequestOptions;
import io.github.convai4j.core.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientOptionsTest {

    private static final String KEY = "sk_0123456789abcdef";

    private static ClientOptions.Builder withKey() {
        return ClientOptions.builder().apiKey(KEY);
    }

    @Test
    void defaults() {
        ClientOptions options = withKey().build();

        assertThat(options.baseUrl()).hasToString("https://api.elevenlabs.io");
        assertThat(options.authScheme()).isEqualTo(AuthScheme.XI_API_KEY);
        assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.attemptTimeout()).isEqualTo(Duration.ZERO);
        assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.retryPolicy()).isEqualTo(RetryPolicy.defaults());
        assertThat(options.executor()).isNull();
        assertThat(options.allowInsecureHttp()).isFalse();
    }

    @Test
    void providerPresets() {
        assertThat(Provider.ELEVENLABS_US.baseUrl()).hasToString("https://api.us.elevenlabs.io");
        assertThat(Provider.ELEVENLABS_EU_RESIDENCY.baseUrl()).hasToString("https://api.eu.residency.elevenlabs.io");
        assertThat(Provider.ELEVENLABS_IN_RESIDENCY.baseUrl()).hasToString("https://api.in.residency.elevenlabs.io");
        assertThat(Provider.ELEVENLABS_SG_RESIDENCY.baseUrl()).hasToString("https://api.sg.residency.elevenlabs.io");
        ClientOptions threetone = withKey().provider(Provider.THREETONE).build();
        assertThat(threetone.baseUrl()).hasToString("https://api.threetone.in");
        assertThat(threetone.authScheme()).isEqualTo(AuthScheme.X_API_KEY);
        ClientOptions custom = withKey().provider(Provider.of("https://proxy.example.com/el/", AuthScheme.BEARER)).build();
        assertThat(custom.baseUrl()).hasToString("https://proxy.example.com/el");
        assertThat(custom.authScheme()).isEqualTo(AuthScheme.BEARER);
    }

    @Test
    void toStringNeverShowsTheKey() {
        ClientOptions options = withKey().defaultHeader("xi-api-key", KEY).build();

        assertThat(options.toString()).doesNotContain(KEY).contains("apiKey=<redacted>");
        assertThat(RequestOptions.builder().header("Authorization", "Bearer " + KEY).queryParam("token", "t0k")
                .build().toString()).doesNotContain(KEY).doesNotContain("t0k");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1:1234", "http://127.1.2.3", "http://[::1]:9000"})
    void plainHttpIsAllowedForLoopback(String url) {
        assertThat(withKey().baseUrl(url).build().baseUrl().getScheme()).isEqualTo("http");
    }

    @Test
    void plainHttpToOtherHostsNeedsExplicitConsent() {
        assertThatThrownBy(() -> withKey().baseUrl("http://api.example.com").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowInsecureHttp(true)")
                .hasMessageContaining("api.example.com");
        assertThatThrownBy(() -> withKey().baseUrl("http://localhost.evil.com").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(withKey().baseUrl("http://api.example.com").allowInsecureHttp(true).build().baseUrl())
                .hasToString("http://api.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://api.example.com", "api.elevenlabs.io", "https://user:pw@api.example.com",
        "https://api.example.com?x=1", "https://api.example.com/#frag", "/relative"})
    void unusableBaseUrlsAreRejected(String url) {
        assertThatThrownBy(() -> withKey().baseUrl(url).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void baseUrlErrorsNeverEchoUserInfo() {
        assertThatThrownBy(() -> withKey().baseUrl("https://user:hunter2@api example.com").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> withKey().baseUrl("ftp://user:hunter2@api.example.com").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> withKey().baseUrl("https://user:hunter2@api.example.com").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> Provider.of("https://user:hunter2@bad host", AuthScheme.BEARER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
    }

    @Test
    void apiKeyWithWhitespaceIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> ClientOptions.builder().apiKey("sk_secret\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 9")
                .hasMessageNotContaining("sk_secret");
        assertThatThrownBy(() -> ClientOptions.builder().apiKey("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerInjectionIsRejected() {
        assertThatThrownBy(() -> withKey().defaultHeader("x-a", "1\r\nx-b: 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestOptions.builder().header("x-a", "1\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeTimeoutsAreRejected() {
        assertThatThrownBy(() -> withKey().timeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> withKey().readTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestOptions.builder().attemptTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestOptionsOverrideRetries() {
        RetryPolicy client = RetryPolicy.defaults();
        assertThat(RequestOptions.none().retryPolicy(client)).isSameAs(client);
        assertThat(RequestOptions.builder().maxRetries(0).build().retryPolicy(client).maxRetries()).isZero();
        RetryPolicy custom = RetryPolicy.builder().maxRetries(5).build();
        assertThat(RequestOptions.builder().retryPolicy(custom).maxRetries(1).build().retryPolicy(client).maxRetries())
                .isEqualTo(1);
    }

    @Test
    void toBuilderKeepsEverything() {
        ClientOptions options = withKey().provider(Provider.THREETONE).maxRetries(4).timeout(Duration.ofSeconds(9))
                .defaultHeader("x-a", "1").build();

        ClientOptions copy = options.toBuilder().build();

        assertThat(copy.toString()).isEqualTo(options.toString());
        assertThat(copy.apiKey()).isEqualTo(KEY);
    }
}
