package io.github.convai4j.testkit;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.github.convai4j.testkit.JsonTree.array;
import static io.github.convai4j.testkit.JsonTree.object;
import static io.github.convai4j.testkit.Validation.Kind.DICT;
import static io.github.convai4j.testkit.Validation.Kind.MODEL;
import static io.github.convai4j.testkit.Validation.Kind.STRING;
import static io.github.convai4j.testkit.Validation.Kind.STRING_LIST;

/** Agents: create, list, get, PATCH, delete, duplicate; the widget configuration; the avatar upload. */
final class AgentRoutes {

    /** Absolute, so that it is found when a shrinker (ProGuard, R8) has renamed or moved this class. */
    private static final String AGENT_DEFAULTS = "/io/github/convai4j/testkit/agent-defaults.json";

    /**
     * A new agent's settings: the default of every field of {@code GetAgentResponseModel} that the OpenAPI
     * document gives a default for (derived once from {@code ../shared/spec}; not read at run time).
     */
    private static final Map<String, Object> DEFAULTS = loadDefaults();

    /** Members of the agent's widget settings that the widget endpoint's model does not have. */
    private static final String[] NOT_IN_WIDGET_RESPONSE = {"custom_avatar_path", "language_selector"};

    private final FakeState state;
    private final FakeAgentsPlatform platform;

    AgentRoutes(FakeState state, FakeAgentsPlatform platform) {
        this.state = state;
        this.platform = platform;
    }

    void register(Router router) {
        router.add("POST", "/v1/convai/agents/create", this::create);
        router.add("GET", "/v1/convai/agents", this::list);
        router.add("GET", "/v1/convai/agents/{agent_id}", this::get);
        router.add("PATCH", "/v1/convai/agents/{agent_id}", this::patch);
        router.add("DELETE", "/v1/convai/agents/{agent_id}", this::delete);
        router.add("POST", "/v1/convai/agents/{agent_id}/duplicate", this::duplicate);
        router.add("GET", "/v1/convai/agents/{agent_id}/widget", this::widget);
        router.add("POST", "/v1/convai/agents/{agent_id}/avatar", this::uploadAvatar);
    }

    /** Creates an agent from a create body (already validated); returns its id. Caller holds the lock. */
    String createAgent(Map<String, Object> body) {
        Map<String, Object> defaults = JsonTree.deepCopy(DEFAULTS);
        for (String section : new String[] {"conversation_config", "platform_settings", "workflow"}) {
            Object sent = body.get(section);
            if (sent instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> patch = (Map<String, Object>) sent;
                JsonTree.merge(JsonTree.objectAt(defaults, section), patch);
            }
        }
        String id = state.newId("agent_");
        long now = FakeState.nowSecs();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("agent_id", id);
        document.put("name", body.get("name") instanceof String ? body.get("name") : "");
        document.put("conversation_config", defaults.get("conversation_config"));
        document.put("metadata", object("created_at_unix_secs", now, "updated_at_unix_secs", now));
        document.put("platform_settings", defaults.get("platform_settings"));
        document.put("phone_numbers", array());
        document.put("whatsapp_accounts", array());
        document.put("workflow", defaults.get("workflow"));
        document.put("access_info", FakeState.accessInfo());
        document.put("tags", body.get("tags") instanceof List ? JsonTree.deepCopy(body.get("tags")) : array());
        document.put("version_id", null);
        document.put("branch_id", null);
        document.put("main_branch_id", null);
        state.agents.put(id, new FakeState.Agent(id, state.nextSequence(), document));
        return id;
    }

    private FakeResponse create(RecordedRequest request, Map<String, String> path) throws Abort {
        Validation validation = new Validation();
        Map<String, Object> body = validation.jsonObjectBody(request, true);
        if (body != null) {
            validation.field(body, "conversation_config", MODEL, true, false, "body");
            validation.field(body, "platform_settings", MODEL, false, true, "body");
            validation.field(body, "workflow", MODEL, false, false, "body");
            validation.field(body, "name", STRING, false, true, "body");
            validation.field(body, "tags", STRING_LIST, false, true, "body");
        }
        validation.check();
        synchronized (state) {
            return FakeResponse.json(200, object("agent_id", createAgent(body)));
        }
    }

