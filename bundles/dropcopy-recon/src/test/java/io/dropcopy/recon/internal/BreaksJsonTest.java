package io.dropcopy.recon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's breaks: the open ones of every group as one JSON array, the cleared ones gone. */
class BreaksJsonTest {
    @TempDir
    Path dir;

    @Test
    void openBreaksOfEveryGroupOnly() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000);
        TrueFill a = new TrueFill("O1", "C1", "ACC1", "ESZ6", "118", "BUY", "2", "100", "2026-12-04T14:00:00Z", "EX000000001");
        TrueFill b = new TrueFill("O2", "C2", "ACC1", "ESZ6", "118", "SELL", "1", "102", "2026-12-04T15:00:00Z", "EX000000002");
        try (ReconService s = new ReconService(new GroupRecon.Settings(dir, 1000, TradeDates.cme(), false), now::get,
                (g, r) -> () -> { }, SessionFacts.NONE, false)) {
            assertEquals("[]", BreaksJson.render(s), "no group, no break");
            GroupRecon r = s.group("G1");
            r.acceptDropCopy(a.fillEvent("2026-12-04", 1));
            r.acceptDropCopy(b.fillEvent("2026-12-04", 2));
            now.addAndGet(1000);
            s.tick();                                               // two PhantomFill raised
            r.submitFirm(TrueFill.CSV_HEADER + a.csv(true, "FILLED"), "csv", "firm.csv");
            now.addAndGet(1000);
            s.tick();                                               // O1's cleared, O2's still open
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
