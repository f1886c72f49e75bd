package io.github.convai4j.webhooks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.spec.SecretKeySpec;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Checks that a webhook request comes from the Agents Platform: its {@code ElevenLabs-Signature} header must
 * carry a timestamp within the tolerance of this verifier's clock and an HMAC-SHA256 signature, made with one
 * of the configured secrets, of {@code "<timestamp>.<raw body>"}.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.builder()
 *         .secret(System.getenv("ELEVENLABS_WEBHOOK_SECRET"))
 *         .build();
 *
 * // in the handler, with the body exactly as received:
 * verifier.verify(request.getHeader("ElevenLabs-Signature"), bodyBytes);   // throws if not authentic
 * WebhookEvent event = WebhookEvents.parse(bodyBytes);
 * }</pre>
 *
 * <h2>What is accepted</h2>
 * <ul>
 *   <li>A header {@code t=<unix seconds>,v0=<64 hex digits>}; several {@code v0} entries (any may match);
 *       spaces around entries; entries of other schemes, which are ignored. See
 *       {@link MalformedSignatureException} for what is rejected.</li>
 *   <li>A timestamp at most the tolerance away from the clock, in the past <em>or the future</em> (30 minutes
 *       by default). The official SDKs only reject old timestamps; this verifier also rejects ones far ahead,
 *       which would otherwise let a captured request be replayed until long after it was made.</li>
 *   <li>A signature made with any of the configured secrets: configure the new secret next to the old one
 *       while rotating.</li>
 * </ul>
 * The signature is computed over the body's bytes exactly as received: read the body as bytes, never as a
 * parsed and re-encoded JSON, nor as text decoded and encoded again. Signatures are compared in constant time.
 *
 * <h2>Failures</h2>
 * Each has its own exception, a {@link WebhookVerificationException}: {@link MissingSignatureException},
 * {@link MalformedSignatureException}, {@link TimestampOutsideToleranceException},
 * {@link SignatureMismatchException}. Answer such a request with 401. Messages say what to check; they never
 * hold a secret or a signature, and neither does the log (failures at DEBUG, successes at TRACE, on the logger
 * {@code io.github.convai4j.webhooks.WebhookVerifier}).
 *
 * <p>The verifier checks authenticity and freshness, not uniqueness: within the tolerance, the same request
 * verifies every time it is sent. If handling an event twice would do harm, remember what you handled (the
 * conversation id and event type identify a post-call event).
 *
 * <p>Immutable and thread-safe: build one and share it.
 */
public final class WebhookVerifier {

