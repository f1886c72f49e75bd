package io.github.convai4j.testkit;

import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a {@link FakeAgentsPlatform} fetches the conversation-initiation client data of an inbound call, as
 * the platform's "conversation initiation client data webhook" setting: a URL and the request headers to send
 * with it (the platform's way to authenticate to your server). Install it with
 * {@link FakeAgentsPlatform#clientDataWebhook(ClientDataWebhook)}; a {@link FakeAgentsPlatform#startInboundCall
 * fake inbound call} then posts {@code {"caller_id","agent_id","called_number","call_sid"}} to it.
 *
 * <p>A mutable builder, not thread-safe; the server copies it when it is installed. {@link #toString()} shows
 * header names, never their values.
 */
public final class ClientDataWebhook {

    private final URL url;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private ClientDataWebhook(URL url) {
        this.url = url;
    }

    /**
     * Starts the settings of a client-data webhook at a URL on this machine.
     *
     * @param url e.g. {@code "http://127.0.0.1:8080/webhooks/client-data"}
     * @return new settings without extra headers
     * @throws IllegalArgumentException if the URL is not http(s) on a loopback address
     */
    public static ClientDataWebhook to(String url) {
        return new ClientDataWebhook(LoopbackUrl.parse(url, "The client-data webhook"));
    }

    /**
     * Adds a request header, e.g. a shared secret your webhook checks.
     *
     * @param name the header's name
     * @param value its value
     * @return these settings
     * @throws IllegalArgumentException if either is null or empty, or holds CR or LF
     */
    public ClientDataWebhook header(String name, String value) {
        if (name == null || name.isEmpty() || value == null || name.matches(".*[\\r\\n:].*")
                || value.matches("(?s).*[\\r\\n].*")) {
            throw new IllegalArgumentException("a header needs a non-empty name without ':', CR or LF, and a value"
                    + " without CR or LF");
        }
        headers.put(name, value);
        return this;
    }

    /**
     * Returns the URL.
     *
     * @return the URL
     */
    public String url() {
        return url.toString();
    }

    URL target() {
        return url;
    }

    Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    ClientDataWebhook copy() {
        ClientDataWebhook copy = new ClientDataWebhook(url);
        copy.headers.putAll(headers);
        return copy;
    }

    /**
     * Describes the settings with header names only.
     *
     * @return e.g. {@code "ClientDataWebhook[http://127.0.0.1:8080/client-data, headers [X-Secret]]"}
     */
    @Override
    public String toString() {
        return "ClientDataWebhook[" + url + ", headers " + headers.keySet() + "]";
    }
}
