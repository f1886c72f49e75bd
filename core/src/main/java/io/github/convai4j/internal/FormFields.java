package io.github.convai4j.internal;

import io.github.convai4j.http.MultipartBody;
import io.github.convai4j.json.Json;
import io.github.convai4j.json.JsonCodec;
import io.github.convai4j.json.JsonValue;

import java.util.Map;

/**
 * Writes a model's properties as the text fields of a multipart form, as the API's form endpoints read them:
 * a string as itself, a number or boolean as its JSON text, an array as one field per element, an object as
 * its JSON text; {@code null} properties are left out. For generated services.
 */
public final class FormFields {

    private FormFields() {
    }

    /**
     * Adds the model's properties to a multipart body.
     *
     * @param body the body being built
     * @param codec the model's codec
     * @param model the model, or {@code null} for no fields
     * @param <T> the model type
     * @return {@code body}
     */
    public static <T> MultipartBody.Builder add(MultipartBody.Builder body, JsonCodec<T> codec, T model) {
        if (model == null) {
            return body;
        }
        for (Map.Entry<String, JsonValue> e : Json.toJsonValue(codec, model).asObject().entrySet()) {
            JsonValue v = e.getValue();
            if (v.isArray()) {
                for (JsonValue element : v.asArray()) {
                    body.addField(e.getKey(), text(element));
                }
            } else if (!v.isNull()) {
                body.addField(e.getKey(), text(v));
            }
        }
        return body;
    }

    private static String text(JsonValue v) {
        return v.isString() ? v.asString() : v.toJson();
    }
}
