package io.github.convai4j.json;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.base.ParserMinimalBase;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * A {@link com.fasterxml.jackson.core.JsonParser} that walks a {@link JsonValue} tree: how a union's buffered
 * JSON is read as its variant without writing it out as text and parsing it again (which made decoding a
 * large agent several times slower than parsing it once). Its tokens are those that parsing
 * {@link JsonValue#toJson()} would give, numbers included: a {@link BigDecimal} without a fraction part
 * reads as an integer, as its plain text would. {@link JsonValue#read} called on it returns the subtree under
 * the parser without copying it.
 *
 * <p>Not thread-safe, like every parser.
 */
final class JsonValueParser extends ParserMinimalBase {

    private static final long MIN_INT = Integer.MIN_VALUE;
    private static final long MAX_INT = Integer.MAX_VALUE;

    /** An object or array being walked; also the parsing context Jackson's API exposes. */
    private static final class Frame extends JsonStreamContext {
        final Frame parent;
        final JsonValue container;
        final Iterator<Map.Entry<String, JsonValue>> properties;
        final Iterator<JsonValue> elements;
        String name;

        Frame(Frame parent, JsonValue container) {
            super(container.isObject() ? TYPE_OBJECT : TYPE_ARRAY, -1);
            this.parent = parent;
            this.container = container;
            this.properties = container.isObject() ? container.asObject().entrySet().iterator() : null;
            this.elements = container.isArray() ? container.asArray().iterator() : null;
            this._nestingDepth = parent == null ? 1 : parent._nestingDepth + 1;
        }

        /** Moves to the next property or element. */
        void advance() {
            _index++;
        }

        @Override
        public JsonStreamContext getParent() {
            return parent;
        }

        @Override
        public String getCurrentName() {
            return name;
        }
    }

    /** The context outside the root value. */
    private static final class Root extends JsonStreamContext {
        Root() {
            super(TYPE_ROOT, -1);
        }

        @Override
        public JsonStreamContext getParent() {
            return null;
        }

        @Override
        public String getCurrentName() {
            return null;
        }
    }

    private final JsonValue root;
    private final Root rootContext = new Root();
    private boolean started;
    private boolean closed;
    private Frame frame;
    /** The value of the current token: a scalar, or the container of a START token. */
    private JsonValue current;
    /** After a FIELD_NAME, the property's value, which the next token starts. */
    private JsonValue pending;

    JsonValueParser(JsonValue root) {
        super(0);
        this.root = root;
    }

    @Override
    public JsonToken nextToken() {
        if (closed) {
            return _currToken = null;
        }
        if (pending != null) {
            JsonValue value = pending;
            pending = null;
            return _currToken = start(value);
        }
        if (frame == null) {
            if (started) {
                current = null;
                return _currToken = null;
            }
            started = true;
            return _currToken = start(root);
        }
        if (frame.properties != null) {
            if (frame.properties.hasNext()) {
                Map.Entry<String, JsonValue> property = frame.properties.next();
                frame.name = property.getKey();
                frame.advance();
                pending = property.getValue();
                current = null;
                return _currToken = JsonToken.FIELD_NAME;
            }
            return _currToken = end(JsonToken.END_OBJECT);
        }
        if (frame.elements.hasNext()) {
            frame.advance();
            return _currToken = start(frame.elements.next());
        }
        return _currToken = end(JsonToken.END_ARRAY);
    }

    private JsonToken start(JsonValue value) {
        current = value;
        if (value.type() == JsonValue.Type.OBJECT) {
            frame = new Frame(frame, value);
            return JsonToken.START_OBJECT;
        } else if (value.type() == JsonValue.Type.ARRAY) {
            frame = new Frame(frame, value);
            return JsonToken.START_ARRAY;
        } else if (value.type() == JsonValue.Type.STRING) {
            return JsonToken.VALUE_STRING;
        } else if (value.type() == JsonValue.Type.NUMBER) {
            return isInteger(value.asNumber()) ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_NUMBER_FLOAT;
        } else if (value.type() == JsonValue.Type.BOOLEAN) {
            return value.asBoolean() ? JsonToken.VALUE_TRUE : JsonToken.VALUE_FALSE;
        } else {
            return JsonToken.VALUE_NULL;
        }
    }

    private JsonToken end(JsonToken token) {
        current = frame.container;
        frame = frame.parent;
        return token;
    }

    @Override
    public ParserMinimalBase skipChildren() {
        if (_currToken == JsonToken.START_OBJECT) {
            _currToken = end(JsonToken.END_OBJECT);
        } else if (_currToken == JsonToken.START_ARRAY) {
            _currToken = end(JsonToken.END_ARRAY);
        }
        return this;
    }

    /**
     * Returns the value that starts at the current token (advancing first if there is none yet) and moves to
     * its last token, as {@link JsonValue#read} does, without copying it.
     */
    JsonValue readValue() throws IOException {
        if (_currToken == null && nextToken() == null) {
            throw new JsonParseException(this, "Expected a JSON value, found end of input");
        }
        if (_currToken == JsonToken.FIELD_NAME || _currToken == JsonToken.END_OBJECT
                || _currToken == JsonToken.END_ARRAY) {
            throw new JsonParseException(this, "Expected a JSON value, found " + _currToken);
        }
        JsonValue value = current;
        skipChildren();
        return value;
    }

    /**
     * An integer is what plain text writes without a fraction part: what reading that text would give. A
     * decimal too large to write in plain notation is written with an exponent, and reads back as a fraction
     * (which also keeps {@code 1e1000000} from being turned into a {@link BigInteger} of a million digits).
     */
    private static boolean isInteger(Number n) {
        return !(n instanceof BigDecimal) || ((BigDecimal) n).scale() <= 0 && JsonValue.isPlain((BigDecimal) n);
    }

    private Number number() throws JsonParseException {
        if (_currToken != JsonToken.VALUE_NUMBER_INT && _currToken != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new JsonParseException(this, "Current token (" + _currToken + ") is not numeric");
        }
        Number n = current.asNumber();
        if (_currToken == JsonToken.VALUE_NUMBER_INT && n instanceof BigDecimal) {
            BigInteger exact = ((BigDecimal) n).toBigIntegerExact();
            return exact.bitLength() < 64 ? (Number) exact.longValue() : exact;
        }
        return n;
    }

    @Override
    public Number getNumberValue() throws IOException {
        return number();
    }

    @Override
    public NumberType getNumberType() throws IOException {
        Number n = number();
        if (n instanceof Long) {
            long l = n.longValue();
            return l >= MIN_INT && l <= MAX_INT ? NumberType.INT : NumberType.LONG;
        }
        return n instanceof BigInteger ? NumberType.BIG_INTEGER : NumberType.DOUBLE;
    }

    @Override
    public int getIntValue() throws IOException {
        Number n = number();
        long l = n.longValue();
        if (!(n instanceof Long) || l < MIN_INT || l > MAX_INT) {
            if (n instanceof BigDecimal) {
                return n.intValue();
            }
            reportOverflowInt();
        }
        return (int) l;
    }

    @Override
    public long getLongValue() throws IOException {
        Number n = number();
        if (n instanceof BigInteger) {
            reportOverflowLong();
        }
        return n.longValue();
    }

    @Override
    public BigInteger getBigIntegerValue() throws IOException {
        Number n = number();
        if (n instanceof BigInteger) {
            return (BigInteger) n;
        }
        return n instanceof BigDecimal ? ((BigDecimal) n).toBigInteger() : BigInteger.valueOf(n.longValue());
    }

    @Override
    public float getFloatValue() throws IOException {
        return number().floatValue();
    }

    @Override
    public double getDoubleValue() throws IOException {
        return number().doubleValue();
    }

    @Override
    public BigDecimal getDecimalValue() throws IOException {
        Number n = number();
        if (n instanceof BigDecimal) {
            return (BigDecimal) n;
        }
        return n instanceof BigInteger ? new BigDecimal((BigInteger) n) : BigDecimal.valueOf(n.longValue());
    }

    @Override
    public String getText() {
        if (_currToken == null) {
            return null;
        }
        switch (_currToken.id()) { // ids, not the enum: no synthetic switch-map class
            case JsonTokenId.ID_FIELD_NAME:
                return frame.name;
            case JsonTokenId.ID_STRING:
                return current.asString();
            case JsonTokenId.ID_NUMBER_INT:
            case JsonTokenId.ID_NUMBER_FLOAT: {
                Number n = current.asNumber();
                return n instanceof BigDecimal ? JsonValue.decimalText((BigDecimal) n) : n.toString();
            }
            default:
                return _currToken.asString();
        }
    }

    @Override
    public char[] getTextCharacters() {
        String text = getText();
        return text == null ? null : text.toCharArray();
    }

    @Override
    public int getTextLength() {
        String text = getText();
        return text == null ? 0 : text.length();
    }

    @Override
    public int getTextOffset() {
        return 0;
    }

    @Override
    public boolean hasTextCharacters() {
        return false;
    }

    @Override
    public String getCurrentName() {
        if (_currToken == JsonToken.START_OBJECT || _currToken == JsonToken.START_ARRAY) {
            Frame outer = frame.parent;
            return outer == null ? null : outer.name;
        }
        return frame == null ? null : frame.name;
    }

    @Override
    public void overrideCurrentName(String name) {
        if (frame != null) {
            frame.name = name;
        }
    }

    @Override
    public JsonStreamContext getParsingContext() {
        return frame != null ? frame : rootContext;
    }

    @Override
    public Object getEmbeddedObject() {
        return null;
    }

    @Override
    public byte[] getBinaryValue(Base64Variant variant) throws IOException {
        if (_currToken != JsonToken.VALUE_STRING) {
            throw new JsonParseException(this, "Current token (" + _currToken + ") is not a string");
        }
        return variant.decode(current.asString());
    }

    @Override
    public JsonLocation getCurrentLocation() {
        return JsonLocation.NA;
    }

    @Override
    public JsonLocation getTokenLocation() {
        return JsonLocation.NA;
    }

    @Override
    public ObjectCodec getCodec() {
        return null;
    }

    @Override
    public void setCodec(ObjectCodec codec) {
        throw new UnsupportedOperationException("A JsonValue parser has no ObjectCodec");
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void close() {
        closed = true;
        _currToken = null;
        frame = null;
        pending = null;
        current = null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    protected void _handleEOF() throws JsonParseException {
        if (frame != null) {
            throw new JsonParseException(this, "Unexpected end of a JsonValue tree");
        }
    }
}
