package io.github.convai4j.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Posts a body to a server on loopback with the JDK's {@link HttpURLConnection} (never through a proxy, never
 * following redirects) and reads the start of the answer.
 */
final class WebhookPoster {

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int READ_TIMEOUT_MILLIS = 30_000;
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    static final class Response {
        final int status;
        final String body;

        Response(int status, String body) {
            this.status = status;
            this.body = body;
        }
    }

    private WebhookPoster() {
    }

    static Response post(URL url, Map<String, String> headers, EventBody body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setInstanceFollowRedirects(false);
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout(READ_TIMEOUT_MILLIS);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setRequestProperty("User-Agent", "convai4j-testkit");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            connection.setRequestProperty(header.getKey(), header.getValue());
        }
        if (body.length() < 0) {
            // Streamed (an audio event of any size). In this mode HttpURLConnection drops the body of a 401 or 407
            // answer; a body of known length is small, and without streaming mode every answer's body is kept.
            connection.setChunkedStreamingMode(64 * 1024);
        }
        try {
            try (OutputStream out = connection.getOutputStream()) {
                body.writeTo(out);
            }
            int status = connection.getResponseCode();
            InputStream in;
            try {
                in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            } catch (IOException noBody) {
                in = null; // a 401 to a streamed body (see above): the status is known, the body is gone
            }
            return new Response(status, in == null ? "" : start(in));
        } finally {
            connection.disconnect();
        }
    }

    private static String start(InputStream in) throws IOException {
        try (InputStream body = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = body.read(buffer)) >= 0) {
                if (out.size() < MAX_RESPONSE_BYTES) {
                    out.write(buffer, 0, Math.min(n, MAX_RESPONSE_BYTES - out.size()));
                }
            }
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        }
    }
}
