package io.dropcopy.commands;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Events per second over a sliding window of per-second buckets: a ring of {@value #SLOTS} slots, each one long
 * holding the second (low 32 bits of the epoch second) and that second's count, updated with one compare-and-set,
 * so it is exact and lock-free with several threads. Covers the last {@value #SLOTS} seconds.
 */
final class RateWindow {
    static final int SLOTS = 64;

    private final AtomicLongArray slots = new AtomicLongArray(SLOTS);

    void record(long epochSecond) {
        int i = (int) (epochSecond & (SLOTS - 1));
        long tag = epochSecond & 0xFFFF_FFFFL;
        while (true) {
            long v = slots.get(i);
            long slotTag = v >>> 32;
            long next;
            if (slotTag == tag) {
                next = v + 1;
            } else if (slotTag < tag) {
                next = tag << 32 | 1;
            } else {
                return; // a second at least SLOTS seconds older than one already counted: outside every window
            }
            if (slots.compareAndSet(i, v, next)) {
                return;
            }
        }
    }

    /** The events of the {@code seconds} whole seconds before {@code nowSecond} (that second itself excluded). */
    long count(long nowSecond, int seconds) {
        if (seconds <= 0 || seconds >= SLOTS) {
            throw new IllegalArgumentException("1 to " + (SLOTS - 1) + " seconds, not " + seconds);
        }
        long sum = 0;
        for (long s = nowSecond - seconds; s < nowSecond; s++) {
            long v = slots.get((int) (s & (SLOTS - 1)));
            if (v >>> 32 == (s & 0xFFFF_FFFFL)) {
                sum += v & 0xFFFF_FFFFL;
            }
        }
        return sum;
    }
}
