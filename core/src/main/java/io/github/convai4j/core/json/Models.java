package io.github.convai4j.core.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the generated query-parameter classes share, kept here once: defensive copies, required-parameter
 * checks and {@code toString}; and what a secret shows as. For generated code.
 */
public final class Models {

    /** What {@code toString} prints instead of a secret value. */
    public static final String REDACTED = "***";

    private Models() {
    }

    /**
     * Returns an unmodifiable copy of a list, for a query-parameter class.
     *
     * @param list the list, or {@code null} (not sent)
     * @param <T> the element type
     * @return the copy, or {@code null}
     */
    public static <T> List<T> immutableList(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /**
     * Checks that a query-parameter class's required parameters are set; for its builder's {@code build()}.
     *
     * @param where the builder, for the message ({@code GetSignedUrlParams.Builder.build()})
     * @param names the required parameters' wire names
     * @param values their values, in the same order
     * @throws IllegalStateException naming every one that is {@code null}
     */
    public static void requireParams(String where, String[] names, Object... values) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                missing.add(names[i]);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(where + ": missing required query parameter" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + "; set " + (missing.size() == 1 ? "it" : "them") + " first");
        }
    }

    /**
     * The {@code toString()} of a query-parameter class: the parameters that are set.
     *
     * @param name the class's name
     * @param names the wire names
     * @param values the values, {@code null} for unset
     * @return {@code Name{page_size=10, search=x}}
     */
    public static String paramsToString(String name, String[] names, Object[] values) {
        StringBuilder out = new StringBuilder(name).append('{');
        boolean first = true;
        for (int i = 0; i < names.length; i++) {
            if (values[i] != null) {
                out.append(first ? "" : ", ").append(names[i]).append('=').append(values[i]);
                first = false;
            }
        }
        return out.append('}').toString();
    }
}
