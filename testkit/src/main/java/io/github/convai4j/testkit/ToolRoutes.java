package io.github.convai4j.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.convai4j.testkit.JsonTree.array;
import static io.github.convai4j.testkit.JsonTree.object;
import static io.github.convai4j.testkit.Validation.Kind.LIST;
import static io.github.convai4j.testkit.Validation.Kind.MODEL;
import static io.github.convai4j.testkit.Validation.Kind.STRING;

/** Workspace tools: create, list, get, update, delete. */
final class ToolRoutes {

    private static final List<String> TYPES = Arrays.asList("webhook", "client", "system", "mcp");
    private static final String EXPECTED_TAGS = "'webhook', 'client', 'system', 'mcp'";

    private final FakeState state;

    ToolRoutes(FakeState state) {
        this.state = state;
    }

    void register(Router router) {
        router.add("POST", "/v1/convai/tools", this::create);
        router.add("GET", "/v1/convai/tools", this::list);
        router.add("GET", "/v1/convai/tools/{tool_id}", this::get);
        router.add("PATCH", "/v1/convai/tools/{tool_id}", this::update);
        router.add("DELETE", "/v1/convai/tools/{tool_id}", this::delete);
    }

    private FakeResponse create(RecordedRequest request, Map<String, String> path) throws Abort {
        Map<String, Object> body = validToolRequest(request);
        synchronized (state) {
            String id = state.newId("tool_");
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("id", id);
            document.put("tool_config", withDefaults(toolConfig(body)));
            document.put("access_info", FakeState.accessInfo());
            document.put("usage_stats", object("total_calls", 0, "avg_latency_secs", 0.0));
            document.put("response_mocks", JsonTree.deepCopy(body.get("response_mocks")));
            state.tools.put(id, new FakeState.Tool(id, state.nextSequence(), document));
            return FakeResponse.json(200, JsonTree.deepCopy(document));
        }
    }

    private FakeResponse list(RecordedRequest request, Map<String, String> path) throws Abort {
        Validation validation = new Validation();
        int pageSize = Paging.pageSize(request, validation);
        Paging.Position after = Paging.after(request, validation);
        validation.check();
        String search = request.queryParameter("search");
        synchronized (state) {
            List<FakeState.Tool> matching = new ArrayList<>();
            for (FakeState.Tool tool : FakeState.newestFirst(state.tools.values())) {
                Object name = JsonTree.valueAt(tool.document, "tool_config", "name");
                if (search == null || (name instanceof String && ((String) name).startsWith(search))) {
                    matching.add(tool);
                }
            }
            Paging.Page<FakeState.Tool> page = Paging.page(matching, after, pageSize);
            List<Object> tools = new ArrayList<>();
            for (FakeState.Tool tool : page.items) {
                tools.add(JsonTree.deepCopy(tool.document));
            }
            return FakeResponse.json(200, object("tools", tools, "next_cursor", page.nextCursor,
                    "has_more", page.hasMore));
        }
    }

    private FakeResponse get(RecordedRequest request, Map<String, String> path) throws Abort {
        synchronized (state) {
            return FakeResponse.json(200, JsonTree.deepCopy(tool(path).document));
        }
    }

    private FakeResponse update(RecordedRequest request, Map<String, String> path) throws Abort {
        Map<String, Object> body = validToolRequest(request);
        synchronized (state) {
            FakeState.Tool tool = tool(path);
            tool.document.put("tool_config", withDefaults(toolConfig(body)));
            if (body.containsKey("response_mocks")) {
                tool.document.put("response_mocks", JsonTree.deepCopy(body.get("response_mocks")));
            }
            return FakeResponse.json(200, JsonTree.deepCopy(tool.document));
        }
    }

    private FakeResponse delete(RecordedRequest request, Map<String, String> path) throws Abort {
        synchronized (state) {
            state.tools.remove(tool(path).id);
            return FakeResponse.json(200, object());
        }
    }

    /** Validates a {@code ToolRequestModel}: the discriminated {@code tool_config} and its variant's fields. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> validToolRequest(RecordedRequest request) throws Abort {
        Validation validation = new Validation();
        Map<String, Object> body = validation.jsonObjectBody(request, true);
        if (body != null) {
            Object config = validation.field(body, "tool_config", MODEL, true, false, "body");
            if (config instanceof Map) {
                validateToolConfig((Map<String, Object>) config, validation);
            }
            validation.field(body, "response_mocks", LIST, false, true, "body");
        }
        validation.check();
        return body;
    }

    @SuppressWarnings("unchecked")
    private static void validateToolConfig(Map<String, Object> config, Validation validation) {
        if (!config.containsKey("type")) {
            validation.error("union_tag_not_found", Validation.loc("body", "tool_config"),
                    "Unable to extract tag using discriminator 'type'", config,
                    object("discriminator", "'type'"));
            return;
        }
        Object type = config.get("type");
        if (!TYPES.contains(type)) {
            validation.error("union_tag_invalid", Validation.loc("body", "tool_config"),
                    "Input tag '" + type + "' found using 'type' does not match any of the expected tags: "
                            + EXPECTED_TAGS, config,
                    object("discriminator", "'type'", "tag", String.valueOf(type), "expected_tags", EXPECTED_TAGS));
            return;
        }
        Object[] at = {"body", "tool_config", type};
        validation.field(config, "name", STRING, true, false, at);
        validation.field(config, "description", STRING, !"system".equals(type), false, at);
        if ("webhook".equals(type)) {
            Object schema = validation.field(config, "api_schema", MODEL, true, false, at);
            if (schema instanceof Map) {
                validation.field((Map<String, Object>) schema, "url", STRING, true, false,
                        "body", "tool_config", type, "api_schema");
            }
        } else if ("system".equals(type)) {
            validation.field(config, "params", MODEL, true, false, at);
        } else if ("mcp".equals(type)) {
            for (String required : new String[] {"integration_type", "mcp_tool_name", "mcp_tool_description",
                    "mcp_server_id", "mcp_server_name"}) {
                validation.field(config, required, STRING, true, false, at);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toolConfig(Map<String, Object> body) {
        return (Map<String, Object>) body.get("tool_config");
    }

    /** The tool configuration as the API returns it: the defaults of the fields not sent, then the ones sent. */
    private static Map<String, Object> withDefaults(Map<String, Object> sent) {
        Object type = sent.get("type");
        Map<String, Object> config = object("type", type, "name", null, "description", "",
                "response_timeout_secs", "mcp".equals(type) ? 30 : 20,
                "disable_interruptions", false, "interruption_mode", "allow", "force_pre_tool_speech", false,
                "pre_tool_speech", "auto", "assignments", array(), "tool_call_sound", null,
                "tool_call_sound_behavior", "auto", "tool_error_handling_mode", "auto",
                "execution_mode", "immediate");
        if ("client".equals(type)) {
            config.put("parameters", null);
            config.put("expects_response", false);
            config.put("dynamic_variables", object("dynamic_variable_placeholders", object()));
        } else if ("webhook".equals(type)) {
            config.put("dynamic_variables", object("dynamic_variable_placeholders", object()));
        } else if ("mcp".equals(type)) {
            config.put("approval_policy", "require_approval_all");
        }
        JsonTree.merge(config, sent);
        return config;
    }

    private FakeState.Tool tool(Map<String, String> path) throws Abort {
        String id = path.get("tool_id");
        FakeState.Tool tool = state.tools.get(id);
        if (tool == null) {
            throw new Abort(ApiErrors.notFound("tool", id));
        }
        return tool;
    }
}
