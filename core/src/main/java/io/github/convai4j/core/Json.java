package io.github.convai4j.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

/**
 * The one configured Jackson {@link JsonFactory} that every JSON read and write in convai4j goes through.
 *
 * <p>Reading is bounded so that a hostile or broken response fails with a
 * {@link com.fasterxml.jackson.core.exc.StreamConstraintsException} (which the client reports as a
 * {@link io.github.convai4j.errors.DecodingException}) at bounded memory instead of exhausting the heap.
 * The limits, and why:
 * <ul>
 *   <li>nesting depth: {@value #MAX_NESTING_DEPTH} (the deepest agent configuration is about 15 levels);</li>
 *   <li>one string value: {@value #MAX_STRING_LENGTH} characters (32 Mi). The largest strings the API
 *       returns in JSON are the {@code extracted_inner_html} of knowledge-base documents, and a file
 *       document may be uploaded with up to 21 MB, so its extracted text can come close to 21 million
 *       characters; this leaves half as much again for markup. (Binary content, such as conversation
 *       audio, is never sent inside JSON: it is a download of its own.) The memory a string may take
 *       while it is read is bounded by this: twice as many bytes;</li>
 *   <li>one number: {@value #MAX_NUMBER_LENGTH} characters (Jackson's default; no API number comes
 *       near);</li>
 *   <li>one property name: {@value #MAX_NAME_LENGTH} characters (Jackson's default; names are short,
 *       but some objects are maps keyed by names the user chose);</li>
 *   <li>a whole document: {@value #MAX_DOCUMENT_LENGTH} bytes (64 MiB): at least twice the largest
 *       legitimate response, a knowledge-base document of the size above, escaping included. This is
 *       what bounds the memory of a document read into a tree of many small values.</li>
 * </ul>
 * The limits are fixed: every JSON read of the library goes through this one factory.
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
    /** Maximum length of one document read, in bytes: {@value} (64 MiB). */
    public static final long MAX_DOCUMENT_LENGTH = 64L * 1024 * 1024;

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
            // A character outside the BMP (an emoji in a prompt) goes out as its four UTF-8 bytes, as a
            // character writer would give it, not as a 12-byte surrogate-pair escape.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
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
