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
 * <p>A session ends exactly once, whichever way: {@link ConversationSession#ended()} completes once with this
 * object, a listener's {@link ConversationListener#onEnd} is called once with it, and {@link #reason()} says
 * who or what ended it ({@link Reason}: the user, the agent, an error, a timeout, or the server going without a
 * word); {@link #kind()} tells the close codes apart.
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
        /**
         * The client ended the session because the connection took nothing of what it sent for the send stall
         * timeout ({@link LiveConversation#sendStallTimeout}): the server does not read. The session aborted the
         * connection rather than let what it sends pile up in memory.
         */
        PEER_NOT_READING,
        /** Any other close code. */
        OTHER
    }

    /** Who or what ended the conversation. */
    public enum Reason {
        /** The application closed the session ({@link ConversationSession#close()}), or cancelled its opening. */
        USER,
        /**
         * The server ended it normally (close code 1000): the agent ended the call, or its maximum duration was
         * reached.
         */
        AGENT,
        /**
         * It failed: the server closed with an error code (1002, 1008, 1011 or another; the server's own
         * timeouts such as {@code llm_timeout} are among them, see {@link #errorType()}), or the client ended it
         * because of a failure (a message over the size limit, a broken frame, a listener or transport failure).
         */
        ERROR,
        /**
         * The client gave up waiting: the conversation did not start within the open timeout, or the server
         * read nothing of what the session sent for the send stall timeout ({@link Kind#PEER_NOT_READING}).
         */
        TIMEOUT,
        /**
         * The server went without saying why: the connection dropped without a close frame (1006), or the
         * server closed with 1001 (going away) or without a code (1005).
         */
        PEER_CLOSED
    }

    /** The first word of a reason like {@code "override_error"} or {@code "llm_timeout: LLM took too long"}. */
    private static final Pattern ERROR_TYPE_REASON = Pattern.compile("^([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?:$|[\\s:;,.\\-(\\[])");

    private final Kind kind;
    private final Reason reason;
    private final int closeCode;
    private final String closeReason;
    private final String errorType;
    private final ErrorEvent errorEvent;
    private final Throwable cause;

    ConversationEnd(Kind kind, int closeCode, String closeReason, String errorType, ErrorEvent errorEvent,
            Throwable cause) {
        this.kind = kind;
        this.reason = reasonOf(kind, closeCode, cause);
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
        return fromClose(code, reason, lastError, closedByClient, localFailure == null ? null : Kind.CLIENT_FAILURE,
                localFailure, transportError);
    }

    /**
     * Maps a close as the WebSocket reported it, or the client's own end.
     *
     * @param code the close code: the client's when it closed first, else the peer's (1005 without one, 1006
     *     without a close frame)
     * @param reason the matching close reason
     * @param lastError the last {@code error} event before the close, or {@code null}
     * @param closedByClient whether the user closed the session first
     * @param localKind why the client ended it itself ({@link Kind#CLIENT_FAILURE} or
     *     {@link Kind#PEER_NOT_READING}), or {@code null}
     * @param localFailure what made the client end it, or {@code null}
     * @param transportError what the transport reported before the close, or {@code null}
     */
    static ConversationEnd fromClose(int code, String reason, ErrorEvent lastError, boolean closedByClient,
            Kind localKind, Throwable localFailure, Throwable transportError) {
        Kind kind;
        if (localKind != null) {
            kind = localKind;
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

    static Reason reasonOf(Kind kind, int code, Throwable cause) {
        switch (kind) {
            case CLOSED_BY_CLIENT:
                return Reason.USER;
            case NORMAL:
                return Reason.AGENT;
            case CONNECTION_LOST:
                return Reason.PEER_CLOSED;
            case PEER_NOT_READING:
                return Reason.TIMEOUT;
            case CLIENT_FAILURE:
                for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
                    if (t instanceof io.github.convai4j.errors.ConvaiTimeoutException) {
                        return Reason.TIMEOUT;
                    }
                    if (t instanceof java.util.concurrent.CancellationException) {
                        return Reason.USER;
                    }
                }
                return Reason.ERROR;
            case OTHER:
                return code == 1001 || code == 1005 ? Reason.PEER_CLOSED : Reason.ERROR;
            default:
                return Reason.ERROR;
        }
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
     * Returns who or what ended the conversation: the application, the agent, an error, a timeout of the
     * client, or the server going without a word.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
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
     * Returns the close code: the server's when it closed first; the client's when it did
     * (1000 for {@link Reason#USER}); 1009 when the client closed because a message was too
     * big.
     *
     * @return the code; 1005 if the server's close frame had none, 1006 if there was no close frame (the
     *     connection dropped, or the client aborted it)
     */
    public int closeCode() {
        return closeCode;
    }

    /**
     * Returns the close reason that goes with {@link #closeCode()}: the server's, or the client's
     * ({@code "User ended conversation"} for {@link Reason#USER}).
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
     * Returns the local failure behind a {@link Kind#CLIENT_FAILURE} or {@link Kind#PEER_NOT_READING}, or what
     * the transport reported before the close (a {@link Kind#CONNECTION_LOST}, a message over the size limit).
     *
     * @return the failure, if any
     */
    public Optional<Throwable> cause() {
        return Optional.ofNullable(cause);
    }

    /**
     * Describes the end for a log: reason, kind, code, error type and close reason.
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ConversationEnd[").append(reason).append(' ').append(kind)
                .append(", code ").append(closeCode);
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
