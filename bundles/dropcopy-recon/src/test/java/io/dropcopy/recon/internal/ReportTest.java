package io.dropcopy.recon.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir
    Path dir;

    final AtomicLong now = new AtomicLong(1_000_000);

    ReconService service(SessionFacts facts) throws Exception {
        ReconService s = new ReconService(new GroupRecon.Settings(dir, 0, TradeDates.cme(), false), now::get,
                (g, r) -> () -> { }, facts, false);
        return s;
    }

    static Map<String, byte[]> files(Path d) throws Exception {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                m.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    @Test
    void positionsBustsAndCorrectionsAsWrittenByHand() throws Exception {
        TrueFill a = new TrueFill("O1", "C1", "ACC1", "ESZ6", "118", "BUY", "2", "100", "2026-12-04T14:00:00Z", "EX000000001");
        TrueFill b = new TrueFill("O2", "C2", "ACC1", "ESZ6", "118", "SELL", "1", "102", "2026-12-04T15:00:00Z", "EX000000002");
        TrueFill c = new TrueFill("O3", "C3", "ACC2", "NQZ6", "229", "SELL", "3", "200", "2026-12-04T15:30:00Z", "EX000000003");
        TrueFill d = new TrueFill("O4", "C4", "ACC1", "ESZ6", "118", "BUY", "1", "101", "2026-12-04T16:00:00Z", "EX000000004");
        SessionFacts facts = (g, date, td) -> List.of(new SessionFacts.Session("s1", List.of("100-120 (older than 48 h)"),
                List.of(new SessionFacts.DeadLetterFact("s1", 77, "2026-12-04T15:00:00Z", "unknown: bust X"))));
        try (ReconService s = service(facts)) {
            GroupRecon r = s.group("G1");
            r.acceptDropCopy(a.fillEvent("2026-12-04", 1));
            r.acceptDropCopy(b.fillEvent("2026-12-04", 2));
            r.acceptDropCopy(c.fillEvent("2026-12-04", 3));
            r.acceptDropCopy(c.changeEvent("bust", "BX000000009", "3", "200", "2026-12-04", 4));
            r.acceptDropCopy(d.fillEvent("2026-12-04", 5));
            r.acceptDropCopy(d.changeEvent("correction", "CX000000010", "1", "101.5", "2026-12-04", 6));
            r.submitFirm(TrueFill.CSV_HEADER + a.csv(true, "FILLED"), "csv", "firm.csv");
            r.tick();
            Path out = s.report("G1", "2026-12-04");
            assertEquals(dir.resolve("reports/G1/2026-12-04"), out);
            assertEquals("account,instrument,net,bought,sold,fills,avgBuyPrice,avgSellPrice\r\n"
                    + "ACC1,ESZ6,2,3,1,3,100.5,102\r\n", Files.readString(out.resolve("positions.csv")));
            String busts = Files.readString(out.resolve("busts.csv"));
            assertTrue(busts.contains("BX000000009,000000003,O3,ACC2,NQZ6,3,200,linked"), busts);
            String corr = Files.readString(out.resolve("corrections.csv"));
            assertTrue(corr.contains("CX000000010,000000004,O4,ACC1,ESZ6,1,101.5,linked"), corr);
            String breaks = Files.readString(out.resolve("open-breaks.csv"));
            assertEquals(3, breaks.split("\r\n").length, "header + phantom O2 and O4: " + breaks);
            assertTrue(breaks.contains("PhantomFill,O2"));
            assertTrue(breaks.contains("PhantomFill,O4"));
            assertFalse(breaks.contains(",O3,"), "a fill busted by CME and unknown to the firm is no break");
            assertTrue(Files.readString(out.resolve("dead-letters.csv")).contains("s1,77,2026-12-04T15:00:00Z,unknown: bust X"));
            assertTrue(Files.readString(out.resolve("sessions.csv")).contains("s1,0:00:00,0,,,100-120 (older than 48 h),1"));
            String html = Files.readString(out.resolve("report.html"));
            assertTrue(html.contains("<svg"));
            assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                    "nothing fetched");
            assertFalse(html.contains("<script src"));

            Map<String, byte[]> first = files(out);
            Path again = s.report("G1", "2026-12-04");
            Map<String, byte[]> second = files(again);
            assertEquals(first.keySet(), second.keySet());
            for (String f : first.keySet()) {
                assertArrayEquals(first.get(f), second.get(f), f + " differs on a rerun");
            }
        }
        // rebuilt from the journal after a restart: the same bytes
        Map<String, byte[]> before = files(dir.resolve("reports/G1/2026-12-04"));
        now.addAndGet(3_600_000);
        try (ReconService s = service(facts)) {
            s.start(List.of(), 60_000);
            Map<String, byte[]> after = files(s.report("G1", "2026-12-04"));
            for (String f : before.keySet()) {
                assertArrayEquals(before.get(f), after.get(f), f + " differs after a restart");
            }
        }
    }

    @Test
    void theReportIsWrittenWhenTheTradingDayEnds() throws Exception {
        TrueFill a = new TrueFill("O1", "C1", "ACC1", "ESZ6", "118", "BUY", "2", "100", "2026-12-04T14:00:00Z", "EX000000001");
        // 2026-12-04 16:59:59 Chicago = 22:59:59Z
        now.set(java.time.Instant.parse("2026-12-04T22:59:59Z").toEpochMilli());
        ReconService s = new ReconService(new GroupRecon.Settings(dir, 0, TradeDates.cme(), false), now::get,
                (g, r) -> () -> { }, SessionFacts.NONE, true);
        try (s) {
            s.group("G1").acceptDropCopy(a.fillEvent("2026-12-04", 1));
            s.tick();
            assertFalse(Files.exists(dir.resolve("reports/G1/2026-12-04")));
            now.addAndGet(1000);
            s.tick();
            assertTrue(Files.exists(dir.resolve("reports/G1/2026-12-04/report.html")));
        }
    }
}
