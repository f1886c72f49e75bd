package io.github.convai4j.examples;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.testkit.ConversationSeed;
import io.github.convai4j.testkit.FakeAgentsPlatform;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The convai4j quickstart: creates an agent, uploads its avatar, PATCHes its prompt, lists agents with
 * auto-paging, uploads a file to a conversation, and cleans up, printing one readable line per step.
 *
 * <p>Where it runs:
 * <ul>
 *   <li>{@code ELEVENLABS_API_KEY} unset: against the testkit's fake Agents Platform, started in this JVM on
 *       127.0.0.1. Nothing leaves the machine; no account is needed.</li>
 *   <li>{@code ELEVENLABS_API_KEY} set: against the real API ({@code https://api.elevenlabs.io}, or
 *       {@code ELEVENLABS_BASE_URL} if set, e.g. a data-residency host). It creates an agent in your workspace
 *       and deletes it at the end.</li>
 * </ul>
 * Other settings, all optional:
 * <ul>
 *   <li>{@code QUICKSTART_CONVERSATION_ID}: the conversation to upload the file to, against the real API.
 *       Without it the quickstart takes the newest conversation of the workspace; with none (conversations
 *       come from calls with an agent, so the quickstart cannot make one) that step is skipped, with a
 *       message.</li>
 *   <li>{@code QUICKSTART_KEEP_AGENT=true} or the argument {@code --keep}: keep the agent (and the uploaded
 *       file) instead of deleting them.</li>
 * </ul>
 * Exit status 0 when every step passed; 1 after printing the error (status, code, request id) otherwise.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am -Pquickstart compile} from the repository root.
 */
public final class Quickstart {

    /** Where the API key comes from; unset means "use the fake server". */
    public static final String API_KEY_VARIABLE = ConvaiClient.API_KEY_ENVIRONMENT_VARIABLE;
    /** Optional base URL for the real API, e.g. {@code https://api.eu.residency.elevenlabs.io}. */
    public static final String BASE_URL_VARIABLE = "ELEVENLABS_BASE_URL";
    /** The conversation the file is uploaded to, against the real API. */
    public static final String CONVERSATION_ID_VARIABLE = "QUICKSTART_CONVERSATION_ID";
    /** {@code true} keeps what the quickstart created. */
    public static final String KEEP_VARIABLE = "QUICKSTART_KEEP_AGENT";

    /** Against the fake, a small page size, so that listing really follows a cursor to a second page. */
    static final int FAKE_PAGE_SIZE = 2;
    /** Against the real API, the largest page size it allows: the fewest requests. */
    static final int REAL_PAGE_SIZE = 100;

    private Quickstart() {
    }

    /**
     * Runs the quickstart; see the class documentation.
     *
     * @param args {@code --keep} to keep the agent
     */
    public static void main(String[] args) {
        int status = run(System.getenv(), Arrays.asList(args), System.out);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * What {@link #main} does, with the environment and the output given: for tests.
     *
     * @param env the environment variables
     * @param args the command-line arguments
     * @param out where the steps are printed
     * @return the exit status: 0 if every step passed
     */
    static int run(Map<String, String> env, List<String> args, PrintStream out) {
        boolean keep = args.contains("--keep") || "true".equalsIgnoreCase(env.get(KEEP_VARIABLE));
        String apiKey = env.get(API_KEY_VARIABLE);
        try {
            if (apiKey == null || apiKey.trim().isEmpty()) {
                try (FakeAgentsPlatform fake = FakeAgentsPlatform.start()) {
                    out.println(API_KEY_VARIABLE + " is not set: running against the testkit's fake Agents Platform at "
                            + fake.baseUrl() + ", in this JVM (nothing leaves this machine).");
                    return runAgainstFake(fake, keep, out);
                }
            }
            ConvaiClient.Builder builder = ConvaiClient.builder().apiKey(apiKey.trim());
            String baseUrl = env.get(BASE_URL_VARIABLE);
            if (baseUrl != null && !baseUrl.trim().isEmpty()) {
                builder.baseUrl(baseUrl.trim());
            }
            try (ConvaiClient client = builder.build()) {
                out.println(API_KEY_VARIABLE + " is set: running against " + client.options().baseUrl()
                        + " (this creates an agent in your workspace" + (keep ? " and keeps it)." : ", then deletes it)."));
                String conversationId = env.get(CONVERSATION_ID_VARIABLE);
                return new QuickstartSteps(client, out, REAL_PAGE_SIZE)
                        .run(conversationId == null || conversationId.trim().isEmpty() ? null : conversationId.trim(), keep);
            }
        } catch (RuntimeException e) {
            // A setting the client rejects (e.g. a malformed ELEVENLABS_BASE_URL), or the fake failing to start.
            out.println("Quickstart could not start: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Runs the steps against a fake server: seeds it with two agents and a conversation (on the real platform
     * conversations come from calls), then talks to it with a client built exactly as a user would.
     *
     * @param fake the running fake server; not closed here
     * @param keep {@code true} to keep the agent
     * @param out where the steps are printed
     * @return the exit status: 0 if every step passed
     */
    static int runAgainstFake(FakeAgentsPlatform fake, boolean keep, PrintStream out) {
        String supportAgent = fake.addAgent("Support desk");
        fake.addAgent("Sales line");
        String conversationId = fake.addConversation(ConversationSeed.forAgent(supportAgent)
                .user("My parcel arrived damaged. Can I send you a photo?")
                .agent("Of course, please upload it here."));
        out.println("   Seeded the fake with agents \"Support desk\" and \"Sales line\" and conversation "
                + conversationId + ".");
        try (ConvaiClient client = ConvaiClient.builder()
                .baseUrl(fake.baseUrl())
                .apiKey(fake.apiKey())
                .build()) {
            return new QuickstartSteps(client, out, FAKE_PAGE_SIZE).run(conversationId, keep);
        }
    }
}
