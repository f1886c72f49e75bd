package io.github.convai4j.examples;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.conversation.AudioFormat;
import io.github.convai4j.conversation.ConversationEnd;
import io.github.convai4j.conversation.ConversationListener;
import io.github.convai4j.conversation.ConversationSession;
import io.github.convai4j.conversation.events.AgentResponseEvent;
import io.github.convai4j.conversation.events.AudioEvent;
import io.github.convai4j.conversation.events.ConversationEvent;
import io.github.convai4j.conversation.events.UserTranscriptEvent;
import io.github.convai4j.errors.ConvaiException;
import io.github.convai4j.testkit.FakeAgentsPlatform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A voice conversation from a server, without a microphone or a speaker: streams a WAV file to the agent as
 * the user's audio, in real time, and writes what the agent says into another WAV file. The file may be in any
 * format the Agents Platform uses (16-bit PCM at 8 to 48 kHz, or mu-law at 8 kHz, mono): the session converts
 * it to the format the agent declared for the user's audio ({@code user_input_audio_format}), and the output
 * file is in the format the agent declared for its own ({@code agent_output_audio_format}).
 *
 * <p>Where it runs:
 * <ul>
 *   <li>{@code ELEVENLABS_API_KEY} unset: against the testkit's fake agent, in this JVM on 127.0.0.1. It
 *       declares {@code ulaw_8000} for the user's audio (as a telephony agent would) and {@code pcm_16000} for
 *       its own; every 2 s of audio it hears, it answers with a transcript and speaks a tone.</li>
 *   <li>{@code ELEVENLABS_API_KEY} set: against the real agent whose id is the third argument (or
 *       {@code ELEVENLABS_AGENT_ID}); {@code --private} fetches a signed URL first.</li>
 * </ul>
 * Exit status 0 after a normal end, 1 if the conversation failed, 2 for a usage error.
 *
 * <p>Run it from the repository root with
 * <pre>
 * ./mvnw -q -pl examples -am -Pwav-conversation compile -DwavConversation.args="in.wav out.wav [agent_...]"
 * </pre>
 */
public final class WavConversation {

    /** How much audio each message carries: 100 ms, as a microphone would deliver it. */
    static final Duration CHUNK = Duration.ofMillis(100);
    /** How long to listen after the file has been sent, for the agent's answer. */
    static final Duration LISTEN_AFTER = Duration.ofSeconds(3);

    private WavConversation() {
    }

