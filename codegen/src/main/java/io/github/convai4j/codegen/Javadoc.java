package io.github.convai4j.codegen;

/**
 * Turns the spec's descriptions (plain text with some Markdown) into Javadoc that passes doclint: HTML
 * special characters, {@code @}, backslashes (javac reads a backslash-u escape even in comments) and the comment
 * terminator are escaped; blank lines become paragraphs.
 */
final class Javadoc {

    private Javadoc() {
    }

    /** Escapes text for a Javadoc comment body. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '@' -> out.append("&#64;");
                case '\\' -> out.append("&#92;");
                case '*' -> out.append(i + 1 < s.length() && s.charAt(i + 1) == '/' ? "&#42;" : "*");
                case '/' -> out.append(i > 0 && s.charAt(i - 1) == '*' ? "&#47;" : "/");
                case '\r' -> {
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A description as Javadoc paragraphs.
     *
     * @param description the spec's text, or {@code null}
     * @return the Javadoc text (no trailing newline), or {@code null}
     */
    static String paragraphs(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        String[] paras = description.strip().split("\\n\\s*\\n");
        StringBuilder out = new StringBuilder();
        for (String p : paras) {
            String text = escape(p.strip());
            if (text.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append("\n\n<p>");
            }
            out.append(text);
        }
        return out.toString();
    }

    /**
     * Text as one sentence ending in exactly one full stop: the spec's summaries mostly have none, ten end in one
     * ({@code Cancel A Batch Call.}), and appending a stop to those gave {@code ..}.
     */
    static String sentence(String text) {
        String s = text.strip();
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s + ".";
    }

    /** The first sentence-ish part of a description, for short mentions; never empty. */
    static String code(String s) {
        return "{@code " + escape(s).replace("{", "&#123;").replace("}", "&#125;") + "}";
    }
}
