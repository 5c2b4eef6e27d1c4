package io.dropcopy.recon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trade dates older than the days kept are dropped, state and journal, after their report; a restart has none. */
class EvictionTest {
    @TempDir
    Path dir;

    @Test
    void datesBeforeTheDaysKeptAreDroppedAfterTheirReport() throws Exception {
        TrueFill a = new TrueFill("O1", "C1", "ACC1", "ESZ6", "118", "BUY", "2", "100", "2026-12-01T14:00:00Z", "EX000000001");
        TrueFill b = new TrueFill("O2", "C2", "ACC1", "ESZ6", "118", "BUY", "1", "101", "2026-12-03T14:00:00Z", "EX000000002");
        TrueFill c = new TrueFill("O3", "C3", "ACC1", "ESZ6", "118", "BUY", "1", "102", "2026-12-04T14:00:00Z", "EX000000003");
        // Friday 2026-12-04 14:00Z: trade date 2026-12-04; two days kept: 12-03 and 12-04
        AtomicLong now = new AtomicLong(Instant.parse("2026-12-04T14:00:00Z").toEpochMilli());
        GroupRecon.Settings settings = new GroupRecon.Settings(dir, 0, TradeDates.cme(), false);
        try (ReconService s = new ReconService(settings, now::get, (g, r) -> () -> { }, SessionFacts.NONE, true)
                .keepDays(2)) {
            GroupRecon g = s.group("G1");
            g.acceptDropCopy(a.fillEvent("2026-12-01", 1));
            g.acceptDropCopy(b.fillEvent("2026-12-03", 2));
            g.acceptDropCopy(c.fillEvent("2026-12-04", 3));
            s.tick();
            assertEquals(List.of("2026-12-03", "2026-12-04"), g.tradeDates());
            assertFalse(Files.exists(dir.resolve("recon/G1/2026-12-01.jsonl")), "the dropped date's journal is gone");
            assertTrue(Files.exists(dir.resolve("recon/G1/2026-12-03.jsonl")));
            assertTrue(Files.exists(dir.resolve("reports/G1/2026-12-01/report.html")),
                    "its day had ended: its report was written before it was dropped, and stays");
            assertEquals(2, g.openBreaks().size(), "the phantom fills of the dates kept");
        }
        try (ReconService s = new ReconService(settings, now::get, (g, r) -> () -> { }, SessionFacts.NONE, false)) {
            s.start(List.of(), 60_000);
            assertEquals(List.of("2026-12-03", "2026-12-04"), s.group("G1").tradeDates(), "a restart reads no dropped date");
        }
    }

    @Test
    void zeroKeepsEveryDate() throws Exception {
        TrueFill a = new TrueFill("O1", "C1", "ACC1", "ESZ6", "118", "BUY", "2", "100", "2026-01-05T14:00:00Z", "EX000000001");
        AtomicLong now = new AtomicLong(Instant.parse("2026-12-04T14:00:00Z").toEpochMilli());
        try (ReconService s = new ReconService(new GroupRecon.Settings(dir, 0, TradeDates.cme(), false), now::get,
                (g, r) -> () -> { }, SessionFacts.NONE, false).keepDays(0)) {
            s.group("G1").acceptDropCopy(a.fillEvent("2026-01-05", 1));
            s.tick();
            assertEquals(List.of("2026-01-05"), s.group("G1").tradeDates());
        }
    }
}
