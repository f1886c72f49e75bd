package io.github.convai4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Collects what documented snippets print: they print to System.out, as user code would. */
public final class StdoutCapture implements AutoCloseable {
    private final PrintStream original = System.out;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** Starts collecting. */
    public StdoutCapture() {
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    /**
     * Returns what was printed so far.
     *
     * @return the text
     */
    public String text() {
        System.out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setOut(original);
    }
}
