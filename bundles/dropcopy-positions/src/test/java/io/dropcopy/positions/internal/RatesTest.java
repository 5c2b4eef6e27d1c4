package io.dropcopy.positions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The dashboard's chart series: one value a second, the last 120, oldest first. */
class RatesTest {
    private final RiskEngine engine = new RiskEngine(() -> 0L);

    private long lastLatency() {
        long[] l = engine.latencies();
        return l[l.length - 1];
    }

    @Test
    void latencyIsTheMeanOfTheSecondsNewMessages() {
        assertEquals(-1, lastLatency(), "nothing measured yet");
        engine.latencyTotals(10, 0.5);      // the first totals: what came before is not this second's
        assertEquals(-1, lastLatency());
        engine.latencyTotals(14, 0.5 + 4 * 0.002);
        assertEquals(2_000, lastLatency(), "4 messages at 2 ms");
        engine.latencyTotals(14, 0.508);    // none this second
        assertEquals(-1, lastLatency());
        engine.latencyTotals(3, 0.003);     // a session restarted: its totals went down
        assertEquals(-1, lastLatency());
        engine.latencyTotals(5, 0.003 + 0.010);
        assertEquals(5_000, lastLatency());
        long[] all = engine.latencies();
        assertEquals(RiskEngine.RATE_SECONDS, all.length);
        assertEquals(2_000, all[all.length - 4]);
    }
}
