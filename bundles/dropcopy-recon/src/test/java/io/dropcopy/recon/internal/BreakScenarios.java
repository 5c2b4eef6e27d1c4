package io.dropcopy.recon.internal;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** Reconciliation states that more than one view (JSON, metrics) is checked against. */
final class BreakScenarios {
    private BreakScenarios() {
    }

    /**
     * Group G1 on 2026-12-04: two drop copy fills nobody reported (two PhantomFill raised), then the firm reports
     * O1's, which clears its break; O2's stays open. The caller closes the service.
     */
    static ReconService oneClearedOneOpen(Path dir) throws Exception {
        AtomicLong now = new AtomicLong(1_000_000);
        TrueFill a = new TrueFill("O1", "C1", "ACC1", "ESZ6", "118", "BUY", "2", "100", "2026-12-04T14:00:00Z", "EX000000001");
        TrueFill b = new TrueFill("O2", "C2", "ACC1", "ESZ6", "118", "SELL", "1", "102", "2026-12-04T15:00:00Z", "EX000000002");
        ReconService s = new ReconService(new GroupRecon.Settings(dir, 1000, TradeDates.cme(), false), now::get,
                (g, r) -> () -> { }, SessionFacts.NONE, false);
        GroupRecon r = s.group("G1");
        r.acceptDropCopy(a.fillEvent("2026-12-04", 1));
        r.acceptDropCopy(b.fillEvent("2026-12-04", 2));
        now.addAndGet(1000);
        s.tick();                                               // two PhantomFill raised
        r.submitFirm(TrueFill.CSV_HEADER + a.csv(true, "FILLED"), "csv", "firm.csv");
        now.addAndGet(1000);
        s.tick();                                               // O1's cleared, O2's still open
        return s;
    }
}
