package io.github.convai4j;

import io.github.convai4j.core.AuthScheme;

import java.net.URI;
import java.util.Objects;

/**
 * Where the API lives and how it wants the key: a base URL and an {@link AuthScheme}.
 *
 * <p>Presets cover ElevenLabs and its regional and data-residency hosts, and Threetone. For any other
 * ElevenLabs-compatible host use {@link #of(String, AuthScheme)}. An API key belongs to one provider (and
 * a residency key to its region): a key sent to the wrong one gets a 401.
 *
 * <p>Immutable and thread-safe.
 */
public final class Provider {

    /** ElevenLabs, routed to the closest region: {@code https://api.elevenlabs.io}, key in {@code xi-api-key}. The default. */
    public static final Provider ELEVENLABS = new Provider("ElevenLabs", "https://api.elevenlabs.io", AuthScheme.XI_API_KEY);
    /** ElevenLabs, US region only: {@code https://api.us.elevenlabs.io}. */
    public static final Provider ELEVENLABS_US = new Provider("ElevenLabs US", "https://api.us.elevenlabs.io", AuthScheme.XI_API_KEY);
    /** ElevenLabs with EU data residency: {@code https://api.eu.residency.elevenlabs.io}. */
    public static final Provider ELEVENLABS_EU_RESIDENCY =
            new Provider("ElevenLabs EU residency", "https://api.eu.residency.elevenlabs.io", AuthScheme.XI_API_KEY);
    /** ElevenLabs with India data residency: {@code https://api.in.residency.elevenlabs.io}. */
    public static final Provider ELEVENLABS_IN_RESIDENCY =
            new Provider("ElevenLabs India residency", "https://api.in.residency.elevenlabs.io", AuthScheme.XI_API_KEY);
    /** ElevenLabs with Singapore data residency: {@code https://api.sg.residency.elevenlabs.io}. */
    public static final Provider ELEVENLABS_SG_RESIDENCY =
            new Provider("ElevenLabs Singapore residency", "https://api.sg.residency.elevenlabs.io", AuthScheme.XI_API_KEY);
    /** Threetone: {@code https://api.threetone.in}, key in {@code x-api-key}. */
    public static final Provider THREETONE = new Provider("Threetone", "https://api.threetone.in", AuthScheme.X_API_KEY);

    private final String name;
    private final URI baseUrl;
    private final AuthScheme authScheme;

    private Provider(String name, String baseUrl, AuthScheme authScheme) {
        this(name, ClientOptions.parseBaseUrl(baseUrl), authScheme);
    }

    private Provider(String name, URI baseUrl, AuthScheme authScheme) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.authScheme = authScheme;
    }

    /**
     * Returns a provider at any base URL. The URL is checked when the client is built (see
     * {@link ClientOptions.Builder#baseUrl(String)}).
     *
     * @param baseUrl e.g. {@code "https://gateway.example.com/elevenlabs"}; a path prefix is kept
     * @param authScheme how the key is sent
     * @return the provider
     * @throws IllegalArgumentException if the text is not a URL
     */
    public static Provider of(String baseUrl, AuthScheme authScheme) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(authScheme, "authScheme");
        URI url = ClientOptions.parseBaseUrl(baseUrl);
        return new Provider(url.getHost() != null ? url.getHost() : "custom", url, authScheme);
    }

    /**
     * Returns a display name, e.g. {@code "ElevenLabs EU residency"}, or the host of a custom provider.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the base URL.
     *
     * @return the URL
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Returns how the key is sent.
     *
     * @return the scheme
     */
    public AuthScheme authScheme() {
        return authScheme;
    }

    @Override
    public String toString() {
        return "Provider[" + name + ", " + authScheme + "]"; // the URL may carry user info: not shown
    }
}
