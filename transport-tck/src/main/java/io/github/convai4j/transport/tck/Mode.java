package io.github.convai4j.transport.tck;

/** How a test sends its request: {@code Transport.execute} or {@code Transport.executeAsync}. */
enum Mode {
    /** {@code execute}, blocking. */
    SYNC,
    /** {@code executeAsync}, with the future awaited by the test. */
    ASYNC
}
