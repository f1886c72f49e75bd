package io.github.convai4j.transport.jdk;

/** Buffer sizes of the HttpURLConnection stack. */
final class Buffers {
    /** Chunk size of bodies of unknown length. */
    static final int CHUNK = 16 * 1024;

    private Buffers() {
    }
}
