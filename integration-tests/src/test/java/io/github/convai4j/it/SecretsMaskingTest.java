package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.RequestOptions;
import io.github.convai4j.errors.BadRequestException;
import io.github.convai4j.internal.ResponseHandlers;
import io.github.convai4j.it.FaultServer.Reply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Secrets under names that do not look like credentials: at TRACE only known harmless request headers show
 * their values; the key under a custom header name stays out of {@code toString()}; a token the server
 * echoes stays out of exception messages, while the request id stays in.
 */
class SecretsMaskingTest extends RuntimeTestSupport {

    private static final String PARTNER_PASS = "partner_pw_5c1d9e";
    private static final String AUTH = "x_auth_77aa01";
    private static final String TOKEN = "tok_3f9e1c2b7a";

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void traceShowsOnlyAllowlistedRequestHeaderValues(String transport) {
        ConvaiClient client = client(transport, b -> b.defaultHeader("X-Partner-Pass", PARTNER_PASS));
        server.enqueue(Reply.json(200, agentJson("a1", "Support")));

        LogCapture.start();
        List<LogCapture.Event> events;
        try {
            context(client).execute(getAgent("a1"), ResponseHandlers.jsonValue(),
                    RequestOptions.builder().header("X-Auth", AUTH).header("X-Tenant", "acme").build());
        } finally {
            events = LogCapture.stop();
        }

        assertThat(server.received().get(0).header("X-Auth")).isEqualTo(AUTH); // sent, just not logged
        String log = String.join("\n", events.stream().map(LogCapture.Event::text).toList());
        assertThat(log).contains("X-Partner-Pass: <redacted>", "X-Auth: <redacted>", "X-Tenant: <redacted>",
                        "Accept: application/json", "User-Agent: convai4j/")
                .doesNotContain(PARTNER_PASS).doesNotContain(AUTH).doesNotContain(API_KEY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void theKeyUnderACustomHeaderNameStaysOutOfToString(String transport) {
        ConvaiClient client = client(transport, b -> b.defaultHeader("X-Gateway-Credentials-Passthrough", API_KEY));
        RequestOptions options = RequestOptions.builder().header("X-Forward", API_KEY).build();

        assertThat(client.toString()).contains("X-Gateway-Credentials-Passthrough: <redacted>").doesNotContain(API_KEY);
        assertThat(client.options().toString()).doesNotContain(API_KEY);
        assertThat(options.toString()).contains("X-Forward: <redacted>").doesNotContain(API_KEY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void anEchoedTokenIsMaskedInTheExceptionMessageAndTheRequestIdKept(String transport) {
        server.enqueue(Reply.json(400, "{\"detail\":{\"status\":\"invalid_url\",\"message\":\"Bad signed url "
                + "wss://api.elevenlabs.io/v1/convai/conversation?agent_id=a1&token=" + TOKEN + "\"}}")
                .header("request-id", "req_echo_1"));

        Throwable failure = catchThrowable(() -> context(client(transport)).execute(getAgent("a1"),
                ResponseHandlers.jsonValue(), null));

        assertThat(failure).isInstanceOf(BadRequestException.class);
        assertThat(failure.getMessage()).contains("token=<redacted>", "req_echo_1").doesNotContain(TOKEN);
        assertThat(failure.toString()).doesNotContain(TOKEN);
    }
}
