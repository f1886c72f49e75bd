package io.github.convai4j.internal;

import io.github.convai4j.http.HttpRequest;

/** One attempt of a call: its number (1 for the first) and the exact request sent. */
final class Attempt {

    private final int number;
    private final HttpRequest request;
    private final boolean limitedByDeadline;

    Attempt(int number, HttpRequest request, boolean limitedByDeadline) {
        this.number = number;
        this.request = request;
        this.limitedByDeadline = limitedByDeadline;
    }

    int number() {
        return number;
    }

    HttpRequest request() {
        return request;
    }

    /**
     * Tells whether this attempt's total timeout is what was left of the call's deadline (rather than the
     * attempt timeout), so that a total timeout means the deadline ran out.
     */
    boolean limitedByDeadline() {
        return limitedByDeadline;
    }
}
