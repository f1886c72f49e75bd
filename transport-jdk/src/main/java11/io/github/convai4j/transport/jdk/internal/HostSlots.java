package io.github.convai4j.transport.jdk.internal;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * At most {@code max} exchanges per host at once, without blocking anyone: an exchange that finds no free slot
 * leaves a callback in line, run when a slot is handed on to it. {@code java.net.http} has no such limit itself.
 */
final class HostSlots {
    private final int max;
    private final Map<String, Line> lines = new HashMap<>();

    HostSlots(int max) {
        this.max = max;
    }

    static String key(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : (scheme.equals("https") ? 443 : 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** Runs {@code granted} now if a slot is free, else when one is handed on; returns the place in line. */
    Runnable acquire(String key, Runnable granted) {
        synchronized (lines) {
            Line line = lines.computeIfAbsent(key, k -> new Line());
            if (line.active < max) {
                line.active++;
            } else {
                line.waiting.add(granted);
                return granted;
            }
        }
        granted.run();
        return null;
    }

    /**
     * Leaves the line.
     *
     * @return {@code true} if the waiter was still in line; {@code false} if it already holds a slot
     */
    boolean leave(String key, Runnable waiter) {
        synchronized (lines) {
            Line line = lines.get(key);
            return line != null && line.waiting.remove(waiter);
        }
    }

    /** Frees a slot, handing it to the next in line. */
    void release(String key) {
        Runnable next;
        synchronized (lines) {
            Line line = lines.get(key);
            if (line == null) {
                return;
            }
            next = line.waiting.poll();
            if (next == null) {
                line.active--;
                if (line.active == 0) {
                    lines.remove(key);
                }
                return;
            }
        }
        next.run();
    }

    private static final class Line {
        int active;
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    }
}
