package io.github.convai4j.conversation;

import io.github.convai4j.conversation.events.ErrorEvent;
import io.github.convai4j.json.JsonValue;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How and why a live conversation ended: the WebSocket close code and reason, what they mean
 * ({@link #kind()}), and the server's {@link #errorType()} where it gave one.
 *
 * <table>
 *   <caption>Close codes</caption>
 *   <tr><th>Code</th><th>{@link Kind}</th><th>Meaning</th><th>Examples of {@code error_type}</th></tr>
 *   <tr><td>1000</td><td>{@link Kind#NORMAL}</td><td>the agent ended the call, or its maximum duration was
 *       reached</td><td>{@code max_duration_exceeded}</td></tr>
 *   <tr><td>1002</td><td>{@link Kind#OPERATIONAL_ERROR}</td><td>a timeout, a policy violation, an LLM, TTS or ASR
 *       failure</td><td>{@code llm_timeout}, {@code transport_receive_timeout}, {@code safety_violation}</td></tr>
 *   <tr><td>1008</td><td>{@link Kind#INPUT_ERROR}</td><td>an invalid message, a missing field or variable, a
 *       refused override, an auth problem</td><td>{@code override_error}, {@code missing_dynamic_variable}</td></tr>
 *   <tr><td>1011</td><td>{@link Kind#INTERNAL_ERROR}</td><td>an unexpected server error</td>
 *       <td>{@code unknown_websocket_crash}</td></tr>
 *   <tr><td>1006</td><td>{@link Kind#CONNECTION_LOST}</td><td>the connection ended without a close frame</td>
 *       <td></td></tr>
 * </table>
 *
 * <p>The error type comes from the last {@code error} event before the close if there was one, else from
 * the close reason: a JSON object with {@code error_type}, or a reason that is (or starts with) a
 * {@code snake_case} error type such as {@code "override_error"} or {@code "max_duration_exceeded: ..."}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConversationEnd {

    /** What kind of end it was. */
    public enum Kind {
        /** The server closed with 1000: the agent ended the call, or the maximum duration was reached. */
        NORMAL,
        /** You closed the session ({@link ConversationSession#close()}). */
        CLOSED_BY_CLIENT,
        /** The server closed with 1002: timeouts, policy violations, LLM, TTS or ASR failures. */
        OPERATIONAL_ERROR,
        /** The server closed with 1008: an invalid message or override, a missing variable, an auth problem. */
        INPUT_ERROR,
        /** The server closed with 1011: an unexpected server error. */
        INTERNAL_ERROR,
        /** The connection ended without a closing handshake (1006): network failure or abort. */
        CONNECTION_LOST,
        /** The client ended the session because of a local failure, e.g. it gave up waiting for the server. */
        CLIENT_FAILURE,
        /** Any other close code. */
        OTHER
    }

    /** The first word of a reason like {@code "override_error"} or {@code "llm_timeout: LLM took too long"}. */
    private static final Pattern ERROR_TYPE_REASON = Pattern.compile("^([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?:$|[\\s:;,.\\-(\\[])");

    private final Kind kind;
    private final int closeCode;
    private final String closeReason;
    private final String errorType;
    private final ErrorEvent errorEvent;
    private final Throwable cause;

    ConversationEnd(Kind kind, int closeCode, String closeReason, String errorType, ErrorEvent errorEvent,
            Throwable cause) {
        this.kind = kind;
        this.closeCode = closeCode;
        this.closeReason = closeReason == null ? "" : closeReason;
        this.errorType = errorType;
        this.errorEvent = errorEvent;
        this.cause = cause;
    }

    /**
     * Maps a close as the WebSocket reported it.
     *
     * @param code the peer's close code (1005 without one, 1006 without a close frame)
     * @param reason the peer's reason
     * @param lastError the last {@code error} event before the close, or {@code null}
     * @param closedByClient whether the user closed the session first
     * @param localFailure what made the client give up, or {@code null}
     * @param transportError what the transport reported before the close, or {@code null}
     */
    static ConversationEnd fromClose(int code, String reason, ErrorEvent lastError, boolean closedByClient,
            Throwable localFailure, Throwable transportError) {
        Kind kind;
        if (localFailure != null) {
            kind = Kind.CLIENT_FAILURE;
        } else if (closedByClient) {
            kind = Kind.CLOSED_BY_CLIENT;
        } else {
            kind = kindOf(code);
        }
        String errorType = null;
        if (lastError != null) {
            errorType = lastError.errorType().orElse(null);
        }
        if (errorType == null) {
            errorType = errorTypeFromReason(reason);
        }
        return new ConversationEnd(kind, code, reason, errorType, lastError,
                localFailure != null ? localFailure : transportError);
    }

    static Kind kindOf(int code) {
        switch (code) {
            case 1000:
                return Kind.NORMAL;
            case 1002:
                return Kind.OPERATIONAL_ERROR;
            case 1008:
                return Kind.INPUT_ERROR;
            case 1011:
                return Kind.INTERNAL_ERROR;
            case 1006:
                return Kind.CONNECTION_LOST;
            default:
                return Kind.OTHER;
        }
    }

    /** The error type a close reason carries, or {@code null}. */
    static String errorTypeFromReason(String reason) {
        if (reason == null) {
            return null;
        }
        String r = reason.trim();
        if (r.startsWith("{")) {
            try {
                JsonValue json = JsonValue.parse(r);
                JsonValue type = json.get("error_type");
                if (type == null && json.get("error_event") != null) {
                    type = json.get("error_event").get("error_type");
                }
                return type != null && type.isString() ? type.asString() : null;
            } catch (IllegalArgumentException notJson) {
                return null;
            }
        }
        Matcher m = ERROR_TYPE_REASON.matcher(r);
        return m.find() ? m.group(1) : null;
    }

    /**
     * Returns what kind of end it was.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Tells whether the conversation ended as intended: {@link Kind#NORMAL} or {@link Kind#CLOSED_BY_CLIENT}.
     *
     * @return {@code true} for a normal end
     */
    public boolean isNormal() {
        return kind == Kind.NORMAL || kind == Kind.CLOSED_BY_CLIENT;
    }

    /**
     * Returns the peer's close code.
     *
     * @return the code; 1005 if the close frame had none, 1006 if there was no close frame
     */
    public int closeCode() {
        return closeCode;
    }

    /**
     * Returns the peer's close reason.
     *
     * @return the reason, possibly empty
     */
    public String closeReason() {
        return closeReason;
    }

    /**
     * Returns the server's error type, e.g. {@code "max_duration_exceeded"}, {@code "override_error"} or
     * {@code "llm_timeout"}: from the last {@code error} event, else from the close reason.
     *
     * @return the error type, if the server gave one
     */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    /**
     * Returns the last {@code error} event the server sent before closing.
     *
     * @return the event, if there was one
     */
    public Optional<ErrorEvent> errorEvent() {
        return Optional.ofNullable(errorEvent);
    }

    /**
     * Returns the local failure behind a {@link Kind#CLIENT_FAILURE}, or what the transport reported before
     * a {@link Kind#CONNECTION_LOST}.
     *
     * @return the failure, if any
     */
    public Optional<Throwable> cause() {
        return Optional.ofNullable(cause);
    }

    /**
     * Describes the end for a log: kind, code, error type and reason.
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ConversationEnd[").append(kind).append(", code ").append(closeCode);
        if (errorType != null) {
            sb.append(", ").append(errorType);
        }
        if (!closeReason.isEmpty()) {
            sb.append(", reason \"").append(closeReason).append('"');
        }
        if (errorEvent != null && errorEvent.message().isPresent()) {
            sb.append(", message \"").append(errorEvent.message().get()).append('"');
        }
        if (cause != null) {
            sb.append(", cause ").append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                sb.append(": ").append(cause.getMessage());
            }
        }
        return sb.append(']').toString();
    }
}
