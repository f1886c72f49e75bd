package io.github.convai4j.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.convai4j.androidcheck.AllowlistEntry;
import io.github.convai4j.androidcheck.ModuleCheck;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an Android app runs with this transport (its classes, core, jackson-core, slf4j-api) against the Android
 * API 26 signature. Only the java.net.http part may reference what Android lacks: it loads only where
 * java.net.http exists. The HttpURLConnection part, the selector and the provider are checked like everything.
 */
class AndroidApi26Test {
    private static ModuleCheck check;

    @BeforeAll
    static void runCheck() throws IOException {
        check = ModuleCheck.run();
    }

    @Test
    void everyReferenceOutsideApi26IsInTheJavaNetHttpPartOrAReviewedEntry() {
        assertThat(check.result().refused()).as("references outside Android API 26 that no allowlist entry"
                + " (android-api-26-allowlist.txt) allows:%s%n%s", check.result().describeRefused(40), check.summary())
                .isEmpty();
        assertThat(check.result().unusedEntries()).as("allowlist entries that match nothing (remove them)").isEmpty();
    }

    @Test
    void onlyTheJavaNetHttpPartIsAllowedAnythingOfOurJar() {
        for (AllowlistEntry e : check.allowlist().entries()) {
            if (e.jar().equals("convai4j-transport-jdk")) {
                assertThat(e.className()).as("an entry for our own jar (line %d)", e.line())
                        .startsWith("io.github.convai4j.transport.jdk.internal.");
            }
        }
    }

    @Test
    void theHttpUrlConnectionPartIsChecked() {
        assertThat(check.checked().get(0).resolve("io/github/convai4j/transport/jdk/UrlConnectionExchange.class"))
                .exists();
    }
}
