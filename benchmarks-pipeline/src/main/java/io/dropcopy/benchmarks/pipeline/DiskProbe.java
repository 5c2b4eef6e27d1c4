package io.dropcopy.benchmarks.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The disk's fsync latency while a case runs, measured beside it (this JVM, not the measured one): 4 KB appended and
 * forced every {@link #PERIOD_MS} ms to a file on the work directory's disk. A sink that makes every commit durable
 * can be no faster than this disk: a 50-200 ms fsync stall (seen on this virtual machine's disk in quiet runs) puts
 * 100-400 messages at 2,000 msg/s behind it, enough to decide a p99 over 60,000 messages alone. The probe adds 20
 * small fsyncs a second, a few percent of what the group commit of a fsyncing sink does.
 */
final class DiskProbe implements AutoCloseable {
    static final long PERIOD_MS = 50;
    /** A fsync slower than this counts as a stall. */
    static final long STALL_MS = 20;

    private final Path file;
    private final Thread thread;
    private volatile boolean stop;
    private long[] nanos = new long[1024];
    private int count;

    DiskProbe(Path dir) {
        this.file = dir.resolve("disk-probe.bin");
        this.thread = new Thread(this::run, "disk-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        ByteBuffer block = ByteBuffer.allocate(4096);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (!stop) {
                if (ch.size() > 8 * 1024 * 1024) {
                    ch.truncate(0);
                }
                block.clear();
                ch.write(block, ch.size());
                long t0 = System.nanoTime();
                ch.force(false);
                record(System.nanoTime() - t0);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MS));
            }
        } catch (IOException e) {
            // no figures then: the result says nothing about the disk rather than something wrong
        }
    }

    private synchronized void record(long ns) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = ns;
    }

    /** Stops the probe and puts its figures in {@code result}: fsync p50/p99/max in ms and the stalls counted. */
    void report(Map<String, String> result) {
        close();
        long[] s;
        synchronized (this) {
            s = Arrays.copyOf(nanos, count);
        }
        if (s.length == 0) {
            return;
        }
        Arrays.sort(s);
        long stalls = Arrays.stream(s).filter(v -> v > TimeUnit.MILLISECONDS.toNanos(STALL_MS)).count();
        result.put("diskFsyncP50Ms", ms(s[s.length / 2]));
        result.put("diskFsyncP99Ms", ms(s[Math.min(s.length - 1, (int) (s.length * 0.99))]));
        result.put("diskFsyncMaxMs", ms(s[s.length - 1]));
        result.put("diskStalls", String.valueOf(stalls));
        result.put("diskProbes", String.valueOf(s.length));
    }

    private static String ms(long ns) {
        return String.format(Locale.ROOT, "%.2f", ns / 1e6);
    }

    @Override
    public void close() {
        stop = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
            Files.deleteIfExists(file);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a probe file left in the work directory is harmless
        }
    }
}
