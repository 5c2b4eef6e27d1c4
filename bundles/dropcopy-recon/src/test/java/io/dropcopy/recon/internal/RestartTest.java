package io.dropcopy.recon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.recon.ReconBreak;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core rebuilt from its journal alone (the old instance is abandoned, not closed, as a killed process leaves it):
 * the open breaks are the same, nothing is raised again or invented, nothing lost, and the day completes after the
 * restart exactly as without one.
 */
class RestartTest {
    @TempDir
    Path dir;

    final AtomicLong now = new AtomicLong(5_000_000);

    GroupRecon open() throws Exception {
        return new GroupRecon("G1", new GroupRecon.Settings(dir, ReconProofTest.DELAY, TradeDates.cme(), true), now::get);
    }

    static Set<String> ids(List<ReconBreak> breaks) {
        Set<String> s = new TreeSet<>();
        for (ReconBreak b : breaks) {
            s.add(b.id());
        }
        return s;
    }

    @Test
    void restartMidDayKeepsEveryBreakAndInventsNone() throws Exception {
        ReconProofTest.Sides s = ReconProofTest.sides(true);
        int half = s.dc.size() / 2;
        GroupRecon before = open();
        before.submitFirm(s.firm.toString(), "csv", "firm.csv");
        for (int i = 0; i < half; i++) {
            before.acceptDropCopy(s.dc.get(i));
        }
        now.addAndGet(ReconProofTest.DELAY);
        List<ReconBreak> raisedBefore = before.tick();
        assertTrue(!raisedBefore.isEmpty());
        Set<String> openBefore = ids(before.openBreaks());
        // killed here: 'before' is never closed; a torn record at the end of the journal
        Files.writeString(dir.resolve("recon/G1/" + ReconProofTest.DATE + ".jsonl"), "{\"r\":\"dc\",\"kind\":\"fi",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (GroupRecon after = open()) {
            assertEquals(openBefore, ids(after.openBreaks()), "the open breaks survive");
            assertEquals(List.of(), after.tick(), "nothing raised twice, nothing cleared, nothing invented");
            for (int i = half; i < s.dc.size(); i++) {
                after.acceptDropCopy(s.dc.get(i));
            }
            // copies of what came before the crash (CME resends what was not persisted as received)
            for (int i = 0; i < half; i++) {
                after.acceptDropCopy(s.dc.get(i));
            }
            now.addAndGet(ReconProofTest.DELAY);
            after.tick();
            assertEquals(s.expected, ReconProofTest.found(after.openBreaks()));
        }

        // the same day without a restart
        Path other = dir.resolve("uninterrupted");
        try (GroupRecon straight = new GroupRecon("G1", new GroupRecon.Settings(other, ReconProofTest.DELAY,
                TradeDates.cme(), false), now::get)) {
            straight.submitFirm(s.firm.toString(), "csv", "firm.csv");
            for (String e : s.dc) {
                straight.acceptDropCopy(e);
            }
            now.addAndGet(ReconProofTest.DELAY);
            straight.tick();
            try (GroupRecon again = open()) {
                assertEquals(ids(straight.openBreaks()), ids(again.openBreaks()));
            }
        }
    }

    @Test
    void aBreakOpenAcrossARestartClearsOnce() throws Exception {
        TrueFill t = ReconProofTest.day().get(0);
        GroupRecon before = open();
        before.submitFirm(TrueFill.CSV_HEADER + t.csv(false, "FILLED"), "csv", "firm.csv");
        now.addAndGet(ReconProofTest.DELAY);
        assertEquals(1, before.tick().size());
        try (GroupRecon after = open()) {
            assertEquals(1, after.openBreaks().size());
            after.acceptDropCopy(t.fillEvent(ReconProofTest.DATE, 1));
            List<ReconBreak> events = after.tick();
            assertEquals(1, events.size());
            assertEquals(ReconBreak.State.CLEARED, events.get(0).state());
            assertEquals(List.of(), after.openBreaks());
        }
        try (GroupRecon third = open()) {
            assertEquals(List.of(), third.openBreaks());
            assertEquals(List.of(), third.tick());
        }
    }

    @Test
    void aBreakPendingAtTheCrashIsRaisedAfterItsDelayNotBefore() throws Exception {
        TrueFill t = ReconProofTest.day().get(0);
        GroupRecon before = open();
        before.submitFirm(TrueFill.CSV_HEADER + t.csv(false, "FILLED"), "csv", "firm.csv");
        now.addAndGet(ReconProofTest.DELAY / 2);
        assertEquals(List.of(), before.tick());
        try (GroupRecon after = open()) {
            assertEquals(List.of(), after.tick(), "the delay counts from when the row first came, kept in the journal");
            now.addAndGet(ReconProofTest.DELAY / 2);
            assertEquals(1, after.tick().size());
        }
    }
}
