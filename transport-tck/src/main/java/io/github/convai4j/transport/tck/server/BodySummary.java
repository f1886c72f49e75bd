package io.github.convai4j.transport.tck.server;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;

/**
 * The length, CRC-32 and SHA-256 of a byte sequence, computed while it streams. Immutable.
 */
public final class BodySummary {
    private final long length;
    private final long crc32;
    private final String sha256;

    private BodySummary(long length, long crc32, String sha256) {
        this.length = length;
        this.crc32 = crc32;
        this.sha256 = sha256;
    }

    /**
     * Reads {@code in} to its end (without closing it) and summarizes what it yielded.
     *
     * @param in the stream
     * @return the summary
     * @throws IOException if reading fails
     */
    public static BodySummary of(InputStream in) throws IOException {
        Accumulator acc = new Accumulator();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            acc.update(buffer, 0, n);
        }
        return acc.summary();
    }

    /**
     * Summarizes an array.
     *
     * @param bytes the bytes
     * @return the summary
     */
    public static BodySummary of(byte[] bytes) {
        Accumulator acc = new Accumulator();
        acc.update(bytes, 0, bytes.length);
        return acc.summary();
    }

    /**
     * Returns the length.
     *
     * @return the number of bytes
     */
    public long length() {
        return length;
    }

    /**
     * Returns the CRC-32.
     *
     * @return the CRC-32 value
     */
    public long crc32() {
        return crc32;
    }

    /**
     * Returns the SHA-256.
     *
     * @return the digest, lower-case hex
     */
    public String sha256() {
        return sha256;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BodySummary)) {
            return false;
        }
        BodySummary s = (BodySummary) o;
        return length == s.length && crc32 == s.crc32 && sha256.equals(s.sha256);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    /** Returns length, CRC-32 and the start of the SHA-256. */
    @Override
    public String toString() {
        return length + " bytes, crc32 " + Long.toHexString(crc32) + ", sha256 " + sha256.substring(0, 16) + "...";
    }

    /** Accumulates a summary incrementally. Not thread-safe. */
    static final class Accumulator {
        private final CRC32 crc = new CRC32();
        private final MessageDigest sha;
        private long length;

        Accumulator() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every JVM", e);
            }
        }

        void update(byte[] buf, int off, int n) {
            crc.update(buf, off, n);
            sha.update(buf, off, n);
            length += n;
        }

        BodySummary summary() {
            byte[] digest = sha.digest();
            StringBuilder hex = new StringBuilder(64);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return new BodySummary(length, crc.getValue(), hex.toString());
        }
    }
}
