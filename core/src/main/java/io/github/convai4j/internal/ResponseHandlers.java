package io.github.convai4j.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.github.convai4j.core.BinaryResponse;
import io.github.convai4j.http.HttpResponse;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonCodec;
import io.github.convai4j.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@link ResponseHandler}s generated services use, one per kind of response the API has.
 *
 * <table>
 *   <caption>Which handler for which response</caption>
 *   <tr><th>Response</th><th>Handler</th><th>Returns</th></tr>
 *   <tr><td>JSON with a schema</td><td>{@link #json(JsonCodec)}</td><td>the model</td></tr>
 *   <tr><td>JSON without a schema</td><td>{@link #jsonValue()}</td><td>{@link JsonValue}</td></tr>
 *   <tr><td>no content (204, or 200 without a body)</td><td>{@link #empty()}</td><td>{@code null}</td></tr>
 *   <tr><td>text ({@code text/html}, {@code text/csv})</td><td>{@link #text()}</td><td>{@code String}</td></tr>
 *   <tr><td>binary, streamed ({@code audio/mpeg})</td><td>{@link #binary()}</td><td>{@link BinaryResponse}</td></tr>
 * </table>
 *
 * <p>Every handler is stateless and thread-safe.
 */
public final class ResponseHandlers {

    /** Most bytes {@link #empty()} reads from an unexpected body before it stops and closes the response. */
    static final int MAX_DRAIN = 64 * 1024;
    /** Most characters {@link #text()} reads: 64 Mi. Longer text is better streamed with {@link #binary()}. */
    public static final int MAX_TEXT_LENGTH = 64 * 1024 * 1024;


    private ResponseHandlers() {
    }

    /**
     * Reads a JSON body with a codec. The body must hold exactly one JSON value, not {@code null}; an empty
     * body, the JSON {@code null}, a value of another type than the codec reads (an array where a model is
     * expected), trailing content or broken JSON is a {@link io.github.convai4j.errors.DecodingException}.
     *
     * @param codec reads the model
     * @param <T> the model type
     * @return the handler
     */
    public static <T> ResponseHandler<T> json(JsonCodec<T> codec) {
        return new JsonHandler<>(Objects.requireNonNull(codec, "codec"));
    }

    /**
     * Reads a JSON body as an untyped {@link JsonValue}. Lenient: an empty body gives {@link JsonValue#NULL}.
     *
     * @return the handler
     */
    public static ResponseHandler<JsonValue> jsonValue() {
        // Created per call (stateless, a few bytes): a static instance would keep every handler in a shrunk app.
        return new JsonValueHandler();
    }

    /**
     * For operations without content: returns {@code null}. A body the server sends anyway is read (up to
     * 64 KiB, so the connection can be reused) and dropped.
     *
     * @return the handler
     */
    public static ResponseHandler<Void> empty() {
        return new EmptyHandler();
    }

    /**
     * Reads the body as text, in the charset of its {@code Content-Type} (UTF-8 if none is named), up to
     * {@link #MAX_TEXT_LENGTH} characters.
     *
     * @return the handler
     */
    public static ResponseHandler<String> text() {
        return new TextHandler();
    }

    /**
     * Hands the body over as a {@link BinaryResponse} that streams; the caller closes it. One the caller
     * forgets is logged and closed once it is found unreachable while open.
     *
     * @return the handler
     */
    public static ResponseHandler<BinaryResponse> binary() {
        return new BinaryHandler();
    }

    static final class JsonHandler<T> implements ResponseHandler<T> {
        final JsonCodec<T> codec;

        JsonHandler(JsonCodec<T> codec) {
            this.codec = codec;
        }

        @Override
        public String accept() {
            return "application/json";
        }

        @Override
        public T handle(HttpResponse response, ResponseContext context) throws IOException {
            try (JsonParser parser = Json.factory().createParser(response.body())) {
                if (parser.nextToken() == null) {
                    throw new JsonParseException(parser, "The response body is empty; expected a JSON value");
                }
                T value = codec.read(parser);
                if (parser.nextToken() != null) {
                    throw new JsonParseException(parser, "Unexpected content after the JSON value");
                }
                if (value == null) {
                    // Every operation read with a codec declares a value that is not null; returning null would
                    // hand the caller a NullPointerException far from its cause.
                    throw new JsonParseException(parser, "The response body is the JSON null; expected "
                            + expected());
                }
                return value;
            }
        }

        private String expected() {
            return codec instanceof ModelType ? "an object (" + ((ModelType<?>) codec).name() + ")" : "a value";
        }

        @Override
        public String toString() {
            return "json(" + codec + ")";
        }
    }

    static final class JsonValueHandler implements ResponseHandler<JsonValue> {
        @Override
        public String accept() {
            return "application/json";
        }

        @Override
        public JsonValue handle(HttpResponse response, ResponseContext context) throws IOException {
            try (JsonParser parser = Json.factory().createParser(response.body())) {
                if (parser.nextToken() == null) {
                    return JsonValue.NULL;
                }
                JsonValue value = JsonValue.read(parser);
                if (parser.nextToken() != null) {
                    throw new JsonParseException(parser, "Unexpected content after the JSON value");
                }
                return value;
            }
        }
    }

    static final class EmptyHandler implements ResponseHandler<Void> {
        @Override
        public String accept() {
            return "application/json";
        }

        @Override
        public Void handle(HttpResponse response, ResponseContext context) throws IOException {
            InputStream body = response.body();
            byte[] scratch = new byte[8192];
            long drained = 0;
            int n;
            while (drained < MAX_DRAIN && (n = body.read(scratch)) >= 0) {
                drained += n;
            }
            return null;
        }
    }

    static final class TextHandler implements ResponseHandler<String> {
        @Override
        public String accept() {
            return "text/*, application/json;q=0.5, */*;q=0.1";
        }

        @Override
        public String handle(HttpResponse response, ResponseContext context) throws IOException {
            Charset charset = charsetOf(response.headers().first("Content-Type"));
            Reader reader = new InputStreamReader(response.body(), charset);
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                if (text.length() + n > MAX_TEXT_LENGTH) {
                    throw new StreamConstraintsException("The text response is longer than " + MAX_TEXT_LENGTH
                            + " characters; read it as a stream instead");
                }
                text.append(buffer, 0, n);
            }
            return text.toString();
        }

        static Charset charsetOf(String contentType) {
            if (contentType != null) {
                for (String param : contentType.split(";")) {
                    String p = param.trim();
                    if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                        String name = p.substring("charset=".length()).trim().replace("\"", "");
                        try {
                            return Charset.forName(name);
                        } catch (IllegalArgumentException unknown) {
                            return StandardCharsets.UTF_8;
                        }
                    }
                }
            }
            return StandardCharsets.UTF_8;
        }
    }

    static final class BinaryHandler implements ResponseHandler<BinaryResponse> {
        @Override
        public String accept() {
            return "*/*";
        }

        @Override
        public BinaryResponse handle(HttpResponse response, ResponseContext context) {
            InputStream body = LeakDetector.of(context.client.leakDetector)
                    .watch(response.body(), context.operation(), context.openedAt);
            return new BinaryResponse(new HttpResponse(response.statusCode(), response.headers(), body),
                    context.operation(), context::ioFailure);
        }

        @Override
        public boolean keepsResponseOpen() {
            return true;
        }
    }
}
