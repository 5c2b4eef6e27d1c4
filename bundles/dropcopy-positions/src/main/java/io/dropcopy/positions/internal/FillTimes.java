package io.dropcopy.positions.internal;

import java.util.Arrays;

/** The times (ms) of an account's fills in the rate window, oldest first: a ring of primitive longs, no boxing. */
final class FillTimes {
    private long[] times = new long[4];
    private int head;
    private int size;

    void add(long t) {
        if (size == times.length) {
            long[] grown = new long[times.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = times[(head + i) % times.length];
            }
            times = grown;
            head = 0;
        }
        times[(head + size) % times.length] = t;
        size++;
    }

    /** Drops the times at or before {@code cutoff}; the ring shrinks back when mostly empty. */
    void evictUpTo(long cutoff) {
        while (size > 0 && times[head] <= cutoff) {
            head = (head + 1) % times.length;
            size--;
        }
        if (times.length > 64 && size < times.length / 4) {
            long[] shrunk = new long[Math.max(4, times.length / 2)];
            for (int i = 0; i < size; i++) {
                shrunk[i] = times[(head + i) % times.length];
            }
            times = shrunk;
            head = 0;
        }
    }

    int size() {
        return size;
    }

    @Override
    public String toString() {
        return size + " of " + Arrays.toString(times);
    }
}
