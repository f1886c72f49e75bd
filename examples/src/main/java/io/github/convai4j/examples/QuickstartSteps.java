package io.github.convai4j.examples;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.FilePart;
import io.github.convai4j.core.Page;
import io.github.convai4j.errors.ApiException;
import io.github.convai4j.models.agents.AgentConfigResponse;
import io.github.convai4j.models.agents.AgentSummaryResponse;
import io.github.convai4j.models.agents.CreateAgentRequest;
import io.github.convai4j.models.agents.GetAgentResponse;
import io.github.convai4j.models.agents.GetAgentsPageResponse;
import io.github.convai4j.models.agents.GetAgentsParams;
import io.github.convai4j.models.agents.PostAgentAvatarResponse;
import io.github.convai4j.models.agents.UpdateAgentRequest;
import io.github.convai4j.models.common.AgentConfig;
import io.github.convai4j.models.common.ConversationalConfig;
import io.github.convai4j.models.common.PromptAgent;
import io.github.convai4j.models.conversations.ConvAIFileUploadResponse;
import io.github.convai4j.models.conversations.ConversationSummaryResponse;
import io.github.convai4j.models.conversations.GetConversationHistoriesParams;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The quickstart's steps over a client: each prints a one- or two-line result. Works the same against the
 * fake server and the real API.
 *
 * <p>Not thread-safe; one instance per run.
 */
final class QuickstartSteps {

    static final String AGENT_NAME = "convai4j quickstart";
    static final String FIRST_MESSAGE = "Hi! I'm the convai4j quickstart agent. How can I help?";
    static final String FIRST_PROMPT = "You are a friendly support agent. Answer in one or two sentences.";
    static final String NEW_PROMPT = "You are a friendly support agent for a parcel service. Ask for the "
            + "tracking number first, then answer in one or two sentences.";
    static final int NAMES_SHOWN = 10;

    private final ConvaiClient client;
    private final PrintStream out;
    private final int pageSize;

    private String step = "start";
    private String agentId;
    private String conversationId;
    private String fileId;

    /**
     * @param client the client to call; not closed here
     * @param out where the results are printed
     * @param pageSize the page size used when listing agents
     */
    QuickstartSteps(ConvaiClient client, PrintStream out, int pageSize) {
        this.client = client;
        this.out = out;
        this.pageSize = pageSize;
    }

    /**
     * Runs every step, then cleans up (also after a failure) unless {@code keep}.
     *
     * @param conversationId the conversation to upload a file to, or {@code null} for the newest one in the
     *     workspace (the step is skipped if there is none)
     * @param keep {@code true} to leave the agent and the file in place
     * @return 0 if every step passed, 1 otherwise (the error has been printed)
     */
    int run(String conversationId, boolean keep) {
        out.println("   Client: transport " + client.context().transport().name() + ", base URL "
                + client.options().baseUrl() + ", API key not shown.");
        boolean failed = false;
        try {
            createAgent();
            uploadAvatar();
            patchPrompt();
            listAgents();
            uploadConversationFile(conversationId);
        } catch (RuntimeException e) {
            failed = true;
            printFailure(e);
        }
        if (!cleanUp(keep)) {
            failed = true;
        }
        out.println(failed ? "Quickstart FAILED." : "Done: every step passed.");
        return failed ? 1 : 0;
    }

    private void createAgent() {
        step = "1. create an agent";
        CreateAgentRequest request = CreateAgentRequest.builder()
                .name(AGENT_NAME)
                .conversationConfig(ConversationalConfig.builder()
                        .agent(AgentConfig.builder()
                                .firstMessage(FIRST_MESSAGE)
                                .prompt(PromptAgent.builder().prompt(FIRST_PROMPT).build())
                                .build())
                        .build())
                .build();
        agentId = client.agents().create(request).agentId();
        out.println("1. Created agent " + agentId + " \"" + AGENT_NAME + "\"");
        out.println("   first message: \"" + FIRST_MESSAGE + "\"");
    }

    private void uploadAvatar() {
        step = "2. upload the avatar";
        byte[] png = AvatarImage.png(AvatarImage.SIZE, 0x2A6DF4);
        PostAgentAvatarResponse avatar = client.agents().widget().avatar()
                .create(agentId, FilePart.of(png, "avatar.png").withContentType("image/png"));
        out.println("2. Uploaded avatar.png (" + AvatarImage.SIZE + "x" + AvatarImage.SIZE + " PNG, " + png.length
                + " bytes) as the widget avatar");
        out.println("   avatar_url: " + avatar.avatarUrl().orElse("(none returned)"));
    }

