package io.github.convai4j.shrinkcheck;

import io.github.convai4j.testkit.FakeAgentsPlatform;
import io.github.convai4j.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shrink check (DESIGN.md decision 5): each app is shrunk and obfuscated by ProGuard with only the jars'
 * consumer rules and its entry point, then run in a JVM of its own against the testkit's fake server (unshrunk,
 * in this JVM). A failing app, a wrong answer or a missing library version fails the build; the numbers of what
 * core kept are printed, and checked against the goals when {@link SizeGoals#SWITCH} is on.
 */
class ShrinkCheckTest {

    private static FakeAgentsPlatform fake;

    @BeforeAll
    static void startFake() {
        fake = FakeAgentsPlatform.start();
    }

    @AfterAll
    static void stopFake() {
        if (fake != null) {
            fake.close();
        }
    }

    @BeforeEach
    void emptyFake() {
        fake.reset();
    }

    @Test
    void anAppThatReadsAndUpdatesAnAgentWorksShrunkAndObfuscatedWithOnlyTheConsumerRules() {
        String agentId = fake.addAgent("Support desk");
        // Only measured (the goals' run, see report): it runs beside the checked run, on a second core if free.
        CompletableFuture<ProGuardRun> namesKept = CompletableFuture.supplyAsync(
                () -> ProGuardRun.shrink("agents-names-kept", AgentsApp.class.getName(), "", optimize(), false));

        ProGuardRun shrunk = shrink("agents", AgentsApp.class.getName());
        AppRun app = AppRun.of(shrunk, AgentsApp.class.getName(), fake.baseUrl(), fake.apiKey(), agentId);

        assertThat(app.exitCode()).as(app.describe()).isZero();
        assertThat(app.lines()).as(app.describe()).containsExactly(
                "get: " + agentId + " named Support desk",
                "update: " + agentId + " named " + AgentsApp.NEW_NAME + " tagged [shrunk, obfuscated]",
                "missing: 404");
        List<RecordedRequest> patches = fake.requests("PATCH", "/v1/convai/agents/{agent_id}");
        assertThat(patches).hasSize(1);
        assertThat(patches.get(0).bodyAsString()).contains("\"name\":\"" + AgentsApp.NEW_NAME + "\"");
        assertSentTheLibraryVersion(3);

        report("agents app (agents().get and agents().update on HttpClient 5)", shrunk, namesKept.join());
    }

    @Test
    void anAppThatOnlyListsSecretsWorksShrunkAndObfuscatedWithOnlyTheConsumerRules() {
        // More than one page (the fake's default page size is 30), so that the app follows a cursor.
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            String name = String.format("secret-%02d", i);
            expected.add(createSecret(name) + " named " + name);
        }
        fake.clearRequests();

        ProGuardRun shrunk = shrink("secrets", SecretsApp.class.getName());
        AppRun app = AppRun.of(shrunk, SecretsApp.class.getName(), fake.baseUrl(), fake.apiKey());

        assertThat(app.exitCode()).as(app.describe()).isZero();
        assertThat(app.lines()).as(app.describe())
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(s -> "secret: " + s).collect(Collectors.toList()));
        assertSentTheLibraryVersion(2);

        report("secrets app (secrets().list, every page, on HttpClient 5)", shrunk, null);
    }

    private static ProGuardRun shrink(String name, String mainClass) {
        String why = System.getProperty("shrink.whyAreYouKeeping", "").trim();
        ProGuardRun run = ProGuardRun.shrink(name, mainClass, why, optimize(), true);
        if (!why.isEmpty()) {
            System.out.println("[shrink check] " + name + " app, ProGuard -whyareyoukeeping " + why + ":\n" + run.log());
        }
        return run;
    }

    /** Every request carried the version the build gave the library: found although core's classes were renamed. */
    private static void assertSentTheLibraryVersion(int atLeast) {
        List<RecordedRequest> requests = fake.requests();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(atLeast);
        for (RecordedRequest request : requests) {
            assertThat(request.header("User-Agent")).as("User-Agent of " + request.method() + " " + request.path())
                    .startsWith("convai4j/" + BuildOutputs.libraryVersion() + " (");
        }
    }

    /** Creates a secret on the fake through its HTTP API (the fake has no seeding method for secrets). */
    private static String createSecret(String name) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(fake.baseUrl() + "/v1/convai/secrets").openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("xi-api-key", fake.apiKey());
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(("{\"type\":\"new\",\"name\":\"" + name + "\",\"value\":\"v-" + name + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            assertThat(connection.getResponseCode()).isEqualTo(200);
            String body = new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int start = body.indexOf("\"secret_id\":\"") + "\"secret_id\":\"".length();
            return body.substring(start, body.indexOf('"', start));
        } catch (IOException e) {
            throw new AssertionError("Cannot create a secret on the fake server", e);
        }
    }

    private static boolean optimize() {
        return Boolean.parseBoolean(System.getProperty("shrink.optimize", "false"));
    }

    /**
     * Prints what the app kept of core (by jar) and of everything. Given {@code namesKept}, the same app shrunk
     * without obfuscation, also checks the goals: the bytes on that run, because the issue measured its baseline
     * (1.49 MB) so; obfuscated names make the same classes about a third smaller.
     */
    private static void report(String app, ProGuardRun shrunk, ProGuardRun namesKept) {
        Path coreInput = BuildOutputs.coreJar();
        ClassFileSet core = ClassFileSet.read(coreInput);
        ClassFileSet kept = ClassFileSet.read(shrunk.outputOf(coreInput));

        // Obfuscated means renamed: most kept classes of core must carry names core does not have.
        Set<String> original = core.classes().stream().map(ClassFile::name).collect(Collectors.toSet());
        long renamed = kept.classes().stream().filter(c -> !original.contains(c.name())).count();
        assertThat(renamed).as("classes of core renamed by ProGuard's obfuscation").isGreaterThan(kept.classCount() / 2);

        long allClasses = 0;
        long allDeflated = 0;
        for (Path input : BuildOutputs.appClassPath()) {
            ClassFileSet out = ClassFileSet.read(shrunk.outputOf(input));
            allClasses += out.classCount();
            allDeflated += out.deflatedBytes();
        }
        System.out.printf("[shrink check] %s, shrunk and obfuscated by ProGuard (optimizer %s):%n"
                        + "  core kept %,d of %,d classes, %,d of %,d methods, %s of %s (deflated class files)%n"
                        + "  the whole shrunk app (its jars, core included): %,d classes, %s deflated%n",
                app, optimize() ? "on" : "off",
                kept.classCount(), core.classCount(), kept.methodCount(), core.methodCount(),
                SizeGoals.megabytes(kept.deflatedBytes()), SizeGoals.megabytes(core.deflatedBytes()),
                allClasses, SizeGoals.megabytes(allDeflated));
        if (namesKept != null) {
            ClassFileSet keptNamed = ClassFileSet.read(namesKept.outputOf(coreInput));
            assertThat(keptNamed.classCount()).as("classes kept with and without obfuscation").isEqualTo(kept.classCount());
            System.out.printf("  with names kept (-dontobfuscate, as the issue measured): %s of core deflated%n",
                    SizeGoals.megabytes(keptNamed.deflatedBytes()));
            SizeGoals.check("classes of core kept by the agents app", kept.classCount(), "keptClasses");
            SizeGoals.check("deflated bytes of core kept by the agents app, names kept", keptNamed.deflatedBytes(),
                    "keptDeflatedBytes");
        }
    }
}
