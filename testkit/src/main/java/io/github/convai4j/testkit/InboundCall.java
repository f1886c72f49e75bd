package io.github.convai4j.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What became of a fake inbound phone call started with
 * {@link FakeAgentsPlatform#startInboundCall(String, String, String)}: what the client-data webhook answered and,
 * if the call could start, the conversation it became. Immutable.
 */
public final class InboundCall {

    private final String conversationId;
    private final String callSid;
    private final int clientDataStatus;
    private final String clientDataResponse;
    private final Map<String, Object> dynamicVariables;
    private final String firstMessage;
    private final String failure;

    InboundCall(String conversationId, String callSid, int clientDataStatus, String clientDataResponse,
                Map<String, Object> dynamicVariables, String firstMessage, String failure) {
        this.conversationId = conversationId;
        this.callSid = callSid;
        this.clientDataStatus = clientDataStatus;
        this.clientDataResponse = clientDataResponse;
        this.dynamicVariables = Collections.unmodifiableMap(new LinkedHashMap<>(dynamicVariables));
        this.firstMessage = firstMessage;
        this.failure = failure;
    }

    /**
     * Tells whether the call started: the client-data webhook (if any) answered well and every dynamic variable
     * of the first message had a value.
     *
     * @return {@code true} if a conversation was stored
     */
    public boolean started() {
        return failure == null;
    }

    /**
     * Returns why the call did not start.
     *
     * @return e.g. {@code "client-data webhook answered 500"}, or {@code null} if it started
     */
    public String failure() {
        return failure;
    }

    /**
     * Returns the conversation's id; it is listed and served by the conversation endpoints if the call started.
     *
     * @return {@code conv_...}
     */
    public String conversationId() {
        return conversationId;
    }

    /**
     * Returns the call's id, as Twilio's {@code CallSid}.
     *
     * @return {@code CA} and 32 hex digits
     */
    public String callSid() {
        return callSid;
    }

    /**
     * Returns the HTTP status the client-data webhook answered with.
     *
     * @return the status; -1 if no client-data webhook is installed or it gave no response
     */
    public int clientDataStatus() {
        return clientDataStatus;
    }

    /**
     * Returns the client-data webhook's response body.
     *
     * @return up to 64 KiB of it, as UTF-8; empty if there was none
     */
    public String clientDataResponse() {
        return clientDataResponse;
    }

    /**
     * Returns the dynamic variables the conversation got: the webhook's, then the system variables
     * ({@code system__caller_id}, {@code system__called_number}, {@code system__call_sid},
     * {@code system__agent_id}, {@code system__conversation_id}).
     *
     * @return names to strings, numbers and booleans
     */
    public Map<String, Object> dynamicVariables() {
        return dynamicVariables;
    }

    /**
     * Returns what the agent said first: the override's or the agent's first message, its placeholders filled.
     *
     * @return the message; empty if the agent has none, or {@code null} if the call did not start
     */
    public String firstMessage() {
        return firstMessage;
    }

    /**
     * Describes the call, without phone numbers or variable values.
     *
     * @return e.g. {@code "InboundCall[conv_..., started]"}
     */
    @Override
    public String toString() {
        return "InboundCall[" + conversationId + ", " + (failure == null ? "started" : "failed: " + failure) + "]";
    }
}
