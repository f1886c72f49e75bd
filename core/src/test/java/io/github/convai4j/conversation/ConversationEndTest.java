package io.github.convai4j.conversation;

import io.github.convai4j.conversation.events.ConversationEvents;
import io.github.convai4j.conversation.events.ErrorEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationEndTest {

    private static ConversationEnd close(int code, String reason) {
        return ConversationEnd.fromClose(code, reason, null, false, null, null);
    }

    @Test
    void closeCodesMapToKinds() {
        assertThat(close(1000, "").kind()).isEqualTo(ConversationEnd.Kind.NORMAL);
        assertThat(close(1002, "").kind()).isEqualTo(ConversationEnd.Kind.OPERATIONAL_ERROR);
        assertThat(close(1008, "").kind()).isEqualTo(ConversationEnd.Kind.INPUT_ERROR);
        assertThat(close(1011, "").kind()).isEqualTo(ConversationEnd.Kind.INTERNAL_ERROR);
        assertThat(close(1006, "").kind()).isEqualTo(ConversationEnd.Kind.CONNECTION_LOST);
        assertThat(close(1001, "going away").kind()).isEqualTo(ConversationEnd.Kind.OTHER);
        assertThat(close(1005, "").kind()).isEqualTo(ConversationEnd.Kind.OTHER);
        assertThat(close(1000, "").isNormal()).isTrue();
        assertThat(close(1008, "").isNormal()).isFalse();
    }

    @Test
    void maxDurationIsANormalEndWithItsErrorType() {
        ConversationEnd end = close(1000, "max_duration_exceeded");
        assertThat(end.kind()).isEqualTo(ConversationEnd.Kind.NORMAL);
        assertThat(end.errorType()).contains("max_duration_exceeded");
        assertThat(end.closeReason()).isEqualTo("max_duration_exceeded");
    }

    @Test
    void errorTypeIsReadFromTheCloseReason() {
        assertThat(close(1008, "override_error").errorType()).contains("override_error");
        assertThat(close(1002, "llm_timeout: the LLM took more than 20 s").errorType()).contains("llm_timeout");
        assertThat(close(1008, "{\"error_type\":\"missing_dynamic_variable\",\"message\":\"x\"}").errorType())
                .contains("missing_dynamic_variable");
        assertThat(close(1011, "{\"type\":\"error\",\"error_event\":{\"code\":1011,\"error_type\":\"unknown_websocket_crash\"}}")
                .errorType()).contains("unknown_websocket_crash");
        assertThat(close(1008, "Override for field agent.prompt is not allowed").errorType()).isEmpty();
        assertThat(close(1000, "").errorType()).isEmpty();
        assertThat(close(1000, "bye").errorType()).isEmpty();
    }

    @Test
    void aPrecedingErrorEventGivesTheErrorType() {
        ErrorEvent error = (ErrorEvent) ConversationEvents.decode("{\"type\":\"error\",\"error_event\":{\"code\":1002,"
                + "\"message\":\"No user input\",\"error_type\":\"transport_receive_timeout\"}}");
        ConversationEnd end = ConversationEnd.fromClose(1002, "some_other_reason", error, false, null, null);
        assertThat(end.errorType()).contains("transport_receive_timeout");
        assertThat(end.errorEvent()).contains(error);
        assertThat(end.toString()).contains("OPERATIONAL_ERROR", "1002", "transport_receive_timeout", "No user input");
    }

    @Test
    void theClientClosingOrFailingWinsOverTheCode() {
        assertThat(ConversationEnd.fromClose(1000, "", null, true, null, null).kind())
                .isEqualTo(ConversationEnd.Kind.CLOSED_BY_CLIENT);
        assertThat(ConversationEnd.fromClose(1000, "", null, true, null, null).isNormal()).isTrue();
        IOException boom = new IOException("boom");
        ConversationEnd failed = ConversationEnd.fromClose(1006, "", null, true, boom, null);
        assertThat(failed.kind()).isEqualTo(ConversationEnd.Kind.CLIENT_FAILURE);
        assertThat(failed.cause()).contains(boom);
        IOException reset = new IOException("reset");
        assertThat(ConversationEnd.fromClose(1006, "", null, false, null, reset).cause()).contains(reset);
    }
}
