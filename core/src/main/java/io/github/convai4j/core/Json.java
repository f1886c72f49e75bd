package io.github.convai4j.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;

/**
 * The one configured Jackson {@link JsonFactory} that every JSON read and write in convai4j goes through.
 *
 * <p>Reading is bounded so that a hostile or broken response fails with a
 * {@link com.fasterxml.jackson.core.exc.StreamConstraintsException} at bounded memory instead of
 * exhausting the heap. The limits, chosen well above anything the API returns:
 * <ul>
 *   <li>nesting depth: {@value #MAX_NESTING_DEPTH} (the deepest agent configuration is about 15 levels);</li>
 *   <li>one string value: {@value #MAX_STRING_LENGTH} characters (knowledge-base documents and transcripts
 *       are the largest strings, far below this);</li>
 *   <li>one number: {@value #MAX_NUMBER_LENGTH} characters;</li>
 *   <li>one property name: {@value #MAX_NAME_LENGTH} characters;</li>
 *   <li>a whole document: {@value #MAX_DOCUMENT_LENGTH} bytes.</li>
 * </ul>
 *
 * <p>Thread-safe: the factory is immutable once built and shared.
 */
public final class Json {

    /** Maximum nesting depth of a document read: {@value}. */
    public static final int MAX_NESTING_DEPTH = 256;
    /** Maximum length of one string value read, in characters: {@value} (32 Mi). */
    public static final int MAX_STRING_LENGTH = 32 * 1024 * 1024;
    /** Maximum length of one number read, in characters: {@value}. */
    public static final int MAX_NUMBER_LENGTH = 1000;
    /** Maximum length of one property name read, in characters: {@value}. */
    public static final int MAX_NAME_LENGTH = 50_000;
    /** Maximum length of one document read, in bytes: {@value} (256 MiB). */
    public static final long MAX_DOCUMENT_LENGTH = 256L * 1024 * 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                    .build())
            .streamWriteConstraints(StreamWriteConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .build())
            // Parsers and generators never close the caller's streams: whoever opened a stream closes it.
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private Json() {
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
