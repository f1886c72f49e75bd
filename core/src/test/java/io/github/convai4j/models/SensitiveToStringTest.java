package io.github.convai4j.models;

import io.github.convai4j.json.Json;
import io.github.convai4j.models.conversations.ConversationSignedUrlResponse;
import io.github.convai4j.models.tools.ToolRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the generator marks sensitive stays out of {@code toString()}: a signed URL's token, and the values of
 * every header a tool or webhook sends (Authorization included), while the names stay readable.
 */
class SensitiveToStringTest {

    @Test
    void theSignedUrlsTokenIsMaskedAndTheRestOfTheUrlShown() {
        ConversationSignedUrlResponse response = Json.parse("{\"signed_url\":\"wss://api.elevenlabs.io/v1/convai/"
                + "conversation?agent_id=agent_1&conversation_signature=sig_42&token=tok_secret_123\"}",
                ConversationSignedUrlResponse.codec());

        assertThat(response.toString())
                .contains("agent_id=agent_1", "token=<redacted>", "conversation_signature=<redacted>")
                .doesNotContain("tok_secret_123", "sig_42");
        assertThat(response.signedUrl()).contains("token=tok_secret_123"); // the value itself is untouched
    }

    @Test
    void aToolRequestShowsHeaderNamesButNoHeaderValue() {
        ToolRequest request = Json.parse("{\"tool_config\":{\"type\":\"webhook\",\"name\":\"crm\",\"description\":\"d\","
                + "\"api_schema\":{\"url\":\"https://crm.example.com/hook?sig=abc_sig\",\"method\":\"POST\","
                + "\"request_headers\":{\"Authorization\":\"Bearer sk_tool_secret\",\"X-Partner-Pass\":\"pw_9\","
                + "\"Content-Type\":\"application/json\"}}}}", ToolRequest.codec());

        assertThat(request.toString())
                .contains("Authorization=***", "X-Partner-Pass=***", "Content-Type=***", "crm.example.com/hook")
                .doesNotContain("sk_tool_secret", "pw_9", "abc_sig");
    }
}
