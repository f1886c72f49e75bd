package io.github.convai4j.conversation;

import io.github.convai4j.errors.ConnectionFailedException;
import io.github.convai4j.errors.ConvaiIOException;
import io.github.convai4j.errors.ConvaiTimeoutException;
import io.github.convai4j.http.ConnectTimeoutException;
import io.github.convai4j.http.WebSocketHandshakeException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;

/** Turns what a transport reports when a conversation's WebSocket cannot be opened into the library's errors. */
final class ConnectFailures {

    private ConnectFailures() {
    }

    static Throwable map(Throwable t, String redactedUrl, Duration connectTimeout) {
        String where = "the conversation WebSocket at " + redactedUrl;
        if (t instanceof WebSocketHandshakeException) {
            WebSocketHandshakeException refused = (WebSocketHandshakeException) t;
            int status = refused.statusCode();
            String hint = status == 401 || status == 403
                    ? " The agent may be private: open it with requiresAuth(true), or the signed URL has expired (they"
                            + " last 15 minutes)."
                    : status == 404 ? " Check the agent id." : "";
            String body = maskedStart(refused.body());
            return new ConversationRefusedException("The server refused " + where + " with HTTP " + status + "." + hint
                    + (body.isEmpty() ? "" : " Response: " + body), status, body, refused);
        }
        if (t instanceof ConnectTimeoutException) {
            return new ConvaiTimeoutException(ConvaiTimeoutException.Kind.CONNECT, connectTimeout,
                    "Connecting to " + where + " timed out", t);
        }
        if (t instanceof ConnectException || t instanceof UnknownHostException) {
            return new ConnectionFailedException("Could not connect to " + where + ": " + t.getMessage(), t);
        }
        if (t instanceof IOException) {
            return new ConvaiIOException("Opening " + where + " failed: " + t, t);
        }
        return t;
    }

    private static String maskedStart(String text) {
        String start = text.length() > 300 ? text.substring(0, 300) + "..." : text;
        return start.replaceAll("(?i)([\\w.\\-]*(?:token|signature|secret|api[_-]?key)[\\w.\\-]*=)[^&\\s\"'<>]+",
                "$1<redacted>");
    }
}
