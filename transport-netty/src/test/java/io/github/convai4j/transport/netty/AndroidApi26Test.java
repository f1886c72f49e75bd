package io.github.convai4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.convai4j.androidcheck.ModuleCheck;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * What an app runs with this transport (its classes, core and every Netty jar) against the Android API 26
 * signature. Netty's jars hold hundreds of references Android lacks, most behind class-presence checks that no
 * static check can follow, so this transport is documented as JVM-only and has no allowlist. This test keeps that
 * claim true: if Netty ever passes, it fails and says to revisit the README.
 */
class AndroidApi26Test {

    @Test
    void nettyIsNotAndroidSafeSoTheTransportIsDocumentedAsJvmOnly() throws IOException {
        ModuleCheck check = ModuleCheck.run();

        assertThat(check.allowlist().entries()).as("a JVM-only transport keeps no allowlist").isEmpty();
        assertThat(check.result().refused()).as("Netty's jars now pass the Android API 26 check; say so in the"
                + " README (which calls this transport JVM-only) and give it an allowlist%n%s", check.summary())
                .isNotEmpty();
        assertThat(check.result().refused()).as("our own classes must pass whatever Netty does")
                .noneMatch(f -> f.jar().equals("convai4j-transport-netty") || f.jar().equals("convai4j-core"));
    }
}
