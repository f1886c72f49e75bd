package io.github.convai4j.transport.httpclient;

/** An exchange that the transport aborts when it is closed. */
interface InFlight {
    /** Aborts the exchange because the transport is closing; its caller then sees an {@code IOException}. */
    void abortOnClose();
}
