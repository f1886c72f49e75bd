package io.github.convai4j.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.convai4j.core.JsonCodec;

import java.io.IOException;
import java.util.Objects;

/**
 * The codec of a generated model (a JSON object). Besides reading an object from its {@code START_OBJECT}, it
 * reads one that a union has read up to its discriminator ({@link Unions#lookahead}): the union then reads
 * the variant on from there, as the JSON streams, instead of buffering the object to find the discriminator.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the model
 */
public final class ModelCodec<T> implements JsonCodec<T> {

    /**
     * Reads a model's properties from an {@link ObjectReader}.
     *
     * @param <T> the model
     */
    @FunctionalInterface
    public interface PropertiesReader<T> {
        /**
         * Reads the object's properties to its end.
         *
         * @param reader the object's reader
         * @return the model
         * @throws IOException if the JSON is not well-formed
         */
        T read(ObjectReader reader) throws IOException;
    }

    private final String model;
    private final PropertiesReader<T> reader;
    private final Codecs.Writer<T> writer;

    private ModelCodec(String model, PropertiesReader<T> reader, Codecs.Writer<T> writer) {
        this.model = Objects.requireNonNull(model, "model");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /**
     * Makes a model's codec (generated code passes method references).
     *
     * @param model the model's name, for the error when the JSON is not an object
     * @param reader reads the properties
     * @param writer writes the model
     * @param <T> the model
     * @return the codec
     */
    public static <T> ModelCodec<T> of(String model, PropertiesReader<T> reader, Codecs.Writer<T> writer) {
        return new ModelCodec<>(model, reader, writer);
    }

    /**
     * Reads the model from the object under the parser.
     *
     * @param parser on the value's first token; left on its last
     * @return the model, or {@code null} for JSON {@code null}
     * @throws ValueMismatchException if the value is not an object (it is consumed)
     * @throws IOException if the JSON is not well-formed
     */
    @Override
    public T read(JsonParser parser) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_NULL ? null : reader.read(ObjectReader.start(parser, model));
    }

    /**
     * Reads the model from an object that a union has read up to its discriminator: the properties before
     * it first, then the discriminator, then the rest from the stream.
     *
     * @param lookahead what the union read; its parser is on the discriminator's value, and is left on the
     *        object's {@code END_OBJECT}
     * @return the model
     * @throws IOException if the JSON is not well-formed
     */
    public T read(Unions.Lookahead lookahead) throws IOException {
        return reader.read(ObjectReader.resume(lookahead));
    }

    @Override
    public void write(JsonGenerator generator, T value) throws IOException {
        writer.write(generator, value);
    }
}
