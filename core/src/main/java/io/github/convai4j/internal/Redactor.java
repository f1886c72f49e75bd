package io.github.convai4j.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import io.github.convai4j.json.Json;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text before it reaches a log or an exception message:
 * <ul>
 *   <li>the client's API key, wherever it appears;</li>
 *   <li>in JSON, the string values of properties whose name looks like a credential ({@code api_key},
 *       {@code secret}, {@code token}, {@code password}, {@code authorization}, {@code signature}, ...), and
 *       everything inside such a property;</li>
 *   <li>in URLs inside any text or JSON string, the values of credential query parameters ({@code token},
 *       {@code conversation_signature}, ...), as in the signed URLs of the conversation API.</li>
 * </ul>
 * JSON cut short (a body logged up to a bound) is masked up to where it was cut.
 */
final class Redactor {

    static final String MASK = "<redacted>";

    private static final String[] SENSITIVE_NAME_PARTS = {
        "api_key", "apikey", "secret", "token", "password", "passwd", "authorization", "signature",
        "credential", "private_key", "cookie"
    };
    /** {@code name=value} where the name looks like a credential: query parameters, form fields. */
    private static final Pattern SENSITIVE_PARAMETER = Pattern.compile(
            "(?i)([\\w.\\-]*(?:token|signature|secret|password|api[_-]?key|sig|auth|credential)[\\w.\\-]*=)[^&\\s\"'<>]+");

    private final String apiKey;

    Redactor(String apiKey) {
        this.apiKey = apiKey;
    }

    /** Replaces every occurrence of the API key. */
    String scrub(String text) {
        if (text == null || apiKey == null || apiKey.isEmpty()) {
            return text;
        }
        return text.replace(apiKey, MASK);
    }

    /** Masks the API key and credential parameters in free text (a URL, an HTML page, a message). */
    String text(String text) {
        if (text == null) {
            return null;
        }
        return credentialParameters(scrub(text));
    }

    /** Masks the values of credential parameters ({@code token=...}, {@code signature=...}) in a URL or text. */
    static String credentialParameters(String text) {
        Matcher m = SENSITIVE_PARAMETER.matcher(text);
        return m.replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }

    /**
     * Masks a JSON body for logging.
     *
     * @param bytes the body, possibly cut short
     * @param length how many bytes of {@code bytes} to read
     * @param maskInput also mask {@code input} properties (the value echo of a 422)
     * @return the masked JSON, ending where the input ended or became unreadable
     */
    String json(byte[] bytes, int length, boolean maskInput) {
        StringWriter out = new StringWriter();
        boolean complete = false;
        try (JsonParser parser = Json.factory().createParser(bytes, 0, length);
                JsonGenerator generator = Json.factory().createGenerator(out)) {
            // A cut body must not look complete: leave open objects open.
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
            try {
                copyMasked(parser, generator, maskInput);
                complete = true;
            } catch (IOException cutOrBroken) {
                // Log what could be read; the caller marks the body as cut.
            }
            generator.flush();
        } catch (IOException e) {
            // A StringWriter does not fail; the parser's own failure was handled above.
        }
        String masked = out.toString();
        if (masked.isEmpty() && length > 0) {
            return text(new String(bytes, 0, length, StandardCharsets.UTF_8)); // not JSON after all
        }
        return complete ? masked : masked + " ...";
    }

    private void copyMasked(JsonParser parser, JsonGenerator generator, boolean maskInput) throws IOException {
        Deque<Boolean> sensitiveContainers = new ArrayDeque<>();
        boolean nameSensitive = false;
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            boolean inSensitive = !sensitiveContainers.isEmpty() && sensitiveContainers.peek();
            switch (token.id()) { // ids, not the enum: no synthetic switch-map class
                case JsonTokenId.ID_FIELD_NAME:
                    String name = parser.currentName();
                    generator.writeFieldName(name);
                    nameSensitive = isSensitiveName(name) || maskInput && name.equals("input");
                    continue;
                case JsonTokenId.ID_START_OBJECT:
                    generator.writeStartObject();
                    sensitiveContainers.push(inSensitive || nameSensitive);
                    break;
                case JsonTokenId.ID_START_ARRAY:
                    generator.writeStartArray();
                    sensitiveContainers.push(inSensitive || nameSensitive);
                    break;
                case JsonTokenId.ID_END_OBJECT:
                    generator.writeEndObject();
                    sensitiveContainers.pop();
                    break;
                case JsonTokenId.ID_END_ARRAY:
                    generator.writeEndArray();
                    sensitiveContainers.pop();
                    break;
                case JsonTokenId.ID_STRING:
                    generator.writeString(inSensitive || nameSensitive ? MASK : text(parser.getText()));
                    break;
                default:
                    generator.copyCurrentEvent(parser); // numbers, booleans, null: no secrets
            }
            nameSensitive = false;
        }
    }

    static boolean isSensitiveName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('-', '_');
        for (String part : SENSITIVE_NAME_PARTS) {
            if (n.contains(part)) {
                return true;
            }
        }
        return n.equals("key") || n.endsWith("_key");
    }
}
