package io.github.convai4j.internal;

/**
 * Finds a property's index by its wire name: a small open-addressing table. Jackson interns the property
 * names it reads and the wire names are string literals, so the names it is asked for are usually the very
 * strings it holds: the identity check comes first and {@code equals} only when that fails.
 *
 * <p>Immutable and thread-safe.
 */
final class NameIndex {

    private final String[] keys;
    private final int[] indexes;
    private final int mask;

    NameIndex(String[] names) {
        int size = Integer.highestOneBit(Math.max(4, names.length * 2 + 1)) << 1;
        keys = new String[size];
        indexes = new int[size];
        mask = size - 1;
        for (int i = 0; i < names.length; i++) {
            int slot = names[i].hashCode() & mask;
            while (keys[slot] != null) {
                if (keys[slot].equals(names[i])) {
                    throw new IllegalArgumentException("Duplicate wire name " + names[i]);
                }
                slot = (slot + 1) & mask;
            }
            keys[slot] = names[i];
            indexes[slot] = i;
        }
    }

    /**
     * Returns the index of a name.
     *
     * @param name the wire name
     * @return its index, or -1 if it is not one of the names
     */
    int find(String name) {
        for (int slot = name.hashCode() & mask; ; slot = (slot + 1) & mask) {
            String key = keys[slot];
            if (key == name) {
                return indexes[slot];
            }
            if (key == null) {
                return -1;
            }
            if (key.equals(name)) {
                return indexes[slot];
            }
        }
    }
}
