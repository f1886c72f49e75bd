package io.github.convai4j.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.convai4j.core.JsonCodec;

import java.io.IOException;
import java.util.Objects;

/**
 * The codec of a generated model (a JSON object). Besides reading an object from its {@code START_OBJECT}, it
 * reads one whose first property's name has already been read: a union that found its discriminator as the
 * object's first property reads the variant on from there, as the JSON streams, instead of buffering the
 * object to look for the discriminator.
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
     * Reads the model from an object whose first property's name has been read: the parser is on that
     * property's value (for a union, its discriminator's).
     *
     * @param parser on the first property's value; left on the object's {@code END_OBJECT}
     * @return the model
     * @throws IOException if the JSON is not well-formed
     */
    public T readFromFirstValue(JsonParser parser) throws IOException {
        return reader.read(ObjectReader.resume(parser));
    }

    @Override
    public void write(JsonGenerator generator, T value) throws IOException {
        writer.write(generator, value);
    }
}
