package io.github.convai4j.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The one configured Jackson {@link JsonFactory} that every JSON read and write in convai4j goes through, and
 * reading and writing a value as JSON text, bytes or a {@link JsonValue} tree with its codec (every generated
 * model, union and enum has a {@code codec()}):
 *
 * <pre>{@code
 * GetAgentResponse agent = Json.parse(text, GetAgentResponse.codec());
 * String back = Json.toJson(GetAgentResponse.codec(), agent);
 * }</pre>
 *
 * <p><b>Reading is bounded</b>, so that a hostile or broken response fails with a
 * {@link com.fasterxml.jackson.core.exc.StreamConstraintsException} (which the client reports as a
 * {@link io.github.convai4j.errors.DecodingException}) instead of exhausting the heap. The bound is on the
 * memory a read takes, not only on the length of the text: a value read costs far more heap than its JSON
 * (an empty object {@code {}}, 2 bytes, becomes a map of about 115 bytes), so a document limit alone let a
 * 60 MB body of small values take over 1 GB. Within the limits below, reading one document into a
 * {@link JsonValue} tree, the costliest way to keep it, needs at most about 28 MiB of heap, whatever the
 * server sends: the worst body they allow (the longest string, a second string filling the document, and the
 * most values the token limit leaves) is read in a JVM with {@code -Xmx28m} and keeps 22 MB. So an app with a
 * 64 MB heap survives a hostile response; {@code JsonMemoryBoundTest} reads each worst body at
 * {@code -Xmx64m}. The limits, and why:
 * <ul>
 *   <li>tokens (values, property names, starts and ends of objects and arrays): {@value #MAX_TOKEN_COUNT}.
 *       A token costs at most about 60 bytes of heap (an empty object: two tokens, one map), so tokens
 *       take at most about 15 MiB (the most empty objects allowed are read in {@code -Xmx16m}). The 45 KB
 *       agent configuration of the benchmarks has 3,506 tokens, so this allows about 70 times as much;</li>
 *   <li>a whole document: {@value #MAX_DOCUMENT_LENGTH} bytes (4 MiB), about a hundred times the largest
 *       agent configuration (45 KB). What strings keep is bounded by it: at most two bytes of heap per byte
 *       of JSON, 8 MiB;</li>
 *   <li>one string value: {@value #MAX_STRING_LENGTH} characters (2 Mi). While it is read a string costs up
 *       to about 7 bytes a character (the parser's buffers and the string), about 14 MiB (the longest string
 *       allowed is read in {@code -Xmx16m}). The only long strings the API returns in JSON are
 *       knowledge-base documents' extracted text ({@code extracted_inner_html}); a longer one fails here,
 *       and the document's text is read whole, streamed, with {@code knowledgeBase().documents().getContent()}
 *       (binary content such as conversation audio is never sent inside JSON either);</li>
 *   <li>nesting depth: {@value #MAX_NESTING_DEPTH} (the deepest agent configuration is about 15 levels);</li>
 *   <li>one number: {@value #MAX_NUMBER_LENGTH} characters (Jackson's default; no API number comes
 *       near);</li>
 *   <li>one property name: {@value #MAX_NAME_LENGTH} characters (Jackson's default; names are short,
 *       but some objects are maps keyed by names the user chose).</li>
 * </ul>
 * The limits are fixed: every JSON read of the library goes through this one factory.
 *
 * <p>Thread-safe: the factory is immutable once built and shared.
 */
public final class Json {

    /** Maximum nesting depth of a document read: {@value}. */
    public static final int MAX_NESTING_DEPTH = 256;
    /** Maximum length of one string value read, in characters: {@value} (2 Mi). */
    public static final int MAX_STRING_LENGTH = 2 * 1024 * 1024;
    /** Maximum length of one number read, in characters: {@value}. */
    public static final int MAX_NUMBER_LENGTH = 1000;
    /** Maximum length of one property name read, in characters: {@value}. */
    public static final int MAX_NAME_LENGTH = 50_000;
    /** Maximum length of one document read, in bytes: {@value} (4 MiB). */
    public static final long MAX_DOCUMENT_LENGTH = 4L * 1024 * 1024;
    /**
     * Maximum number of tokens of one document read: {@value}. A token is a scalar value, a property name, or
     * the start or end of an object or array.
     */
    public static final long MAX_TOKEN_COUNT = 250_000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                    .maxTokenCount(MAX_TOKEN_COUNT)
                    .build())
            .streamWriteConstraints(StreamWriteConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .build())
            // Parsers and generators never close the caller's streams: whoever opened a stream closes it.
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            // A character outside the BMP (an emoji in a prompt) goes out as its four UTF-8 bytes, as a
            // character writer would give it, not as a 12-byte surrogate-pair escape.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private Json() {
    }

    /**
     * Reads a value from JSON text.
     *
     * @param json the text: one JSON value
     * @param codec the codec
     * @param <T> the type
     * @return the value, or {@code null} for the JSON {@code null}
     * @throws IllegalArgumentException if the text is not one well-formed JSON value, or is of a JSON type
     *         the codec does not read (for a model: not an object)
     */
    public static <T> T parse(String json, JsonCodec<T> codec) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("Expected a JSON value, found empty input");
            }
            T value = codec.read(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("Trailing content after the JSON value at "
                        + parser.currentLocation().offsetDescription());
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a value as compact JSON text.
     *
     * @param codec the codec
     * @param value the value, not {@code null}
     * @param <T> the type
     * @return the JSON text
     */
    public static <T> String toJson(JsonCodec<T> codec, T value) {
        Objects.requireNonNull(value, "value");
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            codec.write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail; a codec bug would
        }
        return out.toString();
    }

    /**
     * Writes a value as compact UTF-8 JSON: the bytes the client sends for it as a JSON request body (it
     * writes every JSON body through this method). For example {@code Json.toBytes(AgentConfig.codec(), config)}
     * to keep a configuration in a file; {@link #parse} reads it back.
     *
     * @param codec the codec, e.g. a model's {@code codec()}
     * @param value the value, not {@code null}
     * @param <T> the type
     * @return the JSON bytes
     * @throws UncheckedIOException if the codec cannot write the value (e.g. a {@link JsonValue} nested deeper than
     *         {@value Json#MAX_NESTING_DEPTH} levels)
     */
    public static <T> byte[] toBytes(JsonCodec<T> codec, T value) {
        Objects.requireNonNull(value, "value");
        // Grows in blocks and copies once at the end (a ByteArrayOutputStream would copy at every doubling); its
        // first block is the thread's recycled one, as jackson-databind's writeValueAsBytes does it.
        BufferRecycler recycler = FACTORY._getBufferRecycler();
        try {
            ByteArrayBuilder out = new ByteArrayBuilder(recycler);
            try (JsonGenerator generator = FACTORY.createGenerator(out)) {
                codec.write(generator, value);
            }
            return out.getClearAndRelease();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // memory does not fail; a codec bug or a too-deep value would
        } finally {
            recycler.releaseToPool();
        }
    }

    /**
     * Converts a value to a {@link JsonValue} tree.
     *
     * @param codec the codec
     * @param value the value, not {@code null}
     * @param <T> the type
     * @return the JSON value
     */
    public static <T> JsonValue toJsonValue(JsonCodec<T> codec, T value) {
        return JsonValue.parse(toJson(codec, value));
    }

    /**
     * Reads a value from a {@link JsonValue} tree.
     *
     * @param codec the codec
     * @param json the JSON value
     * @param <T> the type
     * @return the value, or {@code null} for the JSON {@code null}
     * @throws ValueMismatchException if the JSON is of a type the codec does not read
     */
    public static <T> T fromJsonValue(JsonCodec<T> codec, JsonValue json) throws ValueMismatchException {
        try (JsonParser parser = json.traverse()) {
            parser.nextToken();
            return codec.read(parser);
        } catch (ValueMismatchException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a tree is well-formed: reading it fails only in a codec
        }
    }

    /**
     * Returns the shared, configured factory.
     *
     * @return the factory
     */
    public static JsonFactory factory() {
        return FACTORY;
    }
}
