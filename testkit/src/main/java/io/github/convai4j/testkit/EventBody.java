package io.github.convai4j.testkit;

import java.io.IOException;
import java.io.OutputStream;

/** A request body the testkit posts: written twice for a signed event (once to sign it, once to send it). */
interface EventBody {

    /** The length, or -1 for a body sent with chunked transfer encoding. */
    long length();

    void writeTo(OutputStream out) throws IOException;
}
