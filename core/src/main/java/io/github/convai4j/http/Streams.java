package io.github.convai4j.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Stream copying with one bounded buffer. */
final class Streams {
    /**
     * The buffer request bodies are written through. 64 KiB, not less: every read of a file source is a
     * system call, and so is every socket write of a transport that passes writes through (HttpClient 5's
     * classic connection does for writes larger than its 32 KiB buffer). With 16 KiB a 1 GiB upload took
     * about a quarter more CPU on HttpClient 5 (BENCHMARKS.md, streaming).
     */
    static final int BUFFER_SIZE = 64 * 1024;

    private Streams() {
    }

    static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }
}
