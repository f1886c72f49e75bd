package io.github.convai4j.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.convai4j.models.common.AgentConfigOverride;
import io.github.convai4j.models.common.ConversationConfigClientOverride;
import io.github.convai4j.webhooks.ClientDataRequest;
import io.github.convai4j.webhooks.ClientDataResponse;
import io.github.convai4j.webhooks.WebhookPayloadException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Answers the conversation-initiation client-data webhook of inbound calls: checks the shared token the
 * webhook was configured to send (this request is not signed), looks the caller up and gives the conversation
 * the caller's name as a dynamic variable, with a first message for callers it knows.
 */
final class ClientDataWebhookHandler implements HttpHandler {

    /** The request header that carries the shared token (configured in the webhook's request headers). */
    static final String TOKEN_HEADER = "X-Webhook-Token";

    private final byte[] token;
    private final Map<String, String> customersByPhone;
    private final PrintStream out;

    ClientDataWebhookHandler(String token, Map<String, String> customersByPhone, PrintStream out) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.customersByPhone = customersByPhone;
        this.out = out;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String presented = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
        if (presented == null || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            PostCallWebhookHandler.respond(exchange, 401, "{\"detail\":\"token required\"}");
            return;
        }
        ClientDataRequest call;
        try (InputStream body = exchange.getRequestBody()) {
            call = ClientDataRequest.parse(body);
        } catch (WebhookPayloadException e) {
            PostCallWebhookHandler.respond(exchange, 400, "{\"detail\":\"not a client-data request\"}");
            return;
        }
        String name = customersByPhone.get(call.callerId().orElse(""));
        ClientDataResponse.Builder answer = ClientDataResponse.builder()
                .dynamicVariable("customer_name", name != null ? name : "there");
        if (name != null) {
            answer.conversationConfigOverride(ConversationConfigClientOverride.builder()
                    .agent(AgentConfigOverride.builder().firstMessage("Welcome back, {{customer_name}}!").build())
                    .build());
        }
        out.println("   answered the client-data webhook of call " + call.callSid().orElse("?") + " for agent "
                + call.agentId() + (name != null ? " (a known caller)" : ""));
        byte[] body = answer.build().toBytes();
        exchange.getResponseHeaders().set("Content-Type", ClientDataResponse.CONTENT_TYPE);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(body);
        }
    }
}
