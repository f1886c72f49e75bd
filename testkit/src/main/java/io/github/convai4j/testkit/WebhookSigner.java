package io.github.convai4j.testkit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Signs webhook bodies as the Agents Platform does: {@code t=<unix seconds>,v0=<lowercase hex HMAC-SHA256 of
 * "<t>.<body>">}, keyed with the secret's UTF-8 bytes. The body is streamed through the HMAC, never held. This
 * is the testkit's own implementation on purpose (it shares no code with convai4j-core's verifier).
 */
final class WebhookSigner {

    private WebhookSigner() {
    }

    static String header(String secret, long timestamp, EventBody body) throws IOException {
        final Mac mac;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
        mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
        body.writeTo(new OutputStream() {
            @Override
            public void write(int b) {
                mac.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                mac.update(b, off, len);
            }
        });
        StringBuilder header = new StringBuilder("t=").append(timestamp).append(",v0=");
        for (byte b : mac.doFinal()) {
            header.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return header.toString();
    }
}
