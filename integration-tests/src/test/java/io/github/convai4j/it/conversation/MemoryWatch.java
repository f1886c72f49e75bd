package io.github.convai4j.it.conversation;

import com.sun.management.GarbageCollectionNotificationInfo;

import io.netty.util.internal.PlatformDependent;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Watches this JVM's memory while a test runs: the peak of the heap in use (garbage included, sampled every 5 ms),
 * the peak of the heap left after a collection (live data), and the peak of direct memory (the JDK's direct
 * buffer pool plus what Netty allocated without a Cleaner, which that pool does not see). Numbers for the report; the assertions are the test's.
 */
final class MemoryWatch implements AutoCloseable {

    private final BufferPoolMXBean direct;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener afterGc = this::afterGc;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peakHeap;
    private volatile long peakLiveHeap;
    private volatile long peakDirect;

    MemoryWatch() {
        BufferPoolMXBean found = null;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                found = pool;
            }
        }
        direct = found;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter) {
                ((NotificationEmitter) gc).addNotificationListener(afterGc, null, null);
                emitters.add((NotificationEmitter) gc);
            }
        }
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peakHeap = Math.max(peakHeap, heap);
        long used = direct == null ? 0 : direct.getMemoryUsed();
        // Netty allocates most direct buffers without a Cleaner: not in the JDK's pool, counted by Netty instead
        // (against the same -XX:MaxDirectMemorySize limit).
        long netty = PlatformDependent.usedDirectMemory();
        peakDirect = Math.max(peakDirect, used + Math.max(0, netty));
    }

    private void afterGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        long live = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (isHeap(pool.getKey())) {
                live += pool.getValue().getUsed();
            }
        }
        peakLiveHeap = Math.max(peakLiveHeap, live);
    }

    private static boolean isHeap(String poolName) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals(poolName)) {
                return pool.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }

    static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }

    long peakHeap() {
        return peakHeap;
    }

    long peakLiveHeap() {
        return peakLiveHeap;
    }

    long peakDirect() {
        return peakDirect;
    }

    String report() {
        return String.format("peak heap %.1f MiB (live after GC %.1f MiB) of %.0f MiB, peak direct %.1f MiB",
                peakHeap / 1048576.0, peakLiveHeap / 1048576.0, maxHeap() / 1048576.0, peakDirect / 1048576.0);
    }

    @Override
    public void close() {
        running = false;
        sample();
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(afterGc);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
