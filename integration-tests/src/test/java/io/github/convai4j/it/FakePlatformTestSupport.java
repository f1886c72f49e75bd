package io.github.convai4j.it;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.core.RetryPolicy;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.testkit.FakeAgentsPlatform;
import io.github.convai4j.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the end-to-end tests share: a fresh testkit {@link FakeAgentsPlatform} per test, clients of the real
 * generated services on a chosen transport pointed at it (closed after the test), and ways to look at what
 * the fake received and holds that do not go through the client under test.
 *
 * <p>Tests are parameterized over {@link #transports()}, which fails (rather than silently running fewer
 * cases) when one of the two shipped transports is missing from the class path.
 */
abstract class FakePlatformTestSupport {

    /** The parameter source of every end-to-end test: both shipped transports, asserted present. */
    static List<String> transports() {
        List<String> names = Transports.names();
        assertThat(names).as("transports on the test class path").containsAll(Transports.SHIPPED);
        return Transports.SHIPPED;
    }

    /** Quick backoffs so retry tests stay fast; the policy is otherwise the default. */
    static final RetryPolicy QUICK_RETRIES = RetryPolicy.builder().initialBackoff(Duration.ofMillis(20))
            .maxBackoff(Duration.ofMillis(50)).build();

    FakeAgentsPlatform fake;
    private final List<ConvaiClient> clients = new ArrayList<>();
    private final HttpClient independentHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void startFake() {
        fake = startFake(FakeAgentsPlatform.builder());
    }

    /** Starts the test's fake; a test class may override it to configure the server. */
    FakeAgentsPlatform startFake(FakeAgentsPlatform.Builder builder) {
        return builder.start();
    }

    @AfterEach
    void stopEverything() {
        clients.forEach(ConvaiClient::close);
        fake.close();
    }

    /** A client of the real services on {@code transport}, authenticated for the fake, quick retries. */
    ConvaiClient client(String transport) {
        return client(transport, b -> b);
    }

    ConvaiClient client(String transport, UnaryOperator<ConvaiClient.Builder> settings) {
        ConvaiClient.Builder builder = ConvaiClient.builder().apiKey(fake.apiKey()).baseUrl(fake.baseUrl())
                .transportName(transport).retryPolicy(QUICK_RETRIES);
        ConvaiClient client = settings.apply(builder).build();
        clients.add(client);
        return client;
    }

    /** The only request the fake received for a method and path pattern; fails if there were others. */
    RecordedRequest onlyRequest(String method, String pathPattern) {
        List<RecordedRequest> matching = fake.requests(method, pathPattern);
        assertThat(matching).as("%s %s requests received", method, pathPattern).hasSize(1);
        return matching.get(0);
    }

    /** A recorded request's JSON body as a tree (core's untyped JSON, not the generated codecs). */
    static JsonValue jsonBody(RecordedRequest request) {
        assertThat(request.contentType()).as("content type of %s", request).startsWith("application/json");
        return JsonValue.parse(request.bodyAsString());
    }

    /**
     * Reads the fake's state through the JDK's own HTTP client (not the transport or the codecs under
     * test). The request is recorded by the fake like any other: check the client's requests first.
     */
    JsonValue fakeState(String path) {
        HttpResponse<String> response = independentGet(path);
        assertThat(response.statusCode()).as("fake state at %s", path).isEqualTo(200);
        return JsonValue.parse(response.body());
    }

    /** A GET of a path or absolute URL on the fake, with the key, by the JDK's HTTP client. */
    HttpResponse<String> independentGet(String pathOrUrl) {
        try {
            return independentHttp.send(independentRequest(pathOrUrl), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("the independent GET of " + pathOrUrl + " failed", e);
        }
    }

    /** The bytes served at a path or absolute URL on the fake, read by the JDK's HTTP client. */
    byte[] independentGetBytes(String pathOrUrl) {
        try {
            HttpResponse<byte[]> response = independentHttp.send(independentRequest(pathOrUrl),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as("GET %s", pathOrUrl).isEqualTo(200);
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("the independent GET of " + pathOrUrl + " failed", e);
        }
    }

    private HttpRequest independentRequest(String pathOrUrl) {
        URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : fake.baseUrl() + pathOrUrl);
        return HttpRequest.newBuilder(uri).header("xi-api-key", fake.apiKey()).timeout(Duration.ofSeconds(30)).GET()
                .build();
    }

    /** A deterministic, non-repeating test payload (not all zeros, so a lost or shifted byte shows). */
    static byte[] payload(int size, int seed) {
        byte[] bytes = new byte[size];
        int x = seed * 0x9E3779B1 + 1;
        for (int i = 0; i < size; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            bytes[i] = (byte) x;
        }
        return bytes;
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
