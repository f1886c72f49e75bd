package io.github.convai4j.examples;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the console chat example against the fake agent with scripted input. */
class ConsoleChatTest {

    @Test
    void chatsWithTheFakeAgentWhenNoKeyIsSet() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new StringReader("Hello there\n\nWhat time is it?\n/quit\nnever read\n"));

        int status = ConsoleChat.run(in, out, Collections.emptyMap(), new String[0]);

        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isZero();
        assertThat(output).contains("ELEVENLABS_API_KEY is not set: talking to the testkit's fake agent at http://127.0.0.1:")
                .contains("agent> Hello! I am a fake agent. Ask me what time it is.")
                .contains("you> Hello there\nagent> You said: Hello there")
                .contains("you> What time is it?\nagent> Your clock says ")
                .doesNotContain("never read")
                .endsWith("Bye.\n");
        assertThat(output).containsPattern("Your clock says \\d\\d:\\d\\d(:\\d\\d)?\\.");
    }

    @Test
    void withAKeyButNoAgentItSaysHowToRunIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = ConsoleChat.run(new BufferedReader(new StringReader("")), new PrintStream(bytes, true, StandardCharsets.UTF_8),
                Collections.singletonMap("ELEVENLABS_API_KEY", "sk_x"), new String[0]);
        assertThat(status).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Usage: ConsoleChat <agent id>");
    }
}
