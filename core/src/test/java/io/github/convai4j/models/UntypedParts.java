package io.github.convai4j.models;

import io.github.convai4j.core.Field;
import io.github.convai4j.core.json.OpenEnum;
import io.github.convai4j.core.json.UnknownVariant;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds what a decoded model graph did not type: a model's {@code additionalProperties()}, a union holding an
 * {@link UnknownVariant} or raw JSON (its variant index -1), an enum value the spec does not list. Lenient
 * reading keeps all of these and writes them back, so a decode → encode round trip alone cannot tell a typed
 * example from an untyped one; this walk can.
 *
 * <p>Test code, so it reads the generated classes by reflection (their package-private {@code Field}s and the
 * unions' private {@code variant}), which core's main code never does.
 */
final class UntypedParts {

    private static final String MODELS = "io.github.convai4j.models.";

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
            if (isUnion(type)) {
                java.lang.reflect.Field variant = type.getDeclaredField("variant");
                variant.setAccessible(true);
                Object held = type.getMethod("value").invoke(value);
                if (variant.getInt(value) == -1 && !(held instanceof UnknownVariant)) {
                    out.add(path + ": " + type.getSimpleName() + " holds raw JSON no variant fits: " + held);
                } else {
                    walk(held, path, out);
                }
                return;
            }
            Method extras = type.getMethod("additionalProperties");
            Map<?, ?> unknown = (Map<?, ?>) extras.invoke(value);
            if (!unknown.isEmpty()) {
                out.add(path + ": " + type.getSimpleName() + ".additionalProperties() " + unknown.keySet());
            }
            for (java.lang.reflect.Field f : type.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && f.getType() == Field.class) {
                    f.setAccessible(true);
                    walk(f.get(value), path + "." + f.getName(), out);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot walk " + type.getName() + " at " + path, e);
        }
    }

    /** A generated union: a {@code value()} accessor and a private {@code variant} index, no additional properties. */
    private static boolean isUnion(Class<?> type) {
        try {
            type.getDeclaredField("variant");
            type.getMethod("value");
        } catch (NoSuchFieldException | NoSuchMethodException e) {
            return false;
        }
        try {
            type.getMethod("additionalProperties");
            return false;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }
}
