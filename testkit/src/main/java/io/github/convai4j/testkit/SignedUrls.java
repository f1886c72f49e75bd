package io.github.convai4j.testkit;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The tokens of the signed URLs the fake has issued: single-use, bound to one agent, valid for a fixed time.
 * Thread-safe. A token is a secret: it never appears in a log line, a message or a {@code toString}.
 */
final class SignedUrls {

    /** What a presented token turned out to be. */
    enum Verdict {
        VALID, UNKNOWN, EXPIRED, OTHER_AGENT
    }

    private static final class Issued {
        final String agentId;
        final long expiresAtNanos;

        Issued(String agentId, long expiresAtNanos) {
            this.agentId = agentId;
            this.expiresAtNanos = expiresAtNanos;
        }
    }

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int TOKEN_LENGTH = 40;

    private final FakeState state;
    private final long ttlNanos;
    private final Map<String, Issued> issued = new HashMap<>();

    SignedUrls(FakeState state, long ttlNanos) {
        this.state = state;
        this.ttlNanos = ttlNanos;
    }

    long ttlNanos() {
        return ttlNanos;
    }

    /** A fresh token for the agent. */
    synchronized String issue(String agentId) {
        long now = System.nanoTime();
        dropExpired(now);
        String token;
        do {
            token = state.randomString(ALPHABET, TOKEN_LENGTH);
        } while (issued.containsKey(token));
        issued.put(token, new Issued(agentId, now + ttlNanos));
        return token;
    }

    /** Checks a token presented for an agent; whatever the verdict, the token cannot be used again. */
    synchronized Verdict redeem(String token, String agentId) {
        Issued entry = issued.remove(token);
        if (entry == null) {
            return Verdict.UNKNOWN;
        }
        if (System.nanoTime() - entry.expiresAtNanos >= 0) {
            return Verdict.EXPIRED;
        }
        return entry.agentId.equals(agentId) ? Verdict.VALID : Verdict.OTHER_AGENT;
    }

    synchronized void clear() {
        issued.clear();
    }

    /** Keeps the map small in long runs; an expired token then reads as unknown, which is refused too. */
    private void dropExpired(long now) {
        if (issued.size() < 1024) {
            return;
        }
        for (Iterator<Issued> it = issued.values().iterator(); it.hasNext(); ) {
            if (now - it.next().expiresAtNanos >= 0) {
                it.remove();
            }
        }
    }

    @Override
    public synchronized String toString() {
        return "SignedUrls[" + issued.size() + " outstanding]";
    }
}
