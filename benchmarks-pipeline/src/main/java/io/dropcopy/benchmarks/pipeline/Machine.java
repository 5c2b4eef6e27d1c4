package io.dropcopy.benchmarks.pipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** What the machine is and how it ran: its description, the disk's fsync rate, a CPU speed probe, the load average. */
final class Machine {
    private Machine() {
    }

    /** How many small durable appends the disk under the work directory takes a second: the ceiling of a sink that syncs each message. */
    static String fsyncProbe(Path work) throws IOException {
        Path f = work.resolve("fsync-probe");
        byte[] kb = new byte[1024];
        long n = 0;
        long t0 = System.nanoTime();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2)) {
                ch.write(java.nio.ByteBuffer.wrap(kb));
                ch.force(false);
                n++;
            }
        } finally {
            Files.deleteIfExists(f);
        }
        return String.format(Locale.ROOT, "%.0f fsync/s (1 KB append + force, 2 s)", n / ((System.nanoTime() - t0) / 1e9));
    }

    private static volatile int probeSink;

    /**
     * A fixed single-thread workload (integer arithmetic over a 1 MB array), in ms: how fast this machine ran at that
     * moment. On a shared virtual machine the same work took 30% longer at some times than at others (seen here), which
     * no load figure shows; the spread of the probes over a run says how comparable its rows are.
     */
    static double cpuProbe() {
        long t0 = System.nanoTime();
        int[] a = new int[262_144];
        long x = 1;
        for (int round = 0; round < 200; round++) {
            for (int i = 0; i < a.length; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                a[i] += (int) (x >>> 33);
            }
        }
        probeSink = a[(int) (x & (a.length - 1))];
        return (System.nanoTime() - t0) / 1e6;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
        }
    }

    static String machine() {
        long mem = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return String.format(Locale.ROOT, "%d cores, %.1f GiB memory, %s, Java %s, %s %s",
                Runtime.getRuntime().availableProcessors(), mem / (1024.0 * 1024 * 1024), cpuModel(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version"));
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
