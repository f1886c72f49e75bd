package io.github.convai4j.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;

/**
 * The HMAC-SHA256 computation of one verification: one {@link Mac} per configured secret, fed the signed
 * message {@code "<t>.<body>"} as it arrives, then compared with the header's signatures in constant time.
 * Not thread-safe: one instance per request.
 */
final class Signatures {

    private static final String ALGORITHM = "HmacSHA256";

    final SignatureHeader header;
    private final Mac[] macs;

    Signatures(List<SecretKeySpec> keys, SignatureHeader header) {
        this.header = header;
        macs = new Mac[keys.size()];
        byte[] prefix = (header.timestampText + ".").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < macs.length; i++) {
            macs[i] = newMac(keys.get(i));
            macs[i].update(prefix);
        }
    }

    static SecretKeySpec key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    void update(byte[] bytes, int offset, int length) {
        for (Mac mac : macs) {
            mac.update(bytes, offset, length);
        }
    }

    /**
     * Tells whether any signature of the header equals the HMAC under any secret. Every pair is compared, each with
     * {@link MessageDigest#isEqual} (constant time for arrays of equal length, and signatures all have 32
     * bytes), so the time taken does not depend on where, or whether, a match is found.
     */
    boolean match() {
        boolean match = false;
        for (Mac mac : macs) {
            byte[] expected = mac.doFinal();
            for (byte[] signature : header.signatures) {
                match |= MessageDigest.isEqual(expected, signature);
            }
        }
        return match;
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide HmacSHA256 (and Android does), so this is a broken runtime.
            throw new IllegalStateException("This Java runtime cannot compute " + ALGORITHM, e);
        }
    }
}
