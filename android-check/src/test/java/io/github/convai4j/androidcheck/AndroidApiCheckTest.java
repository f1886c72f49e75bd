package io.github.convai4j.androidcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.convai4j.androidcheck.fixtures.UsesJavaNetHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check finds what the signature lacks, per method, and an allowlist entry allows exactly what it names. */
class AndroidApiCheckTest {
    private static final String FIXTURE = UsesJavaNetHttp.class.getName();

    @TempDir
    static Path classes;

    static Path signature;

    @BeforeAll
    static void copyFixtureAlone() throws IOException {
        signature = Paths.get(System.getProperty(ModuleCheck.SIGNATURE));
        Path source = Paths.get(System.getProperty("convai4j.android.testClasses"));
        Path dir = classes.resolve("io/github/convai4j/androidcheck/fixtures");
        Files.createDirectories(dir);
        try (var files = Files.list(source.resolve("io/github/convai4j/androidcheck/fixtures"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }

    private static AndroidApiCheck.Result check(String... allowlistLines) throws IOException {
        return AndroidApiCheck.run(signature, List.of(classes), Allowlist.parse(List.of(allowlistLines), "test"));
    }

    @Test
    void referencesOutsideApi26AreFoundInTheMethodThatHoldsThem() throws IOException {
        AndroidApiCheck.Result result = check();

        assertThat(result.refused()).extracting(Finding::className).containsOnly(FIXTURE);
        assertThat(result.refused()).extracting(f -> String.join(",", f.members()))
                .contains("guarded", "unguarded").doesNotContain("sibling");
        assertThat(result.refused()).extracting(Finding::reference)
                .anyMatch(r -> r.contains("java.net.http.HttpClient.newHttpClient()"));
    }

    @Test
    void anEntryAllowsOnlyTheMethodAndReferenceItNames() throws IOException {
        String jar = AndroidApiCheck.shortName(classes);
        AndroidApiCheck.Result result = check(
                jar + " | " + FIXTURE + "#guarded | java.net.http. | test: the caller checks for java.net.http first");

        assertThat(result.unusedEntries()).isEmpty();
        assertThat(result.allowed().keySet()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.members()).containsExactly("guarded"));
        assertThat(result.refused()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.members()).containsExactly("unguarded"));
    }

    @Test
    void aPackageEntryCoversThatPackageAndNotItsParentOrSubpackages() throws IOException {
        String jar = AndroidApiCheck.shortName(classes);
        AndroidApiCheck.Result parent = check(
                jar + " | io.github.convai4j.androidcheck.*#* | java.net.http. | test: a parent package, too wide");
        AndroidApiCheck.Result own = check(
                jar + " | io.github.convai4j.androidcheck.fixtures.*#* | java.net.http. | test: the fixture's package");

        assertThat(parent.allowed()).isEmpty();
        assertThat(parent.unusedEntries()).hasSize(1);
        assertThat(own.refused()).isEmpty();
        assertThat(own.unusedEntries()).isEmpty();
    }

    @Test
    void anEntryThatMatchesNothingIsReportedAsStale() throws IOException {
        AndroidApiCheck.Result result = check(
                "nowhere | " + FIXTURE + "#guarded | java.net.http. | test: names a jar that is not checked");

        assertThat(result.unusedEntries()).hasSize(1);
    }

    @Test
    void blanketEntriesAreRefusedWhenTheListIsRead() {
        assertThatThrownBy(() -> Allowlist.parse(List.of("x | a.B#m | * | a reason that is long enough"), "test"))
                .hasMessageContaining("blanket");
        assertThatThrownBy(() -> Allowlist.parse(List.of("x | a.B | java. | a reason that is long enough"), "test"))
                .hasMessageContaining("Class#method");
        assertThatThrownBy(() -> Allowlist.parse(List.of("x | a.B#m | java. | short"), "test"))
                .hasMessageContaining("reason");
    }

    @Test
    void jarNamesDropTheVersion() {
        assertThat(AndroidApiCheck.shortName(Paths.get("/r/httpcore5-h2-5.4.4.jar"))).isEqualTo("httpcore5-h2");
        assertThat(AndroidApiCheck.shortName(Paths.get("/r/netty-codec-http-4.2.20.Final.jar")))
                .isEqualTo("netty-codec-http");
        assertThat(AndroidApiCheck.shortName(Paths.get("/r/convai4j-core-0.1.0-SNAPSHOT.jar")))
                .isEqualTo("convai4j-core");
    }
}
