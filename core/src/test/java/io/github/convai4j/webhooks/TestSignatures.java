package io.github.convai4j.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Signs bodies the way the Agents Platform does, written here with javax.crypto directly so that the tests'
 * expected signatures do not come from the code under test.
 */
final class TestSignatures {

    static final String SECRET = "wsec_0123456789abcdef0123456789abcdef";

    private TestSignatures() {
    }

    /** The hex HMAC-SHA256 of {@code "<t>.<body>"}. */
    static String v0(String secret, long t, byte[] body) {
        Mac mac = mac(secret);
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        mac.update(body);
        return hex(mac.doFinal());
    }

    /** The hex HMAC-SHA256 of {@code "<t>."} followed by every byte of {@code body}. */
    static String v0(String secret, long t, InputStream body) throws IOException {
        Mac mac = mac(secret);
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        byte[] buffer = new byte[65536];
        int n;
        while ((n = body.read(buffer)) >= 0) {
            mac.update(buffer, 0, n);
        }
        return hex(mac.doFinal());
    }

    static String header(String secret, long t, byte[] body) {
        return "t=" + t + ",v0=" + v0(secret, t, body);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Mac mac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }
}
