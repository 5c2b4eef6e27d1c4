package io.dropcopy.recon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drop copy side read from the file sink's journal (data/dropcopy/<group>/<date>.jsonl), line by line as it grows. */
class JournalFeedTest {
    @TempDir
    Path dir;

    @Test
    void readsCompleteLinesAsTheJournalGrows() throws Exception {
        AtomicLong now = new AtomicLong(0);
        ReconProofTest.Sides s = ReconProofTest.sides(true);
        Path journal = dir.resolve("sink/G1/" + ReconProofTest.DATE + ".jsonl");
        Files.createDirectories(journal.getParent());
        StringBuilder text = new StringBuilder();
        for (String e : s.dc) {
            text.append(e).append('\n');
        }
        String all = text.toString();
        int cut = all.length() / 2;
        Files.writeString(journal, all.substring(0, cut)); // a half-written line at the end
        try (ReconService svc = new ReconService(new GroupRecon.Settings(dir.resolve("state"), 1000, TradeDates.cme(), false),
                now::get, new JournalFeed(dir.resolve("sink")), SessionFacts.NONE, false)) {
            svc.submitFirmFills("G1", s.firm.toString(), "csv", "firm.csv");
            svc.tick();
            Files.writeString(journal, all.substring(cut), StandardOpenOption.APPEND);
            svc.tick();
            now.addAndGet(1000);
            svc.tick();
            assertEquals(s.expected, ReconProofTest.found(svc.openBreaks("G1")));
        }
    }
}
