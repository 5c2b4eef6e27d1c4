package io.dropcopy.commands;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A latency histogram in microseconds with fixed memory ({@value #BUCKETS} counters), lock-free and thread-safe:
 * recording is one atomic increment (plus one when a new maximum is seen). Log-linear buckets: below
 * {@value #LINEAR} µs each microsecond has its own bucket; above, every power of two is split into {@value #SUB}
 * buckets, so a bucket is at most 1/32 (3.1 %) of its values wide. Values above {@value #MAX_MICROS} µs (60 s) go
 * to the last bucket; the maximum is kept exactly. Negative values count as 0.
 */
final class LatencyHistogram {
    static final int SUB_BITS = 5;
    static final int SUB = 1 << SUB_BITS;
    static final int LINEAR = 2 * SUB;
    static final long MAX_MICROS = 60_000_000L;
    static final int BUCKETS = index(MAX_MICROS) + 1;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong max = new AtomicLong();

    void record(long micros) {
        long v = Math.max(0, micros);
        counts.incrementAndGet(index(v));
        if (v > max.get()) {
            max.accumulateAndGet(v, Math::max);
        }
    }

    /** The bucket of a value (µs). */
    static int index(long micros) {
        if (micros < LINEAR) {
            return (int) Math.max(0, micros);
        }
        long v = Math.min(micros, MAX_MICROS);
        int exp = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) (v >>> (exp - SUB_BITS)) & (SUB - 1);
        return LINEAR + (exp - SUB_BITS - 1) * SUB + sub;
    }

    /** The lowest value (µs) of a bucket. */
    static long lowest(int index) {
        if (index < LINEAR) {
            return index;
        }
        int k = index - LINEAR;
        int exp = k / SUB + SUB_BITS + 1;
        return (long) (SUB + k % SUB) << (exp - SUB_BITS);
    }

    /** The highest value (µs) of a bucket. */
    static long highest(int index) {
        if (index < LINEAR) {
            return index;
        }
        int exp = (index - LINEAR) / SUB + SUB_BITS + 1;
        return lowest(index) + (1L << (exp - SUB_BITS)) - 1;
    }

    /** A copy of the counts, for percentiles (values recorded meanwhile may or may not be in it). */
    Snapshot snapshot() {
        long[] copy = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = counts.get(i);
            total += copy[i];
        }
        return new Snapshot(copy, total, max.get());
    }

    static final class Snapshot {
        private final long[] counts;
        private final long total;
        private final long max;

        Snapshot(long[] counts, long total, long max) {
            this.counts = counts;
            this.total = total;
            this.max = max;
        }

        long total() {
            return total;
        }

        /** The largest value recorded (µs), 0 when none. */
        long max() {
            return total == 0 ? 0 : max;
        }

        /**
         * The value (µs) at or below which {@code perTenThousand}/10,000 of the values are: the highest value of
         * the bucket holding that rank (never above the maximum), so at most one bucket width above the true value;
         * -1 when nothing was recorded.
         */
        long percentile(int perTenThousand) {
            if (total == 0) {
                return -1;
            }
            long rank = Math.max(1, (total * perTenThousand + 9_999) / 10_000);
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return Math.min(highest(i), max);
                }
            }
            return max;
        }
    }
}
