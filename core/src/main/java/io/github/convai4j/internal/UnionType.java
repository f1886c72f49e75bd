package io.github.convai4j.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import io.github.convai4j.json.JsonCodec;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.json.OpenEnum;
import io.github.convai4j.json.UnknownVariant;
import io.github.convai4j.json.ValueMismatchException;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The descriptor of a generated union and its JSON codec, one reader and writer for every union.
 *
 * <p>A discriminated union reads up to its discriminator as the JSON streams and reads an object variant on
 * from there ({@link ModelType#read(Unions.Lookahead)}); any other variant, and a discriminator it does not
 * know, take the whole object as a tree. An object without the discriminator is read as the one variant whose
 * properties it fits ({@link Unions#onlyFit}), or kept as an unknown variant. A union without discriminator
 * picks its variant by JSON type; between several object variants by the properties present
 * ({@link Unions#bestMatch}); otherwise an enum that knows the value first, then the first variant that reads
 * it. JSON that no variant reads is kept raw. Writing writes the variant's value, or the raw JSON.
 *
 * <p>Immutable once resolved, and thread-safe. For generated code.
 *
 * @param <U> the union
 */
public final class UnionType<U extends GeneratedUnion<U>> implements JsonCodec<U> {

    private static final int STRING = 0;
    private static final int INT = 1;
    private static final int FLOAT = 2;
    private static final int BOOL = 3;
    private static final int ARRAY = 4;
    private static final int OBJECT = 5;

    private final U prototype;
    final String name;
    private final String discriminator;
    private final SerializedString discriminatorName;
    /** Per variant: its discriminator values (a discriminated union) or its name (one without). */
    private final String[][] variants;
    /** Per variant: {@code o} an object model, {@code e} an enum, {@code x} anything else. */
    private final String kinds;
    /** A discriminator value's variant. */
    private final Map<String, Integer> tags;
    /** Per JSON token kind ({@link #STRING} ... {@link #OBJECT}): the variants that may read it, in order. */
    private final int[][] candidates;
    private volatile JsonCodec<?>[] codecs;
    private String[][] shapes;
    private boolean resolving;

    /**
     * Describes a union.
     *
     * @param prototype an instance made only to create the others ({@link GeneratedUnion#newInstance})
     * @param name the union's simple name, for messages
     * @param discriminator the discriminator's wire name, or {@code null} for a union without one
     * @param variants per variant, separated by commas: its discriminator values separated by {@code |}, or,
     *        without discriminator, its name
     * @param kinds one character per variant: {@code o} an object model, {@code e} an enum, {@code x} other
     * @param candidates without discriminator: for a JSON string, integer, fraction, boolean, array and object in
     *        turn (separated by semicolons), the indexes of the variants that may read it, in order (separated
     *        by commas); {@code null} with a discriminator
     */
    public UnionType(U prototype, String name, String discriminator, String variants, String kinds, String candidates) {
        this.prototype = prototype;
        this.name = name;
        this.discriminator = discriminator;
        this.discriminatorName = discriminator == null ? null : new SerializedString(discriminator);
        String[] split = variants.split(",", -1);
        this.variants = new String[split.length][];
        this.tags = new HashMap<>();
        for (int i = 0; i < split.length; i++) {
            this.variants[i] = split[i].split("\\|", -1);
            if (discriminator != null) {
                for (String tag : this.variants[i]) {
                    tags.put(tag, i);
                }
            }
        }
        this.kinds = kinds;
        if (candidates != null) {
            String[] byToken = candidates.split(";", -1);
            this.candidates = new int[byToken.length][];
            for (int k = 0; k < byToken.length; k++) {
                String[] indexes = byToken[k].isEmpty() ? new String[0] : byToken[k].split(",");
                this.candidates[k] = new int[indexes.length];
                for (int j = 0; j < indexes.length; j++) {
                    this.candidates[k][j] = Integer.parseInt(indexes[j]);
                }
            }
        } else {
            this.candidates = null;
        }
    }

    /**
     * Starts resolving the variants' codecs; see {@link ModelType#resolving()}.
     *
     * @return {@code true} if they are to be resolved now
     */
    public boolean resolving() {
        if (codecs != null || resolving) {
            return false;
        }
        resolving = true;
        return true;
    }

    /**
     * Tells whether the variants' codecs are resolved.
     *
     * @return {@code true} once {@link #resolve} has run
     */
    public boolean resolved() {
        return codecs != null;
    }

    /**
     * Sets the variants' codecs.
     *
     * @param variantCodecs one per variant, in order
     */
    public void resolve(JsonCodec<?>... variantCodecs) {
        if (variantCodecs.length != variants.length) {
            throw new IllegalArgumentException(name + ": " + variants.length + " variants but " + variantCodecs.length
                    + " codecs");
        }
        String[][] s = new String[variants.length][];
        for (int i = 0; i < s.length; i++) {
            s[i] = variantCodecs[i] instanceof ModelType ? shape((ModelType<?>) variantCodecs[i]) : null;
        }
        shapes = s;
        codecs = variantCodecs.clone();
        resolving = false;
    }

    /** A variant's properties as {@link Unions#bestMatch} reads them: {@code !required}, {@code =name=constant}. */
    private static String[] shape(ModelType<?> model) {
        String[] out = new String[model.names.length];
        for (int i = 0; i < out.length; i++) {
            String constant = model.constants == null ? null : model.constants[i];
            out[i] = constant != null ? "=" + model.names[i] + "=" + constant
                    : (model.required[i] ? "!" : "") + model.names[i];
        }
        return out;
    }

    /**
     * Returns the union of a variant's value; for the generated {@code ofX}.
     *
     * @param i the variant's index
     * @param value the value
     * @return the union
     * @throws NullPointerException if {@code value} is {@code null}
     */
    public U of(int i, Object value) {
        return make(i, discriminator != null ? variants[i][0] : null, Objects.requireNonNull(value, "value"));
    }

    /**
     * Returns a union holding JSON as it is: for a discriminated union a variant this version does not know, for
     * one without discriminator JSON of any variant.
     *
     * @param raw the JSON
     * @return the union
     */
    public U ofRaw(JsonValue raw) {
        Objects.requireNonNull(raw, "raw");
        if (discriminator == null) {
            return make(-1, null, raw);
        }
        String tag = Unions.discriminator(raw, discriminator);
        return make(-1, tag, new UnknownVariant(tag, raw));
    }

    /** A new union; the prototype makes it. */
    @SuppressWarnings("unchecked")
    private U make(int variant, String tag, Object value) {
        return (U) prototype.newInstance(variant, tag, value);
    }

    String firstTag(int i) {
        return variants[i][0];
    }

    String variantName(int i) {
        return variants[i][0];
    }

    JsonCodec<?> codec(int i) {
        return resolvedCodecs()[i];
    }

    private JsonCodec<?>[] resolvedCodecs() {
        JsonCodec<?>[] c = codecs;
        if (c == null) {
            throw new IllegalStateException(name + ": read through a codec that " + name + ".codec() did not resolve");
        }
        return c;
    }

    @Override
    public U read(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonCodec<?>[] c = resolvedCodecs();
        return discriminator != null ? readDiscriminated(p, c) : readByShape(p, c);
    }

    private U readDiscriminated(JsonParser p, JsonCodec<?>[] c) throws IOException {
        JsonValue raw;
        if (p.currentToken() == JsonToken.START_OBJECT) {
            // Read up to the discriminator (the server writes it first), keeping what comes before it; an object
            // variant then reads on as the JSON streams. Anything else needs the whole object as a tree.
            Unions.Lookahead ahead = Unions.lookahead(p, discriminatorName);
            String lead = ahead.discriminator();
            if (lead != null) {
                Integer i = tags.get(lead);
                if (i != null && kinds.charAt(i) == 'o') {
                    return make(i, lead, ((ModelType<?>) c[i]).read(ahead));
                }
            }
            raw = ahead.bufferObject();
        } else {
            raw = JsonValue.read(p);
        }
        String tag = Unions.discriminator(raw, discriminator);
        int variant = -1;
        if (tag != null) {
            Integer i = tags.get(tag);
            variant = i != null ? i : -1;
        } else if (raw.get(discriminator) == null) {
            // No discriminator at all: hand-written JSON (the spec's own workflow example) omits it.
            variant = Unions.onlyFit(raw, shapes);
        }
        if (variant >= 0) {
            Object value = Unions.decode(c[variant], raw);
            if (value != null) {
                return make(variant, tag != null ? tag : variants[variant][0], value);
            }
        }
        return make(-1, tag, new UnknownVariant(tag, raw));
    }

    private U readByShape(JsonParser p, JsonCodec<?>[] c) throws IOException {
        int kind = tokenKind(p.currentToken());
        int[] fit = kind < 0 ? new int[0] : candidates[kind];
        if (fit.length == 0) {
            return make(-1, null, JsonValue.read(p));
        }
        if (fit.length == 1) {
            try {
                return make(fit[0], null, c[fit[0]].read(p));
            } catch (ValueMismatchException e) {
                return make(-1, null, e.raw());
            }
        }
        JsonValue raw = JsonValue.read(p);
        if (kind == OBJECT && allObjects(fit)) {
            String[][] s = new String[fit.length][];
            for (int k = 0; k < fit.length; k++) {
                s[k] = shapes[fit[k]];
            }
            int best = fit[Unions.bestMatch(raw, s)];
            Object value = Unions.decode(c[best], raw);
            return make(value != null ? best : -1, null, value != null ? value : raw);
        }
        // an enum that knows the value first; then the first variant that reads it
        for (int i : fit) {
            if (kinds.charAt(i) == 'e') {
                Object value = Unions.decode(c[i], raw);
                if (value != null && ((OpenEnum<?>) value).isKnown()) {
                    return make(i, null, value);
                }
            }
        }
        for (int i : fit) {
            Object value = Unions.decode(c[i], raw);
            if (value != null) {
                return make(i, null, value);
            }
        }
        return make(-1, null, raw);
    }

    private boolean allObjects(int[] fit) {
        for (int i : fit) {
            if (kinds.charAt(i) != 'o') {
                return false;
            }
        }
        return true;
    }

    private static int tokenKind(JsonToken t) {
        if (t == null) {
            return -1;
        }
        switch (t) {
            case VALUE_STRING:
                return STRING;
            case VALUE_NUMBER_INT:
                return INT;
            case VALUE_NUMBER_FLOAT:
                return FLOAT;
            case VALUE_TRUE:
            case VALUE_FALSE:
                return BOOL;
            case START_ARRAY:
                return ARRAY;
            case START_OBJECT:
                return OBJECT;
            default:
                return -1;
        }
    }

    @Override
    public void write(JsonGenerator generator, U union) throws IOException {
        Object value = union.value;
        if (value instanceof UnknownVariant) {
            ((UnknownVariant) value).raw().write(generator);
        } else {
            Values.write(generator, value);
        }
    }

    @Override
    public String toString() {
        return "UnionType[" + name + "]";
    }
}
