package io.github.convai4j.testkit;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.github.convai4j.testkit.JsonTree.array;
import static io.github.convai4j.testkit.JsonTree.object;

/** Conversations: list, get, delete, audio download (streamed), file upload and delete. */
final class ConversationRoutes {

    private final FakeState state;

    ConversationRoutes(FakeState state) {
        this.state = state;
    }

    void register(Router router) {
        router.add("GET", "/v1/convai/conversations", this::list);
        router.add("GET", "/v1/convai/conversations/{conversation_id}", this::get);
        router.add("DELETE", "/v1/convai/conversations/{conversation_id}", this::delete);
        router.add("GET", "/v1/convai/conversations/{conversation_id}/audio", this::audio);
        router.add("POST", "/v1/convai/conversations/{conversation_id}/files", this::uploadFile);
        router.add("DELETE", "/v1/convai/conversations/{conversation_id}/files/{file_id}", this::deleteFile);
    }

    /** Adds a finished conversation. Caller holds the lock. */
    String add(ConversationSeed seed) {
        FakeState.Agent agent = state.agents.get(seed.agentId());
        if (agent == null) {
            throw new IllegalArgumentException("no agent with id '" + seed.agentId() + "' on this fake server: "
                    + "create it first, e.g. with server.addAgent(\"name\") or POST /v1/convai/agents/create");
        }
        return add(seed, agent, state.newId("conv_"));
    }

