package io.github.convai4j.models;

import io.github.convai4j.internal.GeneratedModel;
import io.github.convai4j.internal.GeneratedUnion;
import io.github.convai4j.json.Field;
import io.github.convai4j.json.OpenEnum;
import io.github.convai4j.json.UnknownVariant;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what a decoded model graph did not type: a model's {@code additionalProperties()}, a union holding an
 * {@link UnknownVariant} or raw JSON (its variant index -1), an enum value the spec does not list. Lenient
 * reading keeps all of these and writes them back, so a decode → encode round trip alone cannot tell a typed
 * example from an untyped one; this walk can.
 *
 * <p>Test code, so it reads the generated classes by reflection (their accessors, and the unions' package-private
 * {@code variant}), which core's main code never does.
 */
final class UntypedParts {

    private static final String MODELS = "io.github.convai4j.models.";
    /** A model's public no-argument methods that are not property accessors. */
    private static final Set<String> NOT_PROPERTIES = Set.of("toBuilder", "toRequestModel", "additionalProperties",
            "validate", "hashCode", "toString");

    private UntypedParts() {
    }

    /**
     * Walks a decoded value.
     *
     * @param value a model, union, enum, list, map or primitive
     * @return one line per untyped part, with its path from the root ({@code $.nodes.start.type}); empty if none
     */
    static List<String> of(Object value) {
        List<String> out = new ArrayList<>();
        walk(value, "$", out);
        return out;
    }

    private static void walk(Object value, String path, List<String> out) {
        if (value == null) {
            return;
        }
        if (value instanceof Field<?> field) {
            if (field.hasValue()) {
                walk(field.get(), path, out);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", out);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getValue(), path + "." + e.getKey(), out);
            }
        } else if (value instanceof OpenEnum<?> e) {
            if (!e.isKnown()) {
                out.add(path + ": enum value '" + e.value() + "' that " + value.getClass().getSimpleName()
                        + " does not list");
            }
        } else if (value instanceof UnknownVariant u) {
            out.add(path + ": unknown union variant (discriminator " + u.discriminator() + ") " + u.raw());
        } else if (value.getClass().getName().startsWith(MODELS)) {
            generated(value, path, out);
        }
    }

    private static void generated(Object value, String path, List<String> out) {
        Class<?> type = value.getClass();
        try {
            if (value instanceof GeneratedUnion<?> union) {
                java.lang.reflect.Field variant = GeneratedUnion.class.getDeclaredField("variant");
                variant.setAccessible(true);
                Object held = union.value();
                if (variant.getInt(value) == -1 && !(held instanceof UnknownVariant)) {
                    out.add(path + ": " + type.getSimpleName() + " holds raw JSON no variant fits: " + held);
                } else {
                    walk(held, path, out);
                }
                return;
            }
            Map<?, ?> unknown = ((GeneratedModel<?>) value).additionalProperties();
            if (!unknown.isEmpty()) {
                out.add(path + ": " + type.getSimpleName() + ".additionalProperties() " + unknown.keySet());
            }
            // every property through its accessor: enums are held as their wire values until read
            for (Method accessor : type.getDeclaredMethods()) {
                if (Modifier.isStatic(accessor.getModifiers()) || !Modifier.isPublic(accessor.getModifiers())
                        || accessor.getParameterCount() != 0 || NOT_PROPERTIES.contains(accessor.getName())) {
                    continue;
                }
                Object property;
                try {
                    property = accessor.invoke(value);
                } catch (InvocationTargetException e) {
                    continue; // a required property that is missing: nothing to walk
                }
                walk(property, path + "." + accessor.getName(), out);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot walk " + type.getName() + " at " + path, e);
        }
    }
}
