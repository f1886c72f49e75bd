package io.github.convai4j.testkit;

/** Ends a handler early with a finished response (404, 422, 400...). Control flow, so no stack trace. */
final class Abort extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient FakeResponse response;

    Abort(FakeResponse response) {
        super(null, null, false, false);
        this.response = response;
    }

    FakeResponse response() {
        return response;
    }
}