    /** The name of the HTTP header that carries the signature: {@value}. */
    public static final String SIGNATURE_HEADER = SignatureHeader.NAME;
    /** The default tolerance, in seconds: {@value} (30 minutes, as the official SDKs). */
    public static final long DEFAULT_TOLERANCE_SECONDS = 30 * 60;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookVerifier.class);

    private final List<SecretKeySpec> keys;
    private final long toleranceSeconds;
    private final Clock clock;

    WebhookVerifier(Builder builder) {
        this.keys = Collections.unmodifiableList(new ArrayList<>(builder.keys));
        this.toleranceSeconds = builder.tolerance.getSeconds();
        this.clock = builder.clock;
    }

    /**
     * Returns a builder. At least one secret must be set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a request whose body has been read whole.
     *
     * @param signatureHeader the value of the request's {@value #SIGNATURE_HEADER} header, or {@code null} if
     *                        it has none
     * @param body the body exactly as received
     * @throws MissingSignatureException if the header is {@code null} or blank
     * @throws MalformedSignatureException if the header is not {@code t=...,v0=...}
     * @throws TimestampOutsideToleranceException if the timestamp is too far from the clock
     * @throws SignatureMismatchException if no signature matches
     * @throws IllegalArgumentException if {@code body} is {@code null}
     */
    public void verify(String signatureHeader, byte[] body) {
        if (body == null) {
            throw new IllegalArgumentException("body must not be null: pass the request body as received (an"
                    + " empty array for an empty body)");
        }
        Signatures signatures = start(signatureHeader);
        signatures.update(body, 0, body.length);
        finish(signatures);
    }

    /**
     * Starts verifying a request whose body is read as a stream, for bodies too large to hold in memory (a
     * {@code post_call_audio} event carries the whole call's audio). The header and the timestamp are checked
     * at once; the signature is checked when the returned stream reaches its end: the read that would return
     * {@code -1} throws a {@link SignatureMismatchException} instead if it does not match.
     *
     * <p>So nothing read from the stream can be trusted until it has been read to its end without an
     * exception. {@link WebhookEvents#parse(InputStream, AudioHandler)} does that for you: it reads the body to
     * its end before it returns, and ends the audio stream it gives your handler only after that.
     *
     * @param signatureHeader the value of the request's {@value #SIGNATURE_HEADER} header, or {@code null}
     * @param body the request body, as received; closed when the returned stream is closed
     * @return a stream of the same bytes, which verifies them as they pass
     * @throws MissingSignatureException if the header is {@code null} or blank
     * @throws MalformedSignatureException if the header is not {@code t=...,v0=...}
     * @throws TimestampOutsideToleranceException if the timestamp is too far from the clock
     * @throws IllegalArgumentException if {@code body} is {@code null}
     */
    public InputStream verifyingStream(String signatureHeader, InputStream body) {
        if (body == null) {
            throw new IllegalArgumentException("body must not be null: pass the request's body stream");
        }
        final Signatures signatures = start(signatureHeader);
        return new SignatureCheckingInputStream(body, signatures, new Runnable() {
            @Override
            public void run() {
                finish(signatures);
            }
        });
    }

    /**
     * Returns the tolerance.
     *
     * @return how far from the clock a timestamp may be, either way
     */
    public Duration tolerance() {
        return Duration.ofSeconds(toleranceSeconds);
    }

    /**
     * Describes the verifier without its secrets.
     *
     * @return e.g. {@code "WebhookVerifier[secrets=2, tolerance=PT30M]"}
     */
    @Override
    public String toString() {
        return "WebhookVerifier[secrets=" + keys.size() + ", tolerance=" + tolerance() + "]";
    }

    private Signatures start(String signatureHeader) {
        SignatureHeader header;
        try {
            header = SignatureHeader.parse(signatureHeader);
        } catch (WebhookVerificationException e) {
            LOG.debug("webhook request rejected: {}", e.getMessage());
            throw e;
        }
        long now = clock.millis() / 1000;
        long age = now - header.timestamp;
        if (age > toleranceSeconds || -age > toleranceSeconds) {
            TimestampOutsideToleranceException e = new TimestampOutsideToleranceException(age > 0
                    ? "The webhook request was signed " + describe(age) + " ago, longer than the tolerance of "
                            + describe(toleranceSeconds) + ": it is most likely a replay of an old request (or this"
                            + " server's clock is wrong). Do not process it."
                    : "The webhook request was signed " + describe(-age) + " in the future, more than the"
                            + " tolerance of " + describe(toleranceSeconds) + ": check this server's clock (NTP).",
                    header.timestamp, age);
            LOG.debug("webhook request rejected: {}", e.getMessage());
            throw e;
        }
        LOG.trace("webhook signature header read: t={}, {} v0 signature(s), {} s old", header.timestampText,
                header.signatures.size(), age);
        return new Signatures(keys, header);
    }

    private void finish(Signatures signatures) {
        SignatureHeader header = signatures.header;
        if (!signatures.match()) {
            SignatureMismatchException e = new SignatureMismatchException("No signature of the "
                    + SIGNATURE_HEADER + " header (" + header.signatures.size() + " v0 entr"
                    + (header.signatures.size() == 1 ? "y" : "ies") + ") matches the body under "
                    + (keys.size() == 1 ? "the configured secret" : "any of the " + keys.size() + " configured secrets")
                    + ". Check that the body"
                    + " is passed exactly as received (not parsed and re-encoded) and that the secret is this"
                    + " webhook's.");
            LOG.debug("webhook request rejected: {}", e.getMessage());
            throw e;
        }
        LOG.trace("webhook signature verified (t={})", header.timestampText);
    }

    private static String describe(long seconds) {
        if (seconds < 120) {
            return seconds + " s";
        }
        return seconds / 60 + " min";
    }

    /**
     * Settings of a {@link WebhookVerifier}. Not thread-safe.
     */
    public static final class Builder {
        final List<SecretKeySpec> keys = new ArrayList<>();
        Duration tolerance = Duration.ofSeconds(DEFAULT_TOLERANCE_SECONDS);
        Clock clock = Clock.systemUTC();

        Builder() {
        }

        /**
         * Adds a secret a signature may be made with: the one shown when the webhook was created. Call it again
         * to accept several (while rotating: the new one and the old one).
         *
         * @param secret the webhook secret, as shown (e.g. {@code wsec_...}); used as its UTF-8 bytes
         * @return this builder
         * @throws MissingWebhookSecretException if {@code null} or empty (often an environment variable that is
         *         not set)
         */
        public Builder secret(String secret) {
            if (secret == null || secret.isEmpty()) {
                throw new MissingWebhookSecretException("The webhook secret is " + (secret == null ? "null" : "empty")
                        + ": pass the secret shown when the webhook was created (for example from the environment"
                        + " variable ELEVENLABS_WEBHOOK_SECRET; check that it is set).");
            }
            keys.add(Signatures.key(secret));
            return this;
        }

        /**
         * Adds several secrets; see {@link #secret(String)}.
         *
         * @param secrets the secrets
         * @return this builder
         * @throws MissingWebhookSecretException if the collection is {@code null} or holds a {@code null} or empty
         *         secret
         */
        public Builder secrets(Iterable<String> secrets) {
            if (secrets == null) {
                throw new MissingWebhookSecretException("The collection of webhook secrets is null: pass the"
                        + " secrets shown when the webhooks were created.");
            }
            for (String secret : secrets) {
                secret(secret);
            }
            return this;
        }

        /**
         * Sets how far a signature's timestamp may be from the clock, in the past or in the future. Default:
         * {@value WebhookVerifier#DEFAULT_TOLERANCE_SECONDS} seconds.
         *
         * @param tolerance at least one second; fractions of a second are dropped
         * @return this builder
         * @throws IllegalArgumentException if {@code null} or shorter than one second
         */
        public Builder tolerance(Duration tolerance) {
            if (tolerance == null || tolerance.getSeconds() < 1) {
                throw new IllegalArgumentException("tolerance must be at least one second, got " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /**
         * Sets the clock timestamps are checked against (tests use a fixed one). Default: the system clock.
         *
         * @param clock the clock
         * @return this builder
         * @throws IllegalArgumentException if {@code null}
         */
        public Builder clock(Clock clock) {
            if (clock == null) {
                throw new IllegalArgumentException("clock must not be null");
            }
            this.clock = clock;
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @return the verifier
         * @throws MissingWebhookSecretException if no secret was set
         */
        public WebhookVerifier build() {
            if (keys.isEmpty()) {
                throw new MissingWebhookSecretException("No webhook secret is configured: call secret(...) with the"
                        + " secret shown when the webhook was created (e.g. from ELEVENLABS_WEBHOOK_SECRET).");
            }
            return new WebhookVerifier(this);
        }
    }
}
