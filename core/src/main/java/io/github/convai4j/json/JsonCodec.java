package io.github.convai4j.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;

/**
 * Reads and writes one type as JSON on Jackson's streaming API. Generated models each have one; the
 * runtime uses them to write request bodies and read responses. No reflection is involved.
 *
 * <p>Implementations are stateless and thread-safe.
 *
 * @param <T> the type read and written
 */
public interface JsonCodec<T> {

    /**
     * Reads one value. The parser is positioned on the value's first token ({@code currentToken()} is not
     * {@code null}); on return it is positioned on the value's last token (for an object, its
     * {@code END_OBJECT}).
     *
     * <p>Reading is lenient: unknown properties are kept, and a value of an unexpected JSON type is kept
     * raw rather than thrown. A JSON {@code null} where a value is expected yields {@code null}.
     *
     * @param parser the parser
     * @return the value, or {@code null} for a JSON {@code null}
     * @throws IOException if the input is not well-formed JSON or breaks a read constraint
     */
    T read(JsonParser parser) throws IOException;

    /**
     * Writes one value.
     *
     * @param generator the generator
     * @param value the value, not {@code null}
     * @throws IOException if writing fails
     */
    void write(JsonGenerator generator, T value) throws IOException;
}
