package io.github.convai4j.shrinkcheck;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every published jar that runs in an app carries its consumer rules where ProGuard and R8 look for them, the same
 * rules in each place, and none that keeps a whole package of ours. (The transport TCK is left out: it is a JUnit
 * suite that runs in test class paths, which no one shrinks.)
 */
class ConsumerRulesTest {

    /** A keep option whose class pattern is one of our packages with a wildcard: it would keep what the app never calls. */
    private static final Pattern KEEPS_A_PACKAGE = Pattern.compile("^-keep\\S*\\s.*\\bio\\.github\\.convai4j(\\.[\\w$]+)*\\.\\*.*");
    /** Member specifications that keep every member. */
    private static final Pattern KEEPS_EVERY_MEMBER = Pattern.compile("\\{\\s*\\*\\s*;\\s*}");

    @ParameterizedTest
    @ValueSource(strings = {"convai4j-core", "convai4j-transport-httpclient", "convai4j-transport-netty",
        "convai4j-transport-jdk", "convai4j-testkit"})
    void theJarCarriesTheSameConsumerRulesForProGuardAndR8(String artifactId) throws IOException {
        String legacy = ConsumerRules.LEGACY + artifactId + ".pro";
        List<URL> found = Collections.list(getClass().getClassLoader().getResources(legacy));
        assertThat(found).as(artifactId + " ships " + legacy + " (src/main/resources/META-INF/proguard/)").hasSize(1);
        String rules = read(found.get(0));

        for (String copy : List.of(ConsumerRules.FOR_R8, ConsumerRules.FOR_PROGUARD)) {
            URL url = new URL(found.get(0).toString().replace(ConsumerRules.LEGACY, copy));
            assertThat(read(url)).as(copy + artifactId + ".pro, copied by the parent pom").isEqualTo(rules);
        }

        List<String> tooWide = new ArrayList<>();
        for (String option : ConsumerRules.options(rules)) {
            if (KEEPS_A_PACKAGE.matcher(option).matches() || option.startsWith("-keep") && KEEPS_EVERY_MEMBER.matcher(option).find()) {
                tooWide.add(option);
            }
        }
        assertThat(tooWide).as("rules of " + artifactId + " that keep whole packages or every member: keep only what"
                + " ServiceLoader or a resource lookup needs").isEmpty();
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