    private void patchPrompt() {
        step = "3. PATCH the prompt";
        // Only what changes is sent: a PATCH keeps every field the request leaves out (the first message here).
        UpdateAgentRequest patch = UpdateAgentRequest.builder()
                .conversationConfig(ConversationalConfig.builder()
                        .agent(AgentConfig.builder()
                                .prompt(PromptAgent.builder().prompt(NEW_PROMPT).build())
                                .build())
                        .build())
                .build();
        GetAgentResponse updated = client.agents().update(agentId, patch);
        // An optional nested model is never null: absent, it reads as an empty stand-in, so no checks are needed.
        AgentConfigResponse agent = updated.conversationConfig().agent();
        out.println("3. Patched the prompt; it now reads: \"" + agent.prompt().prompt().orElse(null) + "\"");
        out.println("   first message kept: \"" + agent.firstMessage().orElse(null) + "\"");
    }

    private void listAgents() {
        step = "4. list agents";
        Page<AgentSummaryResponse, GetAgentsPageResponse> first =
                client.agents().list(GetAgentsParams.builder().pageSize(pageSize).build());
        int pages = 0;
        List<String> names = new ArrayList<>();
        boolean ours = false;
        for (Page<AgentSummaryResponse, GetAgentsPageResponse> page : first.iteratePages()) { // fetches as it goes
            pages++;
            for (AgentSummaryResponse summary : page.items()) {
                names.add("\"" + summary.name() + "\"");
                ours |= agentId.equals(summary.agentId());
            }
        }
        out.println("4. Listed " + plural(names.size(), "agent") + " with auto-paging (" + plural(pages, "page")
                + " of up to " + pageSize + "), ours " + (ours ? "included" : "NOT among them") + ":");
        String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())));
        out.println("   " + shown + (names.size() > NAMES_SHOWN ? ", and " + (names.size() - NAMES_SHOWN) + " more" : ""));
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private void uploadConversationFile(String given) {
        step = "5. upload a conversation file";
        String conversation = given != null ? given : newestConversation();
        if (conversation == null) {
            out.println("5. Skipped the conversation file upload: the workspace has no conversation yet (they come "
                    + "from calls with an agent);");
            out.println("   set " + Quickstart.CONVERSATION_ID_VARIABLE + " to choose one once there is.");
            return;
        }
        byte[] photo = AvatarImage.png(128, 0xC0392B);
        ConvAIFileUploadResponse file = client.conversations().files()
                .create(conversation, FilePart.of(photo, "parcel.png").withContentType("image/png"));
        conversationId = conversation;
        fileId = file.fileId();
        out.println("5. Uploaded parcel.png (" + photo.length + " bytes, image/png) to conversation " + conversation
                + (given != null ? "" : " (the newest one in the workspace)"));
        out.println("   file_id: " + fileId);
    }

    /** The newest conversation of the workspace: the first of the list, which is newest first. */
    private String newestConversation() {
        List<ConversationSummaryResponse> newest = client.conversations()
                .list(GetConversationHistoriesParams.builder().pageSize(1).build()).items();
        return newest.isEmpty() ? null : newest.get(0).conversationId();
    }

    /** Deletes what was created, even after a failed step. Returns false if cleaning up failed. */
    private boolean cleanUp(boolean keep) {
        if (agentId == null) {
            return true;
        }
        step = "6. clean up";
        if (keep) {
            out.println("6. Kept agent " + agentId + (fileId != null ? " and file " + fileId : "")
                    + " (as asked); delete the agent with client.agents().delete(\"" + agentId + "\").");
            return true;
        }
        try {
            if (fileId != null) {
                client.conversations().files().delete(conversationId, fileId);
            }
            client.agents().delete(agentId);
            out.println("6. Cleaned up: deleted " + (fileId != null ? "file " + fileId + " and " : "") + "agent "
                    + agentId);
            return true;
        } catch (RuntimeException e) {
            printFailure(e);
            out.println("   Agent " + agentId + " may still exist: delete it with client.agents().delete(\"" + agentId
                    + "\").");
            return false;
        }
    }

    private void printFailure(RuntimeException e) {
        out.println("FAILED at step " + step + ": " + e.getMessage());
        if (e instanceof ApiException) {
            ApiException api = (ApiException) e;
            out.println("   status " + api.statusCode() + ", code " + api.code() + ", request id " + api.requestId());
        } else {
            out.println("   (" + e.getClass().getName()
                    + (e.getCause() != null ? ", cause " + e.getCause().getClass().getName() : "") + ")");
        }
    }
}
