package io.github.convai4j.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    private static final String KEY = "sk_4f9c2d7e1a0b";
    private final Redactor redactor = new Redactor(KEY);

    private String json(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return redactor.json(bytes, bytes.length, false);
    }

    @Test
    void apiKeyIsScrubbedFromAnyText() {
        assertThat(redactor.scrub("key " + KEY + " and again " + KEY)).isEqualTo("key <redacted> and again <redacted>");
    }

    @Test
    void credentialPropertiesAreMasked() {
        String masked = json("{\"name\":\"Support\",\"api_key\":\"abc\",\"webhook_secret\":\"s3cr3t\","
                + "\"token\":\"tok\",\"password\":\"pw\",\"Authorization\":\"Bearer x\",\"max_tokens\":512}");

        assertThat(masked).isEqualTo("{\"name\":\"Support\",\"api_key\":\"<redacted>\",\"webhook_secret\":\"<redacted>\","
                + "\"token\":\"<redacted>\",\"password\":\"<redacted>\",\"Authorization\":\"<redacted>\",\"max_tokens\":512}");
    }

    @Test
    void everythingInsideACredentialObjectIsMasked() {
        String masked = json("{\"secret\":{\"id\":\"s1\",\"value\":\"v\",\"list\":[\"a\",{\"b\":\"c\"}]},\"after\":\"kept\"}");

        assertThat(masked).isEqualTo("{\"secret\":{\"id\":\"<redacted>\",\"value\":\"<redacted>\",\"list\":[\"<redacted>\","
                + "{\"b\":\"<redacted>\"}]},\"after\":\"kept\"}");
    }

    @Test
    void signedUrlTokensAreMaskedInsideStrings() {
        String masked = json("{\"signed_url\":\"wss://api.elevenlabs.io/v1/convai/conversation?agent_id=a1"
                + "&conversation_signature=cvtkn_SECRET&token=t0ken\"}");

        assertThat(masked).contains("agent_id=a1").contains("conversation_signature=<redacted>")
                .contains("token=<redacted>").doesNotContain("cvtkn_SECRET").doesNotContain("t0ken");
    }

    @Test
    void apiKeyInsideJsonValuesIsScrubbed() {
        assertThat(json("{\"note\":\"the key is " + KEY + "\"}")).doesNotContain(KEY);
    }

    @Test
    void inputEchoIsMaskedOnlyWhenAsked() {
        byte[] body = "{\"detail\":[{\"loc\":[\"body\",\"value\"],\"input\":\"hunter2\"}]}".getBytes(StandardCharsets.UTF_8);

        assertThat(redactor.json(body, body.length, true)).doesNotContain("hunter2");
        assertThat(redactor.json(body, body.length, false)).contains("hunter2");
    }

    @Test
    void jsonCutShortIsMaskedUpToTheCutAndMarked() {
        String full = "{\"agents\":[{\"name\":\"a\",\"token\":\"tok_secret_value\"},{\"name\":\"b\"}]}";
        byte[] bytes = full.getBytes(StandardCharsets.UTF_8);
        int cut = full.indexOf("tok_secret") + 5;

        String masked = redactor.json(bytes, cut, false);

        assertThat(masked).startsWith("{\"agents\":[{\"name\":\"a\",\"token\":").endsWith(" ...")
                .doesNotContain("tok_s").doesNotContain("}]}");
    }

    @Test
    void textThatIsNotJsonFallsBackToTextMasking() {
        byte[] html = ("<a href=\"https://x.example/cb?token=abc123&x=1\">" + KEY + "</a>").getBytes(StandardCharsets.UTF_8);

        String masked = redactor.json(html, html.length, false);

        assertThat(masked).doesNotContain("abc123").doesNotContain(KEY).contains("x=1");
    }

    @Test
    void sensitiveNames() {
        assertThat(Redactor.isSensitiveName("xi-api-key")).isTrue();
        assertThat(Redactor.isSensitiveName("private_key")).isTrue();
        assertThat(Redactor.isSensitiveName("key")).isTrue();
        assertThat(Redactor.isSensitiveName("conversation_token")).isTrue();
        assertThat(Redactor.isSensitiveName("name")).isFalse();
        assertThat(Redactor.isSensitiveName("agent_id")).isFalse();
        assertThat(Redactor.isSensitiveName("keywords")).isFalse();
    }
}
