package io.dropcopy.recon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's breaks: the open ones of every group as one JSON array, the cleared ones gone. */
class BreaksJsonTest {
    @TempDir
    Path dir;

    @Test
    void noGroupNoBreak() throws Exception {
        try (ReconService s = new ReconService(new GroupRecon.Settings(dir, 1000, TradeDates.cme(), false),
                () -> 1_000_000L, (g, r) -> () -> { }, SessionFacts.NONE, false)) {
            assertEquals("[]", BreaksJson.render(s), "no group, no break");
        }
    }

    @Test
    void openBreaksOfEveryGroupOnly() throws Exception {
        try (ReconService s = BreakScenarios.oneClearedOneOpen(dir)) {
            String json = BreaksJson.render(s);
            assertTrue(json.startsWith("[{") && json.endsWith("}]"), json);
            assertEquals(1, json.split("\"type\":").length - 1, "one open break: " + json);
            assertTrue(json.contains("\"type\":\"PhantomFill\""), json);
            assertTrue(json.contains("\"state\":\"RAISED\""), json);
            assertTrue(json.contains("\"group\":\"G1\""), json);
            assertTrue(json.contains("\"tradeDate\":\"2026-12-04\""), json);
            assertTrue(json.contains("\"orderId\":\"O2\""), json);
            assertTrue(json.contains("EX000000002"), "the CME side's ExecID in the evidence: " + json);
            assertFalse(json.contains("\"orderId\":\"O1\""), "the cleared break is not listed: " + json);
        }
    }
}
