package io.github.convai4j.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.convai4j.testkit.JsonTree.object;

/**
 * Fake inbound phone calls: the conversation-initiation client-data webhook is asked for the call's dynamic
 * variables and overrides, as the platform asks it while a Twilio call connects, and the call becomes a stored
 * conversation whose first message is the agent's (or the override's), filled in. Thread-safe.
 */
final class InboundCalls {

    private final FakeState state;
    private final ConversationRoutes conversations;
    private final PostCallWebhooks postCall;
    private volatile ClientDataWebhook webhook;

    InboundCalls(FakeState state, ConversationRoutes conversations, PostCallWebhooks postCall) {
        this.state = state;
        this.conversations = conversations;
        this.postCall = postCall;
    }

    void configure(ClientDataWebhook webhook) {
        this.webhook = webhook == null ? null : webhook.copy();
    }

    InboundCall start(String agentId, String callerNumber, String calledNumber) {
        Map<String, Object> agent;
        String conversationId;
        String callSid;
        synchronized (state) {
            FakeState.Agent stored = state.agents.get(agentId);
            if (stored == null) {
                throw new IllegalArgumentException("no agent with id '" + agentId + "' on this fake server: create it"
                        + " first, e.g. with server.addAgent(\"name\")");
            }
            agent = JsonTree.deepCopy(stored.document);
            conversationId = state.newId("conv_");
            callSid = "CA" + state.randomString("0123456789abcdef", 32);
        }

        ClientDataWebhook target = webhook;
        int status = -1;
        String response = "";
        Map<String, Object> clientData = Collections.emptyMap();
        if (target != null) {
            final byte[] request = JsonTree.write(object("caller_id", callerNumber, "agent_id", agentId,
                    "called_number", calledNumber, "call_sid", callSid));
            try {
                WebhookPoster.Response answer = WebhookPoster.post(target.target(), target.headers(), new EventBody() {
                    @Override
                    public long length() {
                        return request.length;
                    }

                    @Override
                    public void writeTo(OutputStream out) throws IOException {
                        out.write(request);
                    }
                });
                status = answer.status;
                response = answer.body;
            } catch (IOException e) {
                return failed(conversationId, callSid, -1, "", "the client-data webhook gave no response: " + e);
            }
            if (status < 200 || status > 299) {
                return failed(conversationId, callSid, status, response, "the client-data webhook answered " + status);
            }
            Object tree;
            try {
                tree = JsonTree.parse(response);
            } catch (JsonTree.SyntaxException e) {
                return failed(conversationId, callSid, status, response,
                        "the client-data webhook's answer is not JSON: " + e.getMessage());
            }
            String problem = problem(tree);
            if (problem != null) {
                return failed(conversationId, callSid, status, response, "the client-data webhook's answer " + problem);
            }
            clientData = cast(tree);
        }

        Map<String, Object> variables = new LinkedHashMap<>();
        if (clientData.get("dynamic_variables") instanceof Map) {
            variables.putAll(cast(clientData.get("dynamic_variables")));
        }
        variables.put("system__caller_id", callerNumber);
        variables.put("system__called_number", calledNumber);
        variables.put("system__call_sid", callSid);
        variables.put("system__agent_id", agentId);
        variables.put("system__conversation_id", conversationId);

        Map<String, Object> override = clientData.get("conversation_config_override") instanceof Map
                ? cast(clientData.get("conversation_config_override")) : new LinkedHashMap<String, Object>();
        Object first = JsonTree.valueAt(override, "agent", "first_message");
        if (!(first instanceof String)) {
            first = JsonTree.valueAt(agent, "conversation_config", "agent", "first_message");
        }
        String firstMessage = first instanceof String ? (String) first : "";
        List<String> missing = new ArrayList<>();
        firstMessage = DynamicVariables.fill(firstMessage, variables, agentId, conversationId, missing);
        if (!missing.isEmpty()) {
            return failed(conversationId, callSid, status, response, "missing_dynamic_variable: the first message uses "
                    + missing + ", which the client-data webhook did not give");
        }

        Map<String, Object> initiation = new LinkedHashMap<>();
        initiation.put("conversation_config_override", override);
        initiation.put("custom_llm_extra_body", clientData.get("custom_llm_extra_body") instanceof Map
                ? clientData.get("custom_llm_extra_body") : object());
        initiation.put("user_id", clientData.get("user_id"));
        initiation.put("source_info", object("source", "twilio", "version", null));
        initiation.put("dynamic_variables", variables);
        ConversationSeed seed = ConversationSeed.forAgent(agentId)
                .initiationClientData(initiation)
                .phoneCall(object("direction", "inbound", "phone_number_id", "phnum_fake", "agent_number", calledNumber,
                        "external_number", callerNumber, "type", "twilio", "stream_sid", "MZ" + callSid.substring(2),
                        "call_sid", callSid))
                .terminationReason("Call ended by the fake inbound call");
        if (clientData.get("user_id") instanceof String) {
            seed.userId((String) clientData.get("user_id"));
        }
        if (!firstMessage.isEmpty()) {
            seed.agent(firstMessage);
        }
        synchronized (state) {
            FakeState.Agent stored = state.agents.get(agentId);
            if (stored == null) {
                return failed(conversationId, callSid, status, response, "the agent was deleted during the call");
            }
            conversations.add(seed, stored, conversationId);
        }
        postCall.conversationEnded(conversationId);
        return new InboundCall(conversationId, callSid, status, response, variables, firstMessage, null);
    }

    /** What is wrong with a client-data answer, or null. */
    private static String problem(Object tree) {
        if (!(tree instanceof Map)) {
            return "is not a JSON object";
        }
        Map<String, Object> answer = cast(tree);
        Object type = answer.get("type");
        if (type != null && !"conversation_initiation_client_data".equals(type)) {
            return "has type " + JsonTree.toJson(type) + " instead of \"conversation_initiation_client_data\"";
        }
        Object variables = answer.get("dynamic_variables");
        if (variables != null) {
            if (!(variables instanceof Map)) {
                return "has dynamic_variables that are not an object";
            }
            for (Map.Entry<String, Object> e : JsonTree.<Map<String, Object>>deepCopy(cast(variables)).entrySet()) {
                Object value = e.getValue();
                if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                    return "has dynamic variable '" + e.getKey() + "' that is not a string, number or boolean";
                }
                if (e.getKey().startsWith("system__")) {
                    return "sets the reserved dynamic variable '" + e.getKey() + "'";
                }
            }
        }
        Object override = answer.get("conversation_config_override");
        if (override != null && !(override instanceof Map)) {
            return "has a conversation_config_override that is not an object";
        }
        return null;
    }

    private static InboundCall failed(String conversationId, String callSid, int status, String response,
                                      String failure) {
        return new InboundCall(conversationId, callSid, status, response, Collections.<String, Object>emptyMap(), null,
                failure);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }
}
