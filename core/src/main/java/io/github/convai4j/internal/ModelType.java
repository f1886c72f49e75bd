package io.github.convai4j.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.github.convai4j.json.JsonCodec;
import io.github.convai4j.json.JsonValue;
import io.github.convai4j.json.ValueMismatchException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The descriptor of a generated model and its JSON codec: one shared reader and writer, driven by the
 * model's wire names and property kinds, read and write every model. A model's class holds one of these and a
 * prototype instance; it creates its instances ({@link GeneratedModel#newInstance}), everything else is here.
 *
 * <p><b>Reading</b> is lenient, as for every generated type: an unknown property is kept (in document order)
 * as an additional property; a property whose JSON type is not the declared one is kept the same way, raw,
 * under its wire name; a missing property is absent. Strings, numbers, booleans and enums are read inline;
 * models, unions, lists and maps through the codecs the model's {@code codec()} resolves on first use
 * ({@link #resolving()}, {@link #resolve}), so that only reading a model reaches the types it holds.
 *
 * <p><b>Writing</b> writes present properties in declaration order ({@code null} as JSON {@code null}), then the
 * additional properties. It needs no other type's codec.
 *
 * <p>Immutable once resolved, and thread-safe. For generated code.
 *
 * @param <M> the model
 */
public final class ModelType<M extends GeneratedModel<M>> implements JsonCodec<M> {

    /** Guards the resolution of nested codecs: once per type, nested {@code codec()} calls re-enter it. */
    public static final Object RESOLUTION_LOCK = new Object();

    static final char STRING = 's';
    static final char INTEGER = 'i';
    static final char NUMBER = 'n';
    static final char BOOLEAN = 'b';
    static final char JSON = 'j';
    static final char ENUM = 'e';
    static final char INTEGER_ENUM = 'f';
    static final char CODEC = 'c';

    static final int NULLABLE = 1;
    static final int SECRET = 2;
    static final int CREDENTIAL_URL = 4;

    final M prototype;
    final String name;
    final String[] names;
    /** Per property: its kind, lower case. */
    final char[] kinds;
    final boolean[] required;
    /** Per property: {@link #NULLABLE} and {@link #SECRET} bits. */
    final int[] flags;
    /** Per property: the constant a new builder presets, or {@code null}. */
    final String[] constants;
    private final NameIndex index;
    /** Per property: the codec of a {@link #CODEC} property; set by {@link #resolve}. */
    private volatile JsonCodec<?>[] codecs;
    private boolean resolving;
    private volatile SerializedString[] wireNames;
    private volatile M absent;
    private volatile M nullValue;
    /** The property arrays of the stand-ins {@link #absent()} and {@link #nullValue()}: known by identity. */
    final Object[] absentValues;
    final Object[] nullValues;

    /**
     * Describes a model.
     *
     * @param prototype an instance made only to create the others ({@link GeneratedModel#newInstance})
     * @param name the model's simple name, for messages
     * @param names the wire names, separated by commas
     * @param kinds two characters per property: its kind ({@code s} string, {@code i} integer, {@code n} number,
     *        {@code b} boolean, {@code j} any JSON, {@code e} enum, {@code f} integer enum, {@code c} read through
     *        a nested codec), upper case if required; then {@code '0'} plus 1 if nullable, plus 2 if secret
     *        (a map: its values are secret), plus 4 if a URL whose credential query parameters are masked
     * @param constants per property, separated by commas: the constant a new builder presets, or nothing;
     *        {@code null} if the model has none
     */
    public ModelType(M prototype, String name, String names, String kinds, String constants) {
        this.prototype = prototype;
        this.name = name;
        this.names = names.isEmpty() ? new String[0] : split(names);
        int n = this.names.length;
        if (kinds.length() != 2 * n) {
            throw new IllegalArgumentException(name + ": " + n + " names but " + kinds.length() / 2 + " kinds");
        }
        this.kinds = new char[n];
        this.required = new boolean[n];
        this.flags = new int[n];
        for (int i = 0; i < n; i++) {
            char k = kinds.charAt(2 * i);
            this.kinds[i] = Character.toLowerCase(k);
            this.required[i] = Character.isUpperCase(k);
            this.flags[i] = kinds.charAt(2 * i + 1) - '0';
        }
        if (constants != null) {
            String[] split = constants.split(",", -1);
            this.constants = new String[n];
            for (int i = 0; i < n; i++) {
                this.constants[i] = split[i].isEmpty() ? null : split[i];
            }
        } else {
            this.constants = null;
        }
        this.index = new NameIndex(this.names);
        if (new String(this.kinds).indexOf(CODEC) < 0) {
            this.codecs = new JsonCodec<?>[n]; // nothing to resolve: its codec() just returns it
        }
        this.absentValues = new Object[n + 1];
        this.nullValues = new Object[n + 1];
    }

    private static String[] split(String names) {
        String[] out = names.split(",", -1);
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i].intern(); // as Jackson interns the names it reads: the lookup's identity check hits
        }
        return out;
    }

    /**
     * Returns the codec a model is written with, for a request body: its own type, which writes it without the
     * codecs of the types it holds.
     *
     * @param model the model, or {@code null}
     * @param <M> the model
     * @return its type, or {@code null} for {@code null}
     */
    public static <M extends GeneratedModel<M>> ModelType<M> typeOf(M model) {
        return model == null ? null : model.type;
    }

    /**
     * Returns the accessors of a paginated operation's page model, by wire names: read from the model's
     * properties, or from its additional properties for a name the model does not declare (an untyped list).
     *
     * @param items the wire name of the items, a list
     * @param nextCursor the wire name of the next page's cursor
     * @param hasMore the wire name of the has-more flag, or {@code null} if the page has none
     * @param <R> the page model
     * @param <T> the item type
     * @return the accessors
     */
    @SuppressWarnings("unchecked")
    public static <R, T> PageAccessors<R, T> pages(String items, String nextCursor, String hasMore) {
        return PageAccessors.of(r -> {
            Object v = ((GeneratedModel<?>) r).wireValue(items);
            return v instanceof JsonValue ? ((JsonValue) v).isArray() ? (List<T>) ((JsonValue) v).asArray() : null
                    : (List<T>) v;
        }, r -> {
            Object v = ((GeneratedModel<?>) r).wireValue(nextCursor);
            return v instanceof JsonValue ? ((JsonValue) v).isString() ? ((JsonValue) v).asString() : null : (String) v;
        }, r -> {
            Object v = hasMore == null ? null : ((GeneratedModel<?>) r).wireValue(hasMore);
            return v instanceof JsonValue ? ((JsonValue) v).isBoolean() ? ((JsonValue) v).asBoolean() : null
                    : (Boolean) v;
        });
    }

    /**
     * Starts resolving the nested codecs, for a model's {@code codec()}, which holds {@link #RESOLUTION_LOCK}
     * and then calls {@link #resolve} with its properties' codecs if this returns {@code true}.
     *
     * @return {@code true} if the codecs are to be resolved now: not yet resolved, and not being resolved
     *         further up this thread's stack (a model that contains itself)
     */
    public boolean resolving() {
        if (codecs != null || resolving) {
            return false;
        }
        resolving = true;
        return true;
    }

    /**
     * Tells whether the nested codecs are resolved: then {@code codec()} need not take the lock.
     *
     * @return {@code true} once {@link #resolve} has run
     */
    public boolean resolved() {
        return codecs != null;
    }

    /**
     * Sets the nested codecs.
     *
     * @param nested the codecs of the {@code c} properties, in property order
     */
    public void resolve(JsonCodec<?>... nested) {
        JsonCodec<?>[] all = new JsonCodec<?>[names.length];
        int k = 0;
        for (int i = 0; i < names.length; i++) {
            if (kinds[i] == CODEC) {
                all[i] = nested[k++];
            }
        }
        if (k != nested.length) {
            throw new IllegalArgumentException(name + ": " + k + " nested properties but " + nested.length + " codecs");
        }
        codecs = all;
        resolving = false;
    }

    /**
     * Returns the model's simple name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    @Override
    public M read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw Codecs.mismatch("an object (" + name + ")", parser);
        }
        Object[] v = new Object[names.length + 1];
        readProperties(parser, v, codecs());
        return create(v);
    }

    /**
     * Reads the model from an object that a union has read up to its discriminator: the properties before it
     * first (from their trees), then the discriminator, then the rest from the stream.
     *
     * @param lookahead what the union read; its parser is on the discriminator's value, and is left on the
     *        object's {@code END_OBJECT}
     * @return the model
     * @throws IOException if the JSON is not well-formed
     */
    public M read(Unions.Lookahead lookahead) throws IOException {
        JsonCodec<?>[] nested = codecs();
        Object[] v = new Object[names.length + 1];
        Map<String, JsonValue> before = lookahead.before();
        if (before != null) {
            for (Map.Entry<String, JsonValue> e : before.entrySet()) {
                try (JsonParser tree = e.getValue().traverse()) {
                    tree.nextToken();
                    readProperty(tree, v, nested, e.getKey(), index.find(e.getKey()));
                }
            }
        }
        JsonParser parser = lookahead.parser();
        String discriminator = parser.currentName();
        readProperty(parser, v, nested, discriminator, index.find(discriminator));
        readProperties(parser, v, nested);
        return create(v);
    }

    private JsonCodec<?>[] codecs() {
        JsonCodec<?>[] nested = codecs;
        if (nested == null) {
            throw new IllegalStateException(name + ": read through a codec that " + name + ".codec() did not resolve");
        }
        return nested;
    }

    /** The shared loop: every property of the object, to its {@code END_OBJECT}. */
    private void readProperties(JsonParser parser, Object[] v, JsonCodec<?>[] nested) throws IOException {
        String[] names = this.names;
        SerializableString[] wire = wireNames();
        int expected = 0;
        while (true) {
            String n;
            int i;
            // The server writes properties in the spec's order: ask the parser whether the next name is the one
            // expected, which it checks against the raw bytes, without hashing the name into its symbol table.
            if (expected < names.length && parser.nextFieldName(wire[expected])) {
                i = expected;
                n = names[i];
            } else {
                JsonToken t = expected < names.length ? parser.currentToken() : parser.nextToken();
                if (t != JsonToken.FIELD_NAME) {
                    return; // END_OBJECT
                }
                n = parser.currentName();
                i = index.find(n);
            }
            parser.nextToken();
            readProperty(parser, v, nested, n, i);
            if (i >= 0) {
                expected = i + 1;
            }
        }
    }

    private void readProperty(JsonParser p, Object[] v, JsonCodec<?>[] nested, String n, int i) throws IOException {
        if (i < 0) {
            keep(v, n, JsonValue.read(p));
            return;
        }
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            v[i] = Values.NULL;
            return;
        }
        switch (kinds[i]) {
            case STRING:
            case ENUM:
                if (t == JsonToken.VALUE_STRING) {
                    v[i] = p.getText();
                    return;
                }
                break;
            case INTEGER:
            case INTEGER_ENUM:
                if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    v[i] = p.getLongValue();
                    return;
                }
                break;
            case NUMBER:
                Double d = Codecs.asDouble(p);
                if (d != null) {
                    v[i] = d;
                    return;
                }
                break;
            case BOOLEAN:
                if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                    v[i] = t == JsonToken.VALUE_TRUE ? Boolean.TRUE : Boolean.FALSE;
                    return;
                }
                break;
            case JSON:
                v[i] = JsonValue.read(p);
                return;
            default:
                try {
                    JsonCodec<?> codec = nested[i];
                    Object value = codec instanceof ModelType ? ((ModelType<?>) codec).read(p) : codec.read(p);
                    v[i] = value == null ? Values.NULL : value;
                } catch (ValueMismatchException e) {
                    v[i] = null;
                    keep(v, n, e.raw());
                }
                return;
        }
        v[i] = null;
        keep(v, n, JsonValue.read(p));
    }

    @SuppressWarnings("unchecked")
    private void keep(Object[] v, String n, JsonValue value) {
        Map<String, JsonValue> extras = (Map<String, JsonValue>) v[names.length];
        if (extras == null) {
            extras = new LinkedHashMap<>();
            v[names.length] = extras;
        }
        extras.put(n, value);
    }

    /** Makes the model of a property array read or built here; its additional properties become unmodifiable. */
    @SuppressWarnings("unchecked")
    M create(Object[] v) {
        Map<String, JsonValue> extras = (Map<String, JsonValue>) v[names.length];
        if (extras != null) {
            v[names.length] = extras.isEmpty() ? null : Collections.unmodifiableMap(extras);
        }
        return instance(v);
    }

    @Override
    public void write(JsonGenerator generator, M value) throws IOException {
        writeValues(generator, value.values);
    }

    @SuppressWarnings("unchecked")
    void writeValues(JsonGenerator g, Object[] v) throws IOException {
        SerializableString[] wire = wireNames();
        g.writeStartObject();
        for (int i = 0; i < wire.length; i++) {
            Object x = v[i];
            if (x == null) {
                continue;
            }
            g.writeFieldName(wire[i]);
            if (x == Values.NULL) {
                g.writeNull();
                continue;
            }
            switch (kinds[i]) {
                case STRING:
                case ENUM:
                    g.writeString((String) x);
                    break;
                case INTEGER:
                case INTEGER_ENUM:
                    g.writeNumber((Long) x);
                    break;
                case NUMBER:
                    g.writeNumber((Double) x);
                    break;
                case BOOLEAN:
                    g.writeBoolean((Boolean) x);
                    break;
                default:
                    Values.write(g, x);
            }
        }
        Map<String, JsonValue> extras = (Map<String, JsonValue>) v[wire.length];
        if (extras != null) {
            Values.writeEntries(g, extras);
        }
        g.writeEndObject();
    }

    private SerializableString[] wireNames() {
        SerializedString[] wire = wireNames;
        if (wire == null) {
            wire = new SerializedString[names.length];
            for (int i = 0; i < wire.length; i++) {
                wire[i] = new SerializedString(names[i]);
            }
            wireNames = wire;
        }
        return wire;
    }

    /** A new model holding a property array; the prototype makes it. */
    @SuppressWarnings("unchecked")
    M instance(Object[] v) {
        return (M) prototype.newInstance(v);
    }

    /** The stand-in for an absent property of this type: empty, and {@link GeneratedModel#isAbsent()}. */
    M absent() {
        M m = absent;
        if (m == null) {
            absent = m = instance(absentValues);
        }
        return m;
    }

    /** The stand-in for an explicit JSON {@code null} of this type: empty, and {@link GeneratedModel#isNull()}. */
    M nullValue() {
        M m = nullValue;
        if (m == null) {
            nullValue = m = instance(nullValues);
        }
        return m;
    }

    /**
     * Checks that the required properties are present ({@code null} counts as present).
     *
     * @param v the property array
     * @param where what checks, for the message ({@code "Agent.validate()"})
     * @throws IllegalStateException naming every missing property
     */
    void requireAll(Object[] v, String where) {
        List<String> missing = null;
        for (int i = 0; i < names.length; i++) {
            if (required[i] && v[i] == null) {
                if (missing == null) {
                    missing = new ArrayList<>();
                }
                missing.add(names[i]);
            }
        }
        if (missing != null) {
            throw new IllegalStateException(where + ": missing required " + (missing.size() == 1 ? "property " : "properties ")
                    + String.join(", ", missing) + "; set " + (missing.size() == 1 ? "it" : "them") + " first");
        }
    }

    int indexOf(String wireName) {
        return index.find(wireName);
    }

    @Override
    public String toString() {
        return "ModelType[" + name + "]";
    }
}
