package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.event.Level;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing a client after it has made calls, sync and async, is silent: no transport logs a warning or an
 * error on an orderly shutdown. (HttpClient 5's reactor closed in {@code IMMEDIATE} mode races its own
 * selector and logs an {@code ERROR} with a {@code ClosedSelectorException}; an application would see a
 * stack trace on every shutdown.) The race does not show every time, so the test closes many clients.
 */
class QuietCloseTest extends RuntimeTestSupport {

    private static final int CLIENTS = 40;

    static List<String> transports() {
        return Transports.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void closingAClientThatMadeSyncAndAsyncCallsLogsNoWarningOrError(String transport) {
        LogCapture.start();
        List<LogCapture.Event> events;
        try {
            for (int i = 0; i < CLIENTS; i++) {
                server.enqueue(FaultServer.Reply.json(200, agentJson("agent_" + i, "Quiet")),
                        FaultServer.Reply.json(200, agentJson("agent_" + i, "Quiet")));
                try (ConvaiClient client = client(transport)) {
                    assertThat(client.agents().get("agent_" + i).name()).isEqualTo("Quiet");
                    assertThat(client.async().agents().get("agent_" + i).join().name()).isEqualTo("Quiet");
                }
            }
        } finally {
            events = LogCapture.stop();
        }
        List<String> loud = events.stream()
                .filter(e -> e.level().toInt() >= Level.WARN.toInt())
                .map(LogCapture.Event::toString)
                .collect(Collectors.toList());
        assertThat(loud).as("warnings and errors logged while clients were closed").isEmpty();
    }
}