    /**
     * Runs the conversation; see the class documentation.
     *
     * @param args the input WAV, the output WAV, and, against the real API, the agent id and {@code --private}
     */
    public static void main(String[] args) {
        int status = run(System.out, System.getenv(), args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * What {@link #main} does, with the output stream and the environment given: for tests.
     *
     * @return the exit status
     */
    static int run(PrintStream out, Map<String, String> env, String... args) {
        if (args.length < 2) {
            out.println("Usage: WavConversation <input.wav> <output.wav> [<agent id> [--private]]");
            return 2;
        }
        Path input = Paths.get(args[0]);
        Path output = Paths.get(args[1]);
        WavFile wav;
        try {
            wav = WavFile.read(input);
        } catch (IOException e) {
            out.println("Cannot read " + input + ": " + e.getMessage());
            return 2;
        }
        String key = env.get(ConvaiClient.API_KEY_ENVIRONMENT_VARIABLE);
        if (key == null || key.trim().isEmpty()) {
            try (FakeAgentsPlatform fake = FakeAgentsPlatform.builder().audioBytesPerTranscript(16_000).start()) {
                String agentId = fake.addAgent("Voice demo");
                fake.audioFormats(agentId, "ulaw_8000", "pcm_16000");
                out.println(ConvaiClient.API_KEY_ENVIRONMENT_VARIABLE + " is not set: talking to the testkit's fake"
                        + " agent at " + fake.baseUrl() + ", in this JVM (nothing leaves this machine).");
                try (ConvaiClient client = ConvaiClient.builder().apiKey(fake.apiKey()).baseUrl(fake.baseUrl())
                        .build()) {
                    return talk(client, agentId, false, wav, output, out);
                }
            }
        }
        String agentId = args.length > 2 ? args[2] : env.get(ConsoleChat.AGENT_ID_VARIABLE);
        if (agentId == null || agentId.trim().isEmpty()) {
            out.println("Usage: WavConversation <input.wav> <output.wav> <agent id> [--private]   (or set "
                    + ConsoleChat.AGENT_ID_VARIABLE + ")");
            return 2;
        }
        ConvaiClient.Builder builder = ConvaiClient.builder().apiKey(key.trim());
        String baseUrl = env.get(ConsoleChat.BASE_URL_VARIABLE);
        if (baseUrl != null && !baseUrl.trim().isEmpty()) {
            builder.baseUrl(baseUrl.trim());
        }
        boolean isPrivate = args.length > 3 && args[3].equals("--private");
        try (ConvaiClient client = builder.build()) {
            return talk(client, agentId.trim(), isPrivate, wav, output, out);
        }
    }

    private static int talk(ConvaiClient client, String agentId, boolean isPrivate, WavFile wav, Path output,
            PrintStream out) {
        ByteArrayOutputStream agentAudio = new ByteArrayOutputStream();
        ConversationListener listener = (session, event) -> print(event, agentAudio, out);
        ConversationEnd end;
        AudioFormat agentFormat;
        try (ConversationSession session = client.liveConversation(agentId).requiresAuth(isPrivate).open(listener)) {
            agentFormat = session.agentOutputAudioFormat();
            out.println("Conversation " + session.conversationId() + ": sending " + wav.format() + " as "
                    + session.userInputAudioFormat() + ", the agent speaks " + agentFormat);
            stream(session, wav);
            Thread.sleep(LISTEN_AFTER.toMillis());
            session.close();
            end = session.ended().get(10, TimeUnit.SECONDS);
        } catch (ConvaiException | TimeoutException | ExecutionException e) {
            out.println("The conversation failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        byte[] audio;
        synchronized (agentAudio) {
            audio = agentAudio.toByteArray();
        }
        try {
            WavFile.write(output, agentFormat, audio);
        } catch (IOException e) {
            out.println("Cannot write " + output + ": " + e.getMessage());
            return 1;
        }
        out.println("Wrote " + agentFormat.durationOf(audio.length).toMillis() + " ms of the agent's audio ("
                + agentFormat + ") to " + output);
        out.println("Ended: " + end.reason() + ", close code " + end.closeCode());
        return end.isNormal() ? 0 : 1;
    }

    /** Sends the file in chunks of {@link #CHUNK}, each when its time has come, converted by the session. */
    private static void stream(ConversationSession session, WavFile wav) throws InterruptedException {
        byte[] samples = wav.samples();
        int chunk = wav.format().bytesFor(CHUNK);
        long start = System.nanoTime();
        for (int offset = 0, n = 0; offset < samples.length; offset += chunk, n++) {
            long due = start + n * CHUNK.toNanos();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int length = Math.min(chunk, samples.length - offset);
            byte[] part = new byte[length];
            System.arraycopy(samples, offset, part, 0, length);
            session.sendUserAudio(part, wav.format());
        }
    }

    private static void print(ConversationEvent event, ByteArrayOutputStream agentAudio, PrintStream out) {
        if (event instanceof AudioEvent) {
            byte[] audio = ((AudioEvent) event).audio();
            synchronized (agentAudio) {
                agentAudio.write(audio, 0, audio.length);
            }
        } else if (event instanceof UserTranscriptEvent) {
            out.println("user (heard)> " + ((UserTranscriptEvent) event).text());
        } else if (event instanceof AgentResponseEvent) {
            out.println("agent> " + ((AgentResponseEvent) event).text());
        }
    }
}
