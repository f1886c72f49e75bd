package io.github.convai4j.it;

import io.github.convai4j.core.BinaryResponse;
import io.github.convai4j.core.RawResponse;
import io.github.convai4j.core.RequestOptions;
import io.github.convai4j.errors.DecodingException;
import io.github.convai4j.errors.NotFoundException;
import io.github.convai4j.internal.ResponseHandlers;
import io.github.convai4j.it.FaultServer.Reply;
import io.github.convai4j.json.JsonValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Response compression through each transport: the client asks for {@code gzip, deflate}, inflates what the
 * server compressed as it is read, refuses a decompression bomb and corrupt data with a
 * {@link DecodingException} (not retried), and leaves bodies alone when compression is turned off.
 */
class CompressionTest extends RuntimeTestSupport {

    private static final String AGENT = agentJson("a1", "Support");

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] plain, boolean zlibWrapped) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, !zlibWrapped))) {
            d.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void asksForGzipAndDeflateAndInflatesAGzippedJsonBody(String transport) {
        server.enqueue(Reply.json(200, "").bytes(gzip(utf8(AGENT))).header("Content-Encoding", "gzip"));

        RawResponse<JsonValue> agent = context(client(transport)).executeRaw(getAgent("a1"), ResponseHandlers.jsonValue(), null);

        assertThat(agent.value().get("name").asString()).isEqualTo("Support");
        assertThat(server.received().get(0).header("Accept-Encoding")).isEqualTo("gzip, deflate");
        // The headers describe the body the caller gets, not the compressed bytes.
        assertThat(agent.headers().contains("Content-Encoding")).isFalse();
        assertThat(agent.headers().contains("Content-Length")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void inflatesZlibAndRawDeflateBodiesSyncAndAsync(String transport) throws Exception {
        server.enqueue(Reply.json(200, "").bytes(deflate(utf8(AGENT), true)).header("Content-Encoding", "deflate"),
                Reply.json(200, "").bytes(deflate(utf8(AGENT), false)).header("Content-Encoding", "deflate"));
        var context = context(client(transport));

        JsonValue zlib = context.execute(getAgent("a1"), ResponseHandlers.jsonValue(), null);
        JsonValue raw = context.executeAsync(getAgent("a1"), ResponseHandlers.jsonValue(), null).get(10, TimeUnit.SECONDS);

        assertThat(zlib.get("name").asString()).isEqualTo("Support");
        assertThat(raw.get("name").asString()).isEqualTo("Support");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void streamsAGzippedDownloadInflatedAndAnEmptyGzipBodyStaysEmpty(String transport) throws Exception {
        byte[] audio = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (byte) (i % 251 ^ i >>> 10);
        }
        server.enqueue(Reply.status(200).header("Content-Type", "audio/mpeg").header("Content-Encoding", "gzip").bytes(gzip(audio)),
                Reply.status(200).header("Content-Type", "application/json").header("Content-Encoding", "gzip"));
        var context = context(client(transport));

        try (BinaryResponse download = context.execute(getAgent("a1"), ResponseHandlers.binary(), null)) {
            assertThat(download.contentLength()).isEqualTo(-1);
            assertThat(Arrays.equals(download.body().readAllBytes(), audio)).isTrue();
        }
        assertThat(context.execute(getAgent("a1"), ResponseHandlers.text(), null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void aBodyThatInflatesPastTheLimitFailsWithADecodingExceptionAndIsNotRetried(String transport) {
        // 64 MiB of one repeated character compresses to about 64 KB: a small decompression bomb.
        byte[] bomb = bomb(64 * 1024 * 1024);
        server.enqueue(Reply.json(200, "").bytes(bomb).header("Content-Encoding", "gzip"),
                Reply.json(200, AGENT));
        var context = context(client(transport, b -> b.maxInflatedSize(1024 * 1024)));

        Throwable failure = catchThrowable(() -> context.execute(getAgent("a1"), ResponseHandlers.jsonValue(), null));

        assertThat(failure).isInstanceOf(DecodingException.class)
                .hasMessageContaining("get_agent_route")
                .hasMessageContaining("inflates to more than 1048576 bytes");
        assertThat(server.received()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void aBombStreamedToTheCallerFailsOnceItPassesTheLimit(String transport) {
        server.enqueue(Reply.status(200).header("Content-Type", "audio/mpeg").header("Content-Encoding", "gzip")
                .bytes(bomb(16 * 1024 * 1024)));
        var context = context(client(transport, b -> b.maxInflatedSize(4 * 1024 * 1024)));

        try (BinaryResponse download = context.execute(getAgent("a1"), ResponseHandlers.binary(), null)) {
            assertThatThrownBy(() -> download.body().readAllBytes()).isInstanceOf(DecodingException.class)
                    .hasMessageContaining("inflates to more than 4194304 bytes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void corruptCompressedDataIsADecodingExceptionAsyncToo(String transport) {
        byte[] corrupt = gzip(utf8(AGENT));
        corrupt[2] = 7; // a compression method gzip does not define
        server.enqueue(Reply.json(200, "").bytes(corrupt).header("Content-Encoding", "gzip"));

        Throwable failure = catchThrowable(() -> context(client(transport))
                .executeAsync(getAgent("a1"), ResponseHandlers.jsonValue(), null).get(10, TimeUnit.SECONDS));

        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(DecodingException.class)
                .hasMessageContaining("is corrupt");
        assertThat(server.received()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void aGzippedErrorBodyIsReadIntoTheApiException(String transport) {
        server.enqueue(Reply.json(404, "").bytes(gzip(utf8("{\"detail\":{\"status\":\"agent_not_found\",\"message\":\"No agent a1\"}}")))
                .header("Content-Encoding", "gzip"));

        Throwable failure = catchThrowable(() -> context(client(transport)).execute(getAgent("a1"), ResponseHandlers.jsonValue(), null));

        assertThat(failure).isInstanceOf(NotFoundException.class).hasMessageContaining("No agent a1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void turnedOffPerClientOrPerCallNoAcceptEncodingIsSentAndTheBodyIsLeftAsReceived(String transport) throws Exception {
        byte[] gzipped = gzip(utf8(AGENT));
        server.enqueue(Reply.status(200).header("Content-Type", "application/gzip").header("Content-Encoding", "gzip").bytes(gzipped),
                Reply.status(200).header("Content-Type", "application/gzip").header("Content-Encoding", "gzip").bytes(gzipped),
                Reply.status(200).header("Content-Type", "application/gzip").header("Content-Encoding", "gzip").bytes(gzipped));

        try (BinaryResponse off = context(client(transport, b -> b.compression(false))).execute(getAgent("a1"), ResponseHandlers.binary(), null)) {
            assertThat(off.body().readAllBytes()).isEqualTo(gzipped);
            assertThat(off.headers().first("Content-Encoding")).isEqualTo("gzip");
        }
        var on = context(client(transport));
        try (BinaryResponse offForOneCall = on.execute(getAgent("a1"), ResponseHandlers.binary(),
                RequestOptions.builder().compression(false).build())) {
            assertThat(offForOneCall.body().readAllBytes()).isEqualTo(gzipped);
        }
        // A caller who sets Accept-Encoding himself gets the bytes as sent.
        try (BinaryResponse own = on.execute(getAgent("a1"), ResponseHandlers.binary(),
                RequestOptions.builder().header("Accept-Encoding", "gzip").build())) {
            assertThat(own.body().readAllBytes()).isEqualTo(gzipped);
        }
        assertThat(server.received().get(0).header("Accept-Encoding")).isNull();
        assertThat(server.received().get(1).header("Accept-Encoding")).isNull();
        assertThat(server.received().get(2).header("Accept-Encoding")).isEqualTo("gzip");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.convai4j.it.Transports#names")
    void anEncodingTheClientDidNotAskForIsADecodingException(String transport) {
        server.enqueue(Reply.json(200, "").bytes(new byte[] {1, 2, 3}).header("Content-Encoding", "br"));

        Throwable failure = catchThrowable(() -> context(client(transport)).execute(getAgent("a1"), ResponseHandlers.jsonValue(), null));

        assertThat(failure).isInstanceOf(DecodingException.class).hasMessageContaining("Content-Encoding 'br'");
        assertThat(server.received()).hasSize(1);
    }

    static byte[] bomb(int inflatedSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) ' ');
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write('[');
            for (int written = 1; written < inflatedSize; written += block.length) {
                gz.write(block);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
