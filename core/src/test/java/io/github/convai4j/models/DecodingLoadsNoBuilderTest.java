package io.github.convai4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Decoding a response loads the models it reads and none of their builders: a model's code uses its builder
 * only as the builder's own type, so the class verifier has no reason to load it. Cold start pays for every
 * class loaded on the first request (BENCHMARKS.md, benchmarks 4 and 5); before this, decoding an agent loaded
 * 262 builders it never used. Runs the decode in a class loader of its own, so that nothing this JVM loaded
 * before counts.
 */
class DecodingLoadsNoBuilderTest {

    private static final String AGENT = "{\"agent_id\":\"a1\",\"name\":\"Support\",\"conversation_config\":{"
            + "\"asr\":{\"quality\":\"high\",\"keywords\":[\"x\"]},\"turn\":{\"turn_timeout\":7,"
            + "\"soft_timeout_config\":{\"timeout_seconds\":-1}},\"tts\":{\"voice_id\":\"v\","
            + "\"supported_voices\":[{\"label\":\"l\",\"voice_id\":\"v2\"}]},\"conversation\":{\"text_only\":false,"
            + "\"client_events\":[\"audio\"]},\"agent\":{\"first_message\":\"Hi\",\"language\":\"en\",\"prompt\":{"
            + "\"prompt\":\"Be brief\",\"llm\":\"gpt-4o-mini\",\"temperature\":0.2,\"tools\":[{\"type\":\"client\","
            + "\"name\":\"t\",\"description\":\"d\"}]}}},\"platform_settings\":{\"widget\":{\"variant\":\"full\"}},"
            + "\"metadata\":{\"created_at_unix_secs\":1},\"tags\":[\"a\"],\"future_property\":{\"kept\":true}}";

    @Test
    void decodingAnAgentLoadsModelsButNoBuilder() throws Exception {
        Set<String> defined = new TreeSet<>();
        try (RecordingLoader loader = new RecordingLoader(classPath(), defined)) {
            Class<?> json = loader.loadClass("io.github.convai4j.json.Json");
            Class<?> codecType = loader.loadClass("io.github.convai4j.json.JsonCodec");
            Class<?> response = loader.loadClass("io.github.convai4j.models.agents.GetAgentResponse");
            Object codec = response.getMethod("codec").invoke(null);
            Method parse = json.getMethod("parse", String.class, codecType);
            Object agent = parse.invoke(null, AGENT, codec);
            assertThat(agent.getClass().getName()).isEqualTo(response.getName());
            // a builder used for real loads as it should: this shows the loader records what it defines
            Object builder = response.getMethod("toBuilder").invoke(agent);
            assertThat(builder.getClass().getName()).endsWith("GetAgentResponse$Builder");
        }
        List<String> models = defined.stream().filter(n -> n.startsWith("io.github.convai4j.models."))
                .collect(Collectors.toList());
        assertThat(models).as("models loaded by decoding the agent")
                .contains("io.github.convai4j.models.common.ConversationConfig",
                        "io.github.convai4j.models.common.SoftTimeoutConfig");
        assertThat(models.stream().filter(n -> n.endsWith("$Builder")))
                .as("builders loaded by decoding the agent and one toBuilder()")
                .containsExactly("io.github.convai4j.models.agents.GetAgentResponse$Builder");
    }

    private static URL[] classPath() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return urls.toArray(new URL[0]);
    }

    /** Loads every class of the class path itself (the JDK's from its parent), recording which. */
    private static final class RecordingLoader extends URLClassLoader {
        private final Set<String> defined;

        RecordingLoader(URL[] urls, Set<String> defined) {
            super(urls, ClassLoader.getPlatformClassLoader());
            this.defined = defined;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> c = super.findClass(name);
            defined.add(name);
            return c;
        }
    }
}
