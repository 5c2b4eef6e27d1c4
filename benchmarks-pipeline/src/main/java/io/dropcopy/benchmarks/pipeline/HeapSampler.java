package io.dropcopy.benchmarks.pipeline;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Used heap, sampled by a daemon thread. */
final class HeapSampler {
    private final long everyMs;
    /** Every so often (0 = never) a full collection, then the used heap: the live set, which the soak judges. */
    private final long liveEveryMs;
    private final List<long[]> samples = new ArrayList<>();
    private final List<long[]> live = new ArrayList<>();
    private volatile boolean running;
    private Thread thread;
    private long peak;
    /** The largest heap left after any collection during the run: the live set plus what survived. */
    private volatile long afterGcMax;
    private final List<Runnable> unlisten = new ArrayList<>();

    HeapSampler(long everyMs, long liveEveryMs) {
        this.everyMs = everyMs;
        this.liveEveryMs = liveEveryMs;
    }

    long afterGcMax() {
        return afterGcMax;
    }

    private void listenToCollections() {
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof javax.management.NotificationEmitter)) {
                continue;
            }
            javax.management.NotificationEmitter emitter = (javax.management.NotificationEmitter) gc;
            javax.management.NotificationListener l = (n, handback) -> {
                if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    return;
                }
                com.sun.management.GarbageCollectionNotificationInfo info = com.sun.management.GarbageCollectionNotificationInfo
                        .from((javax.management.openmbean.CompositeData) n.getUserData());
                long after = 0;
                for (Map.Entry<String, java.lang.management.MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (!e.getKey().contains("Metaspace") && !e.getKey().contains("Code") && !e.getKey().contains("Class")) {
                        after += e.getValue().getUsed();
                    }
                }
                afterGcMax = Math.max(afterGcMax, after);
            };
            emitter.addNotificationListener(l, null, null);
            unlisten.add(() -> {
                try {
                    emitter.removeNotificationListener(l);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // already gone
                }
            });
        }
    }

    void start() {
        listenToCollections();
        running = true;
        long start = System.nanoTime();
        thread = new Thread(() -> {
            long nextLive = liveEveryMs;
            while (running) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                long at = (System.nanoTime() - start) / 1_000_000;
                synchronized (this) {
                    peak = Math.max(peak, used);
                    samples.add(new long[] {at, used});
                }
                if (liveEveryMs > 0 && at >= nextLive) {
                    nextLive += liveEveryMs;
                    // a full, stop-the-world collection (G1's System.gc()): what is left is reachable
                    ManagementFactory.getMemoryMXBean().gc();
                    long liveSet = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    synchronized (this) {
                        live.add(new long[] {at, liveSet});
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(everyMs));
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        unlisten.forEach(Runnable::run);
        running = false;
        thread.join();
    }

    synchronized long peak() {
        return peak;
    }

    /**
     * The soak's heap trend: the floor of the used heap (the minimum of each 10 s window, close to the live set
     * after a collection) fitted by least squares over the run without its first fifth (warm-up).
     */
    synchronized void soak(Map<String, String> r) {
        List<double[]> floors = new ArrayList<>();
        long window = 10_000;
        long end = samples.isEmpty() ? 0 : samples.get(samples.size() - 1)[0];
        for (long w = 0; w + window <= end; w += window) {
            long min = Long.MAX_VALUE;
            for (long[] s : samples) {
                if (s[0] >= w && s[0] < w + window) {
                    min = Math.min(min, s[1]);
                }
            }
            if (min != Long.MAX_VALUE) {
                floors.add(new double[] {(w + window / 2.0) / 60_000.0, min / 1048576.0});
            }
        }
        int skip = floors.size() / 5;
        List<double[]> fit = floors.subList(skip, floors.size());
        double slope = slope(fit);
        r.put("heapFloorSlopeMbPerMin", String.format("%.2f", slope));
        List<double[]> liveMb = new ArrayList<>();
        for (long[] l : live) {
            liveMb.add(new double[] {l[0] / 60_000.0, l[1] / 1048576.0});
        }
        List<double[]> liveFit = liveMb.subList(liveMb.size() / 5, liveMb.size());
        r.put("heapSlopeMbPerMin", String.format("%.2f", slope(liveFit)));
        r.put("heapLiveFirstMb", liveFit.isEmpty() ? "0" : String.format("%.1f", liveFit.get(0)[1]));
        r.put("heapLiveLastMb", liveFit.isEmpty() ? "0" : String.format("%.1f", liveFit.get(liveFit.size() - 1)[1]));
        r.put("heapLiveSamples", String.valueOf(liveFit.size()));
        r.put("heapFloorFirstMb", fit.isEmpty() ? "0" : String.format("%.1f", fit.get(0)[1]));
        r.put("heapFloorLastMb", fit.isEmpty() ? "0" : String.format("%.1f", fit.get(fit.size() - 1)[1]));
        r.put("heapWindows", String.valueOf(fit.size()));
    }

    /** Least-squares slope of (minutes, MB) points; 0 with fewer than two. */
    private static double slope(List<double[]> points) {
        if (points.size() < 2) {
            return 0;
        }
        double mx = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double my = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }
}
