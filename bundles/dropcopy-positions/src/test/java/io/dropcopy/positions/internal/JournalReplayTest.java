package io.dropcopy.positions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.positions.Position;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Positions rebuilt from the file sink's journal equal those built live, and live copies then count once. */
class JournalReplayTest {
    @TempDir
    Path dir;

    @Test
    void rebuildsFromJournalAndCountsLiveCopiesOnce() throws Exception {
        DropCopyEvent f1 = Msgs.event(Msgs.fill("AAA0001234", "O1", "ACC1", "118", "ESZ6", "1", 5, "4500"));
        DropCopyEvent f2 = Msgs.event(Msgs.fill("AAA0001235", "O1", "ACC1", "118", "ESZ6", "1", 2, "4502"));
        DropCopyEvent c1 = Msgs.event(Msgs.correction("C-1", "0001235", "O1", "ACC1", "118", "ESZ6", "1", 1, "4501"));
        DropCopyEvent b1 = Msgs.event(Msgs.bust("B-1", "0001234", "O1", "ACC1", "118", "ESZ6", "1", 5, "4500"));
        DropCopyEvent f3 = Msgs.event(Msgs.fill("AAA0001236", "O2", "ACC1", "118", "ESZ6", "2", 4, "4503"));
        Path file = dir.resolve("DEMO").resolve("2026-12-06.jsonl");
        Files.createDirectories(file.getParent());
        String journal = f1.toJson() + "\n" + f2.toJson() + "\n" + c1.toJson() + "\n" + b1.toJson() + "\n"
                + "{\"half a line\n" + f3.toJson() + "\n";
        Files.write(file, journal.getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("DEMO").resolve("2026-11-01.jsonl"), (Msgs.event(Msgs.fillOn("20261101", "OLD1", "O0",
                "ACC1", "118", "ESZ6", "1", 50, "4400")).toJson() + "\n").getBytes(StandardCharsets.UTF_8));

        RiskEngine engine = new RiskEngine(() -> 0L);
        JournalReplay.Summary s = JournalReplay.replay(dir, LocalDate.parse("2026-12-05"), engine);
        engine.replayDone();
        assertEquals(1, s.files);
        assertEquals(1, s.unreadable);
        // by hand: fill 5 busted; fill 2 corrected to 1 @ 4501; sell 4 @ 4503 -> net 1 - 4 = -3
        List<Position> p = engine.positions("DEMO", "ACC1", "118", "2026-12-06");
        assertEquals(-3, p.get(0).net());
        assertEquals(1, p.get(0).boughtQty());
        assertEquals(2, p.get(0).fills());
        assertEquals("4501", p.get(0).avgBuyPx().toPlainString());
        assertTrue(engine.alerts(true).isEmpty());

        // live copies after the restart (resends, 97=Y) change nothing
        engine.onEvent(f2);
        engine.onEvent(b1);
        engine.onEvent(Msgs.event(Msgs.fill("AAA0001236", "O2", "ACC1", "118", "ESZ6", "2", 4, "4503"), true));
        assertEquals(-3, engine.positions("DEMO", "ACC1", "118", "2026-12-06").get(0).net());
        assertEquals(3L, engine.counters().get("duplicates"));
    }
}
