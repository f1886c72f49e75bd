package io.github.convai4j.transport.httpclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.convai4j.androidcheck.ModuleCheck;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an Android app runs with this transport (its classes, core, httpclient5, httpcore5, httpcore5-h2,
 * jackson-core, slf4j-api) against the Android API 26 signature. Every reference outside it must sit where the
 * transport never goes, as a reviewed entry of {@code android-api-26-allowlist.txt} says, naming the guard.
 */
class AndroidApi26Test {
    private static ModuleCheck check;

    @BeforeAll
    static void runCheck() throws IOException {
        check = ModuleCheck.run();
    }

    @Test
    void everyReferenceOutsideApi26IsAReviewedGuardedEntry() {
        assertThat(check.result().refused()).as("references outside Android API 26 that no allowlist entry"
                + " (android-api-26-allowlist.txt) allows:%s%n%s", check.result().describeRefused(60), check.summary())
                .isEmpty();
        assertThat(check.result().unusedEntries()).as("allowlist entries that match nothing (remove them)").isEmpty();
    }

    @Test
    void ourOwnClassesNeedNoEntry() {
        assertThat(check.allowlist().entries()).noneMatch(e -> e.jar().startsWith("convai4j-"));
    }
}
