package io.github.convai4j.transport.tck.server;

import java.util.List;

/** Request line and header fields of one request, as parsed. */
final class RequestHead {
    final int connectionId;
    final int sequenceOnConnection;
    final String method;
    final String target;
    final String version;
    final List<HeaderField> headers;

    RequestHead(int connectionId, int sequenceOnConnection, String method, String target, String version,
            List<HeaderField> headers) {
        this.connectionId = connectionId;
        this.sequenceOnConnection = sequenceOnConnection;
        this.method = method;
        this.target = target;
        this.version = version;
        this.headers = headers;
    }

    String header(String name) {
        for (HeaderField field : headers) {
            if (field.is(name)) {
                return field.value();
            }
        }
        return null;
    }

    int count(String name) {
        int n = 0;
        for (HeaderField field : headers) {
            if (field.is(name)) {
                n++;
            }
        }
        return n;
    }
}
