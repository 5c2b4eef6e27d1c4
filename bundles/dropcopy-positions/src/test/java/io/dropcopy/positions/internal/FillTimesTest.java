package io.dropcopy.positions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The rate window's ring: grows past its first capacity, evicts oldest first across the wrap, shrinks back. */
class FillTimesTest {
    @Test
    void keepsOrderAcrossGrowthWrapAndShrink() {
        FillTimes t = new FillTimes();
        for (long i = 1; i <= 3; i++) {
            t.add(i);
        }
        t.evictUpTo(2); // 1 and 2 out, the head is now mid-array
        assertEquals(1, t.size());
        for (long i = 4; i <= 1_000; i++) {
            t.add(i); // wraps, then grows from a wrapped state
        }
        assertEquals(998, t.size()); // 3..1000
        t.evictUpTo(2);
        assertEquals(998, t.size(), "nothing at or before 2 left");
        t.evictUpTo(990);
        assertEquals(10, t.size()); // 991..1000, and the ring shrank
        t.add(1_001);
        t.evictUpTo(1_000);
        assertEquals(1, t.size(), "only 1001 is after 1000: the order survived the shrink");
        t.evictUpTo(1_001);
        assertEquals(0, t.size());
    }
}
