package io.dropcopy.session.api;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A latency histogram with Prometheus' fixed buckets: thread-safe recording (two atomic increments), snapshots for
 * exposition. Bounds in seconds, from 0.5 ms to 10 s; values above the last bound count in +Inf only.
 */
public final class LatencyBuckets {
    /** Upper bounds (seconds, inclusive) of the buckets; +Inf is implied. */
    public static final double[] BOUNDS_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
        1, 2.5, 5, 10};
    private static final long[] BOUNDS_NANOS = new long[BOUNDS_SECONDS.length];

    static {
        for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
            BOUNDS_NANOS[i] = Math.round(BOUNDS_SECONDS[i] * 1e9);
        }
    }

    /** Per bucket, not cumulative; the last slot is +Inf. */
    private final AtomicLongArray counts = new AtomicLongArray(BOUNDS_SECONDS.length + 1);
    private final LongAdder sumNanos = new LongAdder();

    /** Records one value; a negative one (clocks apart) counts as 0. */
    public void record(long nanos) {
        long v = Math.max(0, nanos);
        int i = 0;
        while (i < BOUNDS_NANOS.length && v > BOUNDS_NANOS[i]) {
            i++;
        }
        counts.incrementAndGet(i);
        sumNanos.add(v);
    }

    /** Cumulative counts per bound, then +Inf (the total), as Prometheus exposes them. */
    public long[] cumulative() {
        long[] out = new long[counts.length()];
        long running = 0;
        for (int i = 0; i < out.length; i++) {
            running += counts.get(i);
            out[i] = running;
        }
        return out;
    }

    public long count() {
        long[] c = cumulative();
        return c[c.length - 1];
    }

    public double sumSeconds() {
        return sumNanos.sum() / 1e9;
    }
}
