package io.dropcopy.benchmarks.pipeline;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where this JVM's CPU goes, per thread (Linux: {@code /proc/self/task}): every native thread of the process, the
 * JVM's own included (GC workers, JIT compilers, which {@code ThreadMXBean} does not see), its CPU time in nanoseconds
 * ({@code schedstat}) and its context switches ({@code status}: voluntary ones are the thread parking or waiting,
 * each a wake-up later), plus the bytes the Java threads allocated and the collections. Two snapshots around the
 * measured phase, divided by the messages, say what a message costs and which thread pays it.
 */
final class ThreadAccounting {
    /** One thread at one moment. */
    private static final class Task {
        String name;
        long cpuNanos;
        long voluntary;
        long involuntary;
    }

    private final Map<Long, Task> tasks;
    private final long allocatedBytes;
    private final long gcCount;
    private final long gcMillis;

    private ThreadAccounting(Map<Long, Task> tasks, long allocatedBytes, long gcCount, long gcMillis) {
        this.tasks = tasks;
        this.allocatedBytes = allocatedBytes;
        this.gcCount = gcCount;
        this.gcMillis = gcMillis;
    }

    /** Now; empty (and harmless) where there is no {@code /proc}. */
    static ThreadAccounting snapshot() {
        Map<Long, Task> tasks = new HashMap<>();
        Path dir = Path.of("/proc/self/task");
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> list = Files.newDirectoryStream(dir)) {
                for (Path t : list) {
                    Task task = read(t);
                    if (task != null) {
                        tasks.put(Long.parseLong(t.getFileName().toString()), task);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a thread ended while read: the others still count
            }
        }
        long allocated = 0;
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (mx instanceof com.sun.management.ThreadMXBean) {
            com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) mx;
            for (long b : sun.getThreadAllocatedBytes(mx.getAllThreadIds())) {
                allocated += Math.max(0, b);
            }
        }
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new ThreadAccounting(tasks, allocated, count, millis);
    }

    /** CPU time of the JIT compiler threads (HotSpot's "C1/C2 CompilerThread"), ns; -1 without /proc. */
    static long compilerCpuNanos() {
        Path dir = Path.of("/proc/self/task");
        if (!Files.isDirectory(dir)) {
            return -1;
        }
        long sum = 0;
        try (DirectoryStream<Path> list = Files.newDirectoryStream(dir)) {
            for (Path t : list) {
                try {
                    if (Files.readString(t.resolve("comm"), StandardCharsets.UTF_8).matches("C\\d CompilerThre.*\\s*")) {
                        sum += Long.parseLong(Files.readString(t.resolve("schedstat"), StandardCharsets.UTF_8).trim()
                                .split("\\s+")[0]);
                    }
                } catch (IOException | RuntimeException e) {
                    // a compiler thread ended (HotSpot stops idle ones): its time is no longer growing
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }

    private static Task read(Path t) {
        try {
            Task task = new Task();
            task.name = Files.readString(t.resolve("comm"), StandardCharsets.UTF_8).trim();
            task.cpuNanos = Long.parseLong(Files.readString(t.resolve("schedstat"), StandardCharsets.UTF_8).trim()
                    .split("\\s+")[0]);
            for (String line : Files.readAllLines(t.resolve("status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("voluntary_ctxt_switches:")) {
                    task.voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                    task.involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return task;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The lines {@code THREAD name=... us=... wakeups=...} (per message, threads of the same name pattern together,
     * digits replaced by #) and one {@code THREADS} line with the totals; a thread that started during the phase
     * counts from zero, one that ended is missed (the total says how much).
     */
    List<String> since(ThreadAccounting before, long messages, long processCpuNanos) {
        Map<String, double[]> byName = new TreeMap<>();
        long sum = 0;
        for (Map.Entry<Long, Task> e : tasks.entrySet()) {
            Task now = e.getValue();
            Task then = before.tasks.get(e.getKey());
            long cpu = now.cpuNanos - (then == null ? 0 : then.cpuNanos);
            long vol = now.voluntary - (then == null ? 0 : then.voluntary);
            long invol = now.involuntary - (then == null ? 0 : then.involuntary);
            sum += cpu;
            double[] a = byName.computeIfAbsent(now.name.replaceAll("\\d+", "#"), k -> new double[4]);
            a[0] += cpu;
            a[1] += vol;
            a[2] += invol;
            a[3]++;
        }
        List<Map.Entry<String, double[]>> sorted = new ArrayList<>(byName.entrySet());
        sorted.sort((x, y) -> Double.compare(y.getValue()[0], x.getValue()[0]));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, double[]> e : sorted) {
            double[] a = e.getValue();
            if (a[0] < 1e6 && a[1] < messages / 100.0) {
                continue; // under a millisecond and hardly ever woken: noise
            }
            out.add(String.format(Locale.ROOT, "THREAD %-24s threads=%d us/msg=%.2f wakeups/msg=%.3f preempted/msg=%.3f",
                    e.getKey().replace(' ', '_'), (int) a[3], a[0] / 1e3 / messages, a[1] / messages, a[2] / messages));
        }
        double[] jit = byName.getOrDefault("C# CompilerThre", new double[4]);
        out.add(String.format(Locale.ROOT, "THREADS us/msg=%.2f (process %.2f; the rest: threads that ended)"
                        + " jitUs/msg=%.2f allocatedBytes/msg=%.0f gcs=%d gcMs=%d", sum / 1e3 / messages,
                processCpuNanos / 1e3 / messages, jit[0] / 1e3 / messages,
                (double) (allocatedBytes - before.allocatedBytes) / messages, gcCount - before.gcCount,
                gcMillis - before.gcMillis));
        return out;
    }
}
