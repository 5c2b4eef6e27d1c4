package io.dropcopy.benchmarks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepeatsTest {
    private static Map<String, String> run(String msgPerSec, String cpuUs) {
        Map<String, String> r = new HashMap<>();
        if (msgPerSec != null) {
            r.put("msgPerSec", msgPerSec);
        }
        if (cpuUs != null) {
            r.put("cpuUsPerMsg", cpuUs);
        }
        return r;
    }

    @Test
    void eachRoundIsAPairAndTheSpreadIsOverThePairs() {
        Repeats reps = new Repeats();
        reps.add("baseline", run("1000", "20.0"));
        reps.add("noop", run("900", "25.0"));
        reps.add("baseline", run("2000", "18.0"));
        reps.add("noop", run("2000", "19.0"));
        reps.add("baseline", run("1000", "21.0"));
        reps.add("noop", run("800", "30.0"));

        // pairs 0.90, 1.00, 0.80: by round, never the median of one side over the median of the other (0.90)
        assertEquals(Arrays.asList(0.9, 1.0, 0.8), reps.ratios("noop", "baseline"));
        assertEquals("0.90", reps.medianRatio("noop", "baseline"));
        assertEquals(2, reps.pairsAtLeast("noop", "baseline", 0.9));
        assertEquals("900", reps.median("noop", "msgPerSec"));
        assertEquals("25.0", reps.median("noop", "cpuUsPerMsg"));
        String spread = reps.spread("noop", "baseline");
        assertTrue(spread.startsWith("0.90x baseline over 3 alternated pairs: min 0.80, median 0.90, max 1.00"), spread);
        assertTrue(spread.contains("0.90 (cpu us 25.0/20.0), 1.00 (cpu us 19.0/18.0), 0.80 (cpu us 30.0/21.0)"), spread);
    }

    @Test
    void aFailedRoundLeavesItsPairOut() {
        Repeats reps = new Repeats();
        reps.add("baseline", run("1000", "20.0"));
        reps.add("noop", run(null, null));
        reps.add("baseline", run("1000", "20.0"));
        reps.add("noop", run("950", "22.0"));

        assertEquals(Arrays.asList(null, 0.95), reps.ratios("noop", "baseline"));
        assertEquals("0.95", reps.medianRatio("noop", "baseline"));
        assertTrue(reps.spread("noop", "baseline").contains("over 1 alternated pairs"));
        assertTrue(reps.spread("noop", "baseline").contains("- (cpu us -/20.0), 0.95"));
    }

    @Test
    void aCaseRunOnlyInTheFirstRoundPairsWithTheFirstBaseline() {
        Repeats reps = new Repeats();
        reps.add("baseline", run("1000", "20.0"));
        reps.add("file-batch", run("700", "40.0"));
        reps.add("baseline", run("3000", "20.0"));

        assertEquals(Arrays.asList(0.7), reps.ratios("file-batch", "baseline"));
        assertEquals("2000", reps.median("baseline", "msgPerSec"));
        assertNull(reps.medianRatio("file-batch", "noop"));
    }

    @Test
    void theNoopTargetNeedsThreePairsAndPositionsIsJudgedAgainstNoop() {
        Row noop = new Row("pipeline", "noop", "");
        noop.ratio = "0.80";
        noop.noopReference = "baseline-tuned";
        noop.ratioToReference = "0.95";
        noop.pairsAtTarget = 2;
        Targets.judge(noop);
        assertEquals("NOT MET", noop.verdict);
        assertTrue(noop.targets.contains(">= 0.9x baseline-tuned met"), noop.targets);
        assertTrue(noop.targets.contains(">= 0.9x in 3 alternated pairs NOT met"), noop.targets);

        Row positions = new Row("pipeline", "positions", "");
        positions.ratioToNoop = "0.93";
        positions.p99 = "1.0";
        positions.heapMb = "100";
        Targets.judge(positions);
        assertEquals("met", positions.verdict, positions.targets);

        Row heap = new Row("heap", "positions", "");
        heap.heapMb = "102.0";
        Targets.judge(heap);
        assertEquals("NOT MET", heap.verdict);
    }
}
