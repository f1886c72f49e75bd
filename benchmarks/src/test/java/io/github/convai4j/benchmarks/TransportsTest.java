package io.github.convai4j.benchmarks;

import io.github.convai4j.http.Transport;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every table has a row for each transport, and the JDK transport's rows run the stack they are labelled with. */
class TransportsTest {

    @Test
    void theOverheadBenchmarkRunsEveryTransportTheReportLists() throws NoSuchFieldException {
        Param param = ClientOverheadBenchmark.class.getField("transport").getAnnotation(Param.class);

        assertThat(List.of(param.value())).isEqualTo(Transports.NAMES);
    }

    @Test
    void jdkIsTheJavaNetHttpStackAndItsVariantTheUrlConnectionStack() {
        try (Transport jdk = Transports.create("jdk");
                Transport urlConnection = Transports.create(Transports.JDK_URL_CONNECTION)) {
            assertThat(jdk.name()).isEqualTo("jdk");
            assertThat(jdk.getClass().getSimpleName()).isEqualTo("JavaNetHttpTransport");
            assertThat(jdk.webSocket()).isPresent();
            assertThat(urlConnection.name()).isEqualTo("jdk");
            assertThat(urlConnection.getClass().getSimpleName()).isEqualTo("UrlConnectionTransport");
            assertThat(urlConnection.webSocket()).isEmpty();
        }
    }

    @Test
    void streamingMeasuresEveryTransportThenTheJdkTransportsOtherStack() {
        assertThat(Transports.STREAMING).startsWith(Transports.NAMES.toArray(String[]::new))
                .endsWith(Transports.JDK_URL_CONNECTION);
        assertThat(Transports.label("jdk")).isEqualTo("jdk (java.net.http)");
        assertThat(Transports.label(Transports.JDK_URL_CONNECTION)).isEqualTo("jdk (HttpURLConnection)");
        assertThat(Transports.label("netty")).isEqualTo("netty");
    }

    @Test
    void aJdkChildGetsCoreAndTheJdkTransportOnlyWhicheverItsStack() {
        List<String> jdk = names(Classpath.library("jdk"));

        assertThat(jdk).containsAll(names(Classpath.library(null)))
                .anyMatch(name -> name.equals("transport-jdk") || name.startsWith("convai4j-transport-jdk-"))
                .noneMatch(name -> name.contains("netty") || name.contains("httpclient") || name.contains("httpcore"));
        assertThat(jdk).hasSize(names(Classpath.library(null)).size() + 1);
        assertThat(Classpath.forChild(Transports.JDK_URL_CONNECTION)).isEqualTo(Classpath.forChild("jdk"));
    }

    @Test
    void javaNetHttpClassesCountAsTheJdkTransportsHttpLibrary() {
        assertThat(FootprintHarness.originOf("java.net.http.HttpClient")).isEqualTo("HTTP library");
        assertThat(FootprintHarness.originOf("jdk.internal.net.http.HttpClientImpl")).isEqualTo("HTTP library");
        assertThat(FootprintHarness.originOf("io.github.convai4j.transport.jdk.internal.JavaNetHttpTransport"))
                .isEqualTo("convai4j transport");
        assertThat(FootprintHarness.originOf("java.net.HttpURLConnection")).isEqualTo("JDK");
    }

    private static List<String> names(List<Path> entries) {
        return entries.stream().map(Classpath::artifactName).toList();
    }
}