    private FakeResponse list(RecordedRequest request, Map<String, String> path) throws Abort {
        Validation validation = new Validation();
        int pageSize = Paging.pageSize(request, validation);
        Paging.Position after = Paging.after(request, validation);
        Boolean archived = validation.queryBoolean(request, "archived", Boolean.FALSE);
        validation.check();
        String search = request.queryParameter("search");
        String needle = search == null ? null : search.toLowerCase(Locale.ROOT);
        synchronized (state) {
            List<FakeState.Agent> matching = new ArrayList<>();
            for (FakeState.Agent agent : FakeState.newestFirst(state.agents.values())) {
                String name = String.valueOf(agent.document.get("name"));
                if (needle != null && !name.toLowerCase(Locale.ROOT).contains(needle)) {
                    continue;
                }
                if (isArchived(agent) != archived) {
                    continue;
                }
                matching.add(agent);
            }
            Paging.Page<FakeState.Agent> page = Paging.page(matching, after, pageSize);
            List<Object> summaries = new ArrayList<>();
            for (FakeState.Agent agent : page.items) {
                summaries.add(summary(agent));
            }
            return FakeResponse.json(200, object("agents", summaries, "next_cursor", page.nextCursor,
                    "has_more", page.hasMore));
        }
    }

    private FakeResponse get(RecordedRequest request, Map<String, String> path) throws Abort {
        synchronized (state) {
            return FakeResponse.json(200, JsonTree.deepCopy(agent(path).document));
        }
    }

