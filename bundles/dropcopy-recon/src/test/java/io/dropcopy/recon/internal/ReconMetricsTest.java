package io.dropcopy.recon.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.recon.ReconMetrics;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics text of a group with one break raised and cleared and one still open, as written by hand. */
class ReconMetricsTest {
    @TempDir
    Path dir;

    @Test
    void openRaisedAndClearedPerGroupAndType() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000);
        TrueFill a = new TrueFill("O1", "C1", "ACC1", "ESZ6", "118", "BUY", "2", "100", "2026-12-04T14:00:00Z", "EX000000001");
        TrueFill b = new TrueFill("O2", "C2", "ACC1", "ESZ6", "118", "SELL", "1", "102", "2026-12-04T15:00:00Z", "EX000000002");
        try (ReconService s = new ReconService(new GroupRecon.Settings(dir, 1000, TradeDates.cme(), false), now::get,
                (g, r) -> () -> { }, SessionFacts.NONE, false)) {
            GroupRecon r = s.group("G1");
            r.acceptDropCopy(a.fillEvent("2026-12-04", 1));
            r.acceptDropCopy(b.fillEvent("2026-12-04", 2));
            now.addAndGet(1000);
            s.tick();                                               // two PhantomFill raised
            r.submitFirm(TrueFill.CSV_HEADER + a.csv(true, "FILLED"), "csv", "firm.csv");
            now.addAndGet(1000);
            s.tick();                                               // O1's cleared, O2's still open
            String text = ReconMetrics.render(s);
            for (String line : new String[] {
                "# TYPE dropcopy_recon_open_breaks gauge",
                "dropcopy_recon_open_breaks{group=\"G1\",type=\"PhantomFill\"} 1",
                "dropcopy_recon_open_breaks{group=\"G1\",type=\"MissingFill\"} 0",
                "# TYPE dropcopy_recon_breaks_raised_total counter",
                "dropcopy_recon_breaks_raised_total{group=\"G1\",type=\"PhantomFill\"} 2",
                "dropcopy_recon_breaks_cleared_total{group=\"G1\",type=\"PhantomFill\"} 1",
                "dropcopy_recon_breaks_cleared_total{group=\"G1\",type=\"QuantityMismatch\"} 0",
                "dropcopy_recon_undated_ignored_total{group=\"G1\"} 0"}) {
                assertTrue(text.contains(line + "\n"), line + " in\n" + text);
            }
        }
    }
}
