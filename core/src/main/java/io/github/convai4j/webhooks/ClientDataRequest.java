package io.github.convai4j.webhooks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the Agents Platform posts to your conversation-initiation client-data webhook when an inbound phone
 * call (Twilio or SIP trunk) to an agent that fetches initiation data starts: {@code caller_id},
 * {@code agent_id}, {@code called_number} and {@code call_sid}. Answer with a {@link ClientDataResponse}, in
 * time: the platform waits for it while the call connects.
 *
 * <pre>{@code
 * ClientDataRequest call = ClientDataRequest.parse(body);
 * Customer customer = customers.byPhone(call.callerId().orElse(""));
 * byte[] answer = ClientDataResponse.builder()
 *         .dynamicVariable("customer_name", customer.name())
 *         .build()
 *         .toBytes();                                           // 200, Content-Type: application/json
 * }</pre>
 *
 * <p>This request is not signed like the post-call webhooks: it carries the request headers configured for
 * the webhook. Check a shared secret there (in constant time, e.g. with
 * {@link java.security.MessageDigest#isEqual}) before you answer with a caller's data.
 *
 * <p>Reading is lenient: members this version does not know are kept ({@link #additionalProperties()}), and a
 * missing {@code agent_id} is reported only when asked for. Immutable and thread-safe.
 */
public final class ClientDataRequest {

    private final Map<String, JsonValue> members;

    private ClientDataRequest(Map<String, JsonValue> members) {
        this.members = Collections.unmodifiableMap(members);
    }

    /**
     * Reads the request body.
     *
     * @param body the body as received
     * @return the request
     * @throws WebhookPayloadException if the body is not a JSON object
     * @throws IllegalArgumentException if {@code body} is {@code null}
     */
    public static ClientDataRequest parse(byte[] body) {
        if (body == null) {
            throw new IllegalArgumentException("body must not be null");
        }
        try (JsonParser parser = Json.factory().createParser(body)) {
            return read(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading from memory failed", e); // only JSON errors can happen
        }
    }

    /**
     * Reads the request body from a stream, to its end; the stream is not closed.
     *
     * @param body the body as received
     * @return the request
     * @throws IOException if reading the stream fails
     * @throws WebhookPayloadException if the body is not a JSON object
     * @throws IllegalArgumentException if {@code body} is {@code null}
     */
    public static ClientDataRequest parse(InputStream body) throws IOException {
        if (body == null) {
            throw new IllegalArgumentException("body must not be null");
        }
        try (JsonParser parser = Json.factory().createParser(body)) {
            return read(parser);
        }
    }

    private static ClientDataRequest read(JsonParser parser) throws IOException {
        try {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new WebhookPayloadException("A client-data webhook request must be a JSON object, found "
                        + parser.currentToken() + ".", null);
            }
            JsonValue value = JsonValue.read(parser);
            if (parser.nextToken() != null) {
                throw new WebhookPayloadException("Trailing content after the client-data webhook request.", null);
            }
            return new ClientDataRequest(new LinkedHashMap<>(value.asObject()));
        } catch (JsonProcessingException e) {
            throw new WebhookPayloadException("The client-data webhook request is not well-formed JSON: "
                    + e.getOriginalMessage() + ".", e);
        }
    }

    /**
     * Returns the id of the agent the call is for.
     *
     * @return {@code agent_id}
     * @throws IllegalStateException if the request has none
     */
    public String agentId() {
        return string("agent_id").orElseThrow(() -> new IllegalStateException(
                "The client-data webhook request has no agent_id"));
    }

    /**
     * Returns the caller's phone number.
     *
     * @return {@code caller_id}, e.g. {@code "+14155550100"}; empty if absent (a withheld number)
     */
    public Optional<String> callerId() {
        return string("caller_id");
    }

    /**
     * Returns the number that was called: your Twilio or SIP-trunk number.
     *
     * @return {@code called_number}; empty if absent
     */
    public Optional<String> calledNumber() {
        return string("called_number");
    }

    /**
     * Returns the telephony provider's id of the call (Twilio's {@code CallSid}).
     *
     * @return {@code call_sid}; empty if absent
     */
    public Optional<String> callSid() {
        return string("call_sid");
    }

    /**
     * Returns the members of the request other than the four above, in the order received.
     *
     * @return an unmodifiable map, possibly empty
     */
    public Map<String, JsonValue> additionalProperties() {
        Map<String, JsonValue> rest = new LinkedHashMap<>(members);
        rest.keySet().removeAll(java.util.Arrays.asList("agent_id", "caller_id", "called_number", "call_sid"));
        return Collections.unmodifiableMap(rest);
    }

    /**
     * Returns the whole request as received.
     *
     * @return the JSON object
     */
    public JsonValue raw() {
        return JsonValue.object(members);
    }

    /**
     * Describes the request by agent and call, without the phone numbers (personal data).
     *
     * @return e.g. {@code "ClientDataRequest[agent_id=agent_1, call_sid=CA123]"}
     */
    @Override
    public String toString() {
        return "ClientDataRequest[agent_id=" + string("agent_id").orElse(null) + ", call_sid="
                + string("call_sid").orElse(null) + "]";
    }

    private Optional<String> string(String name) {
        JsonValue value = members.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw new IllegalStateException("The client-data webhook request's " + name + " is not a string: " + value);
        }
        return Optional.of(value.asString());
    }
}