    private FakeResponse patch(RecordedRequest request, Map<String, String> path) throws Abort {
        Validation validation = new Validation();
        Map<String, Object> body = validation.jsonObjectBody(request, false);
        if (body != null) {
            validation.field(body, "conversation_config", DICT, false, true, "body");
            validation.field(body, "platform_settings", DICT, false, true, "body");
            validation.field(body, "workflow", MODEL, false, false, "body");
            validation.field(body, "name", STRING, false, true, "body");
            validation.field(body, "tags", STRING_LIST, false, true, "body");
            validation.field(body, "version_description", STRING, false, true, "body");
            validation.field(body, "procedures", DICT, false, true, "body");
        }
        validation.check();
        synchronized (state) {
            FakeState.Agent agent = agent(path);
            Map<String, Object> document = agent.document;
            for (String section : new String[] {"conversation_config", "platform_settings", "workflow"}) {
                if (!body.containsKey(section)) {
                    continue;
                }
                Object sent = body.get(section);
                Object current = document.get(section);
                if (sent instanceof Map && current instanceof Map) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> target = (Map<String, Object>) current;
                    @SuppressWarnings("unchecked")
                    Map<String, Object> patch = (Map<String, Object>) sent;
                    JsonTree.merge(target, patch);
                } else {
                    document.put(section, JsonTree.deepCopy(sent));
                }
            }
            for (String field : new String[] {"name", "tags"}) {
                if (body.containsKey(field)) {
                    document.put(field, JsonTree.deepCopy(body.get(field)));
                }
            }
            JsonTree.objectAt(document, "metadata").put("updated_at_unix_secs", FakeState.nowSecs());
            return FakeResponse.json(200, JsonTree.deepCopy(document));
        }
    }

    private FakeResponse delete(RecordedRequest request, Map<String, String> path) throws Abort {
        synchronized (state) {
            state.agents.remove(agent(path).id);
            return FakeResponse.empty(204);
        }
    }

    private FakeResponse duplicate(RecordedRequest request, Map<String, String> path) throws Abort {
        Validation validation = new Validation();
        Map<String, Object> body = validation.jsonObjectBody(request, false);
        if (body != null) {
            validation.field(body, "name", STRING, false, true, "body");
        }
        validation.check();
        synchronized (state) {
            FakeState.Agent original = agent(path);
            String id = state.newId("agent_");
            Map<String, Object> document = JsonTree.deepCopy(original.document);
            document.put("agent_id", id);
            if (body.get("name") instanceof String) {
                document.put("name", body.get("name"));
            }
            long now = FakeState.nowSecs();
            document.put("metadata", object("created_at_unix_secs", now, "updated_at_unix_secs", now));
            FakeState.Agent copy = new FakeState.Agent(id, state.nextSequence(), document);
            state.agents.put(id, copy);
            if (original.avatar != null) {
                storeAvatar(copy, original.avatar);
            }
            return FakeResponse.json(200, object("agent_id", id));
        }
    }

    @SuppressWarnings("unchecked")
    private FakeResponse widget(RecordedRequest request, Map<String, String> path) throws Abort {
        synchronized (state) {
            FakeState.Agent agent = agent(path);
            Map<String, Object> document = agent.document;
            Object widgetSettings = JsonTree.valueAt(document, "platform_settings", "widget");
            Map<String, Object> widget = widgetSettings instanceof Map
                    ? JsonTree.deepCopy((Map<String, Object>) widgetSettings) : new LinkedHashMap<String, Object>();
            for (String name : NOT_IN_WIDGET_RESPONSE) {
                widget.remove(name);
            }
            Object language = JsonTree.valueAt(document, "conversation_config", "agent", "language");
            Object firstMessage = JsonTree.valueAt(document, "conversation_config", "agent", "first_message");
            Object textOnly = JsonTree.valueAt(document, "conversation_config", "conversation", "text_only");
            Object fileInput = JsonTree.valueAt(document, "conversation_config", "conversation", "file_input");
            Object presets = JsonTree.valueAt(document, "conversation_config", "language_presets");
            widget.put("language", language instanceof String ? language : "en");
            widget.put("supported_language_overrides", null);
            widget.put("language_presets", presets instanceof Map ? JsonTree.deepCopy(presets) : object());
            widget.put("text_only", Boolean.TRUE.equals(textOnly));
            if (!widget.containsKey("supports_text_only")) {
                widget.put("supports_text_only", false);
            }
            widget.put("first_message", firstMessage instanceof String && !((String) firstMessage).isEmpty()
                    ? firstMessage : null);
            widget.put("use_rtc", null);
            widget.put("file_input_config", fileInput instanceof Map ? JsonTree.deepCopy(fileInput)
                    : object("enabled", true, "max_files_in_memory", 10, "max_files_per_conversation", 10));
            return FakeResponse.json(200, object("agent_id", agent.id, "widget_config", widget));
        }
    }

    private FakeResponse uploadAvatar(RecordedRequest request, Map<String, String> path) throws Abort {
        MultipartForm form = Forms.read(request);
        Validation validation = new Validation();
        MultipartForm.Part file = Forms.file(form, "avatar_file", validation);
        validation.check();
        synchronized (state) {
            FakeState.Agent agent = agent(path);
            String url = storeAvatar(agent, Forms.stored(file));
            return FakeResponse.json(200, object("agent_id", agent.id, "avatar_url", url));
        }
    }

    /** Stores the image as a new asset, points the agent's widget at it; returns its URL. Lock held. */
    private String storeAvatar(FakeState.Agent agent, StoredFile image) {
        String assetPath = "/_fake/avatars/" + agent.id + "/" + state.randomString("0123456789abcdef", 12)
                + image.extension();
        state.assets.put(assetPath, image);
        agent.avatar = image;
        String url = platform.baseUrl() + assetPath;
        JsonTree.objectAt(agent.document, "platform_settings", "widget")
                .put("avatar", object("type", "image", "url", url));
        return url;
    }

    private FakeState.Agent agent(Map<String, String> path) throws Abort {
        String id = path.get("agent_id");
        FakeState.Agent agent = state.agents.get(id);
        if (agent == null) {
            throw new Abort(ApiErrors.notFound("agent", id));
        }
        return agent;
    }

    private Map<String, Object> summary(FakeState.Agent agent) {
        Long lastCall = null;
        for (FakeState.Conversation conversation : state.conversations.values()) {
            if (conversation.agentId.equals(agent.id)) {
                long start = conversation.startTime();
                lastCall = lastCall == null ? start : Math.max(lastCall, start);
            }
        }
        Map<String, Object> document = agent.document;
        return object("agent_id", agent.id,
                "name", document.get("name"),
                "tags", document.get("tags") == null ? array() : JsonTree.deepCopy(document.get("tags")),
                "created_at_unix_secs", JsonTree.valueAt(document, "metadata", "created_at_unix_secs"),
                "access_info", FakeState.accessInfo(),
                "last_call_time_unix_secs", lastCall,
                "archived", isArchived(agent));
    }

    private static boolean isArchived(FakeState.Agent agent) {
        return Boolean.TRUE.equals(JsonTree.valueAt(agent.document, "platform_settings", "archived"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> loadDefaults() {
        InputStream in = AgentRoutes.class.getResourceAsStream(AGENT_DEFAULTS);
        if (in == null) {
            throw new IllegalStateException("convai4j-testkit is missing its resource agent-defaults.json");
        }
        try {
            return (Map<String, Object>) JsonTree.parseTrusted(in);
        } finally {
            try {
                in.close();
            } catch (java.io.IOException ignored) {
                // a resource stream: nothing to do
            }
        }
    }
}
