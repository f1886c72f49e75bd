package io.github.convai4j.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The descriptor of a generated query-parameter class: its name, the parameters' wire names and which are
 * required. Immutable and thread-safe. For generated code.
 *
 * @param <P> the parameter class
 */
public final class ParamsType<P extends GeneratedParams<P>> {

    final P prototype;
    final String name;
    final String[] names;
    private final boolean[] required;

    /**
     * Describes a parameter class.
     *
     * @param prototype an instance made only to create the others ({@link GeneratedParams#newInstance})
     * @param name the class's simple name, for messages
     * @param names the wire names, separated by commas
     * @param required one character per parameter: {@code 1} if required, {@code 0} if not
     */
    public ParamsType(P prototype, String name, String names, String required) {
        this.prototype = prototype;
        this.name = name;
        this.names = names.isEmpty() ? new String[0] : names.split(",", -1);
        this.required = new boolean[this.names.length];
        for (int i = 0; i < this.required.length; i++) {
            this.required[i] = required.charAt(i) == '1';
        }
    }

    /** Builds an instance, checking that the required parameters are set. */
    @SuppressWarnings("unchecked")
    P build(Object[] values) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (required[i] && values[i] == null) {
                missing.add(names[i]);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(name + ".Builder.build(): missing required query parameter"
                    + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + "; set "
                    + (missing.size() == 1 ? "it" : "them") + " first");
        }
        return (P) prototype.newInstance(values);
    }
}
