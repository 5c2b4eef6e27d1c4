package io.dropcopy.benchmarks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TargetsTest {
    @Test
    void anUnmetGapSaysWhatItWouldTakeInCpuOnTheseCores() {
        Row g = new Row("gap-warm", "postgres-batch", "");
        g.seconds = "17.77";
        g.firstSeconds = "1.80";
        g.gapMessages = "100000";
        g.cpuUs = "122.9";
        g.jitCpuUs = "46.12";
        g.simCpuUs = "40.4";
        g.serverCpuUs = "125.1";
        Targets.judge(g, 2);
        assertEquals("NOT MET", g.verdict);
        // 2 cores x (15 - 1.80) s over 100,000 messages = 264 us; 122.9 + 40.4 + 125.1 = 288.4, 9% over
        assertEquals("< 15 s NOT met (takes <= 264 us of CPU a resent message, all processes; now 288: consumer 123"
                + " [compiling 46], CME's side 40, server 125: 9% over)", g.targets);
    }

    @Test
    void anUnmetRateWithinItsBudgetSaysTheTimeGoesToWaits() {
        Row p = new Row("pipeline", "postgres-batch", "");
        p.msgPerSec = "9254";
        p.cpuUs = "59.0";
        p.simCpuUs = "45.8";
        p.serverCpuUs = "67.8";
        p.p99 = "4.0";
        p.heapMb = "300";
        Targets.judge(p, 2);
        assertTrue(p.targets.startsWith(">= 10,000 executions/s NOT met (takes <= 200 us of CPU a message, all"
                + " processes; now 173: consumer 59, CME's side 46, server 68: within it, the time goes to waits)"),
                p.targets);

        Row f = new Row("pipeline", "file-batch", "");
        f.msgPerSec = "26764";
        f.cpuUs = "35.6";
        f.simCpuUs = "36.0";
        Targets.judge(f, 2);
        // 2 cores at 30,000 msg/s: 66.7 us; 71.6 now, no server
        assertTrue(f.targets.startsWith(">= 30,000 msg/s NOT met (takes <= 67 us of CPU a message, all processes;"
                + " now 72: consumer 36, CME's side 36: 7% over)"), f.targets);
    }

    @Test
    void anUnmetP99NamesTheDisksFsyncP99BesideIt() {
        Row a = new Row("pipeline", "artemis-batch", "");
        a.msgPerSec = "12768";
        a.p99 = "14.53";
        a.diskFsyncP99 = "11.20";
        a.heapMb = "300";
        Targets.judge(a, 2);
        assertTrue(a.targets.contains("p99 < 5 ms NOT met (the disk's fsync p99 beside it: 11.20 ms)"), a.targets);

        Row f = new Row("pipeline", "file-group", "");
        f.p99 = "4.42";
        f.diskFsyncP99 = "9.0";
        Targets.judge(f, 2);
        assertTrue(f.targets.contains("p99 < 5 ms met;"), f.targets);
        assertFalse(f.targets.contains("fsync"), f.targets);
    }

    @Test
    void aMetTargetSaysNothingMore() {
        Row f = new Row("pipeline", "file-group", "");
        f.msgPerSec = "30972";
        f.cpuUs = "30.6";
        f.simCpuUs = "31.1";
        Targets.judge(f, 2);
        assertTrue(f.targets.startsWith(">= 30,000 msg/s met;"), f.targets);
        assertFalse(f.targets.contains("takes"), f.targets);

        Row g = new Row("gap", "file-group", "");
        g.seconds = "8.3";
        g.firstSeconds = "1.7";
        g.gapMessages = "100000";
        g.cpuUs = "83";
        Targets.judge(g, 2);
        assertEquals("< 15 s met", g.targets);
    }
}