    /**
     * Adds a finished conversation under an id chosen earlier (a live session announces its id when it
     * starts). Caller holds the lock and has checked that the agent exists.
     */
    String add(ConversationSeed seed, FakeState.Agent agent, String id) {
        List<ConversationSeed.Message> messages = seed.messages();
        long start = seed.startTime() != null ? seed.startTime() : FakeState.nowSecs();
        int lastTime = messages.isEmpty() ? 0 : messages.get(messages.size() - 1).timeInCallSecs;
        int duration = seed.callDuration() != null ? seed.callDuration() : lastTime + 1;
        String summaryText = seed.summary() != null ? seed.summary()
                : "A conversation of " + messages.size() + " messages.";
        boolean hasAudio = seed.audioBytes() != null || seed.syntheticAudioSize() >= 0;
        Object agentName = agent.document.get("name");

        List<Object> transcript = new ArrayList<>();
        boolean userSpoke = false;
        boolean agentSpoke = false;
        for (ConversationSeed.Message message : messages) {
            userSpoke |= message.role.equals("user");
            agentSpoke |= message.role.equals("agent");
            transcript.add(object("role", message.role, "agent_metadata", null, "message", message.text,
                    "tool_calls", array(), "tool_results", array(), "feedback", null,
                    "time_in_call_secs", message.timeInCallSecs, "interrupted", false,
                    "original_message", null, "source_medium", null));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("agent_id", agent.id);
        document.put("agent_name", agentName);
        document.put("status", seed.status());
        document.put("user_id", seed.userId());
        document.put("branch_id", null);
        document.put("version_id", null);
        Map<String, Object> metadata = object("start_time_unix_secs", start, "call_duration_secs", duration,
                "cost", null, "termination_reason", seed.terminationReason(), "main_language", "en",
                "text_only", !hasAudio,
                "conversation_initiation_source", seed.phoneCall() != null ? "twilio" : "unknown", "cost_fiat", null);
        if (seed.phoneCall() != null) {
            metadata.put("phone_call", JsonTree.deepCopy(seed.phoneCall()));
        }
        document.put("metadata", metadata);
        document.put("analysis", object("evaluation_criteria_results", object(), "data_collection_results",
                object(), "call_successful", seed.callSuccessfulValue(), "transcript_summary", summaryText,
                "call_summary_title", null));
        if (seed.initiationClientData() != null) {
            document.put("conversation_initiation_client_data", JsonTree.deepCopy(seed.initiationClientData()));
        }
        document.put("environment", "production");
        document.put("conversation_id", id);
        document.put("has_audio", hasAudio);
        document.put("has_user_audio", hasAudio && userSpoke);
        document.put("has_response_audio", hasAudio && agentSpoke);
        document.put("has_auxiliary_audio", false);
        document.put("transcript", transcript);
        document.put("tag_ids", array());

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("agent_id", agent.id);
        summary.put("branch_id", null);
        summary.put("version_id", null);
        summary.put("agent_name", agentName);
        summary.put("conversation_id", id);
        summary.put("start_time_unix_secs", start);
        summary.put("call_duration_secs", duration);
        summary.put("message_count", messages.size());
        summary.put("status", seed.status());
        summary.put("termination_reason", seed.terminationReason());
        summary.put("call_successful", seed.callSuccessfulValue());
        summary.put("transcript_summary", summaryText);
        summary.put("call_summary_title", null);
        summary.put("main_language", "en");
        summary.put("direction", null);
        summary.put("rating", null);
        summary.put("tag_ids", array());

        state.conversations.put(id, new FakeState.Conversation(id, state.nextSequence(), agent.id, document,
                summary, seed.audioBytes(), seed.audioBytes() != null ? -1 : seed.syntheticAudioSize()));
        return id;
    }

    private FakeResponse list(RecordedRequest request, Map<String, String> path) throws Abort {
        Validation validation = new Validation();
        int pageSize = Paging.pageSize(request, validation);
        Paging.Position after = Paging.after(request, validation);
        String summaryMode = request.queryParameter("summary_mode");
        if (summaryMode != null && !summaryMode.equals("include") && !summaryMode.equals("exclude")) {
            validation.error("literal_error", Validation.loc("query", "summary_mode"),
                    "Input should be 'exclude' or 'include'", summaryMode,
                    object("expected", "'exclude' or 'include'"));
        }
        validation.check();
        String agentId = request.queryParameter("agent_id");
        synchronized (state) {
            List<FakeState.Conversation> matching = new ArrayList<>();
            for (FakeState.Conversation conversation : FakeState.newestFirst(state.conversations.values())) {
                if (agentId == null || conversation.agentId.equals(agentId)) {
                    matching.add(conversation);
                }
            }
            Paging.Page<FakeState.Conversation> page = Paging.page(matching, after, pageSize);
            List<Object> summaries = new ArrayList<>();
            for (FakeState.Conversation conversation : page.items) {
                Map<String, Object> summary = JsonTree.deepCopy(conversation.summary);
                if (!"include".equals(summaryMode)) {
                    summary.put("transcript_summary", null);
                }
                summaries.add(summary);
            }
            return FakeResponse.json(200, object("conversations", summaries, "next_cursor", page.nextCursor,
                    "has_more", page.hasMore));
        }
    }

    private FakeResponse get(RecordedRequest request, Map<String, String> path) throws Abort {
        synchronized (state) {
            return FakeResponse.json(200, JsonTree.deepCopy(conversation(path).document));
        }
    }

    private FakeResponse delete(RecordedRequest request, Map<String, String> path) throws Abort {
        synchronized (state) {
            state.conversations.remove(conversation(path).id);
            return FakeResponse.json(200, object());
        }
    }

    private FakeResponse audio(RecordedRequest request, Map<String, String> path) throws Abort {
        final FakeState.Conversation conversation;
        synchronized (state) {
            conversation = conversation(path);
        }
        if (!conversation.hasAudio()) {
            throw new Abort(ApiErrors.notFound("conversation audio", conversation.id));
        }
        final byte[] audio = conversation.audio;
        final long size = audio != null ? audio.length : conversation.syntheticAudioSize;
        Callable<InputStream> source = new Callable<InputStream>() {
            @Override
            public InputStream call() {
                return audio != null ? new ByteArrayInputStream(audio) : new SyntheticAudioStream(size);
            }
        };
        return FakeResponse.stream(200, "audio/mpeg", size, source);
    }

    private FakeResponse uploadFile(RecordedRequest request, Map<String, String> path) throws Abort {
        MultipartForm form = Forms.read(request);
        Validation validation = new Validation();
        MultipartForm.Part file = Forms.file(form, "file", validation);
        validation.check();
        synchronized (state) {
            FakeState.Conversation conversation = conversation(path);
            String fileId = state.newId("file_");
            conversation.files.put(fileId, Forms.stored(file));
            return FakeResponse.json(200, object("file_id", fileId));
        }
    }

    private FakeResponse deleteFile(RecordedRequest request, Map<String, String> path) throws Abort {
        synchronized (state) {
            FakeState.Conversation conversation = conversation(path);
            String fileId = path.get("file_id");
            if (conversation.files.remove(fileId) == null) {
                throw new Abort(ApiErrors.notFound("file", fileId));
            }
            return FakeResponse.json(200, object("file_id", fileId));
        }
    }

    private FakeState.Conversation conversation(Map<String, String> path) throws Abort {
        String id = path.get("conversation_id");
        FakeState.Conversation conversation = state.conversations.get(id);
        if (conversation == null) {
            throw new Abort(ApiErrors.notFound("conversation", id));
        }
        return conversation;
    }
}
