package io.dropcopy.recon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logged-on time and gaps of a day, from session states observed tick by tick, against times written by hand. */
class SessionLogTest {
    @TempDir
    Path dir;

    static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    static List<SessionFacts.SessionState> on(boolean on, String gap) {
        return List.of(new SessionFacts.SessionState("s1", on, gap));
    }

    @Test
    void logonsLogoutsGapsAndAKillAddUpAcrossARestart() throws Exception {
        AtomicLong now = new AtomicLong(t("2026-12-04T14:00:00Z"));
        GroupRecon.Settings settings = new GroupRecon.Settings(dir, 0, TradeDates.cme(), false);
        try (GroupRecon g = new GroupRecon("G1", settings, now::get)) {
            g.observeSessions(on(false, null));
            now.set(t("2026-12-04T14:00:10Z"));
            g.observeSessions(on(true, null));                 // logon 14:00:10
            now.set(t("2026-12-04T14:00:11Z"));
            g.observeSessions(on(true, "100-180"));            // a gap recovered by resend
            now.set(t("2026-12-04T14:00:12Z"));
            g.observeSessions(on(true, "100-180"));            // the same gap: once
            now.set(t("2026-12-04T15:00:10Z"));
            g.observeSessions(on(false, null));                // logout 15:00:10: 1 h
            now.set(t("2026-12-04T16:00:00Z"));
            g.observeSessions(on(true, null));                 // logon 16:00:00
            now.set(t("2026-12-04T16:00:45Z"));
            g.observeSessions(on(true, null));                 // checkpoint (30 s passed)
            now.set(t("2026-12-04T16:00:50Z"));
            g.observeSessions(on(true, null));                 // no checkpoint yet; then killed
        }
        // restarted: the interval the kill left open ends at its checkpoint (16:00:45), 45 s
        now.set(t("2026-12-04T16:10:00Z"));
        try (GroupRecon g = new GroupRecon("G1", settings, now::get)) {
            g.observeSessions(on(true, null));                 // logon 16:10:00, open at the report
            now.set(t("2026-12-04T16:10:31Z"));
            g.observeSessions(on(true, null));                 // checkpoint 16:10:31
            var timelines = SessionLog.timelines(g.snapshot("2026-12-04").sessionLog());
            SessionLog.Timeline s1 = timelines.get("s1");
            assertEquals(3_600_000 + 45_000 + 31_000, s1.onMillis());
            assertEquals("1:01:16", s1.onText());
            assertEquals(3, s1.logons());
            assertEquals(List.of("2026-12-04T14:00:10Z/2026-12-04T15:00:10Z",
                    "2026-12-04T16:00:00Z/2026-12-04T16:00:45Z",
                    "2026-12-04T16:10:00Z/2026-12-04T16:10:31Z (open)"), s1.intervals());
            assertEquals(List.of("100-180 at 2026-12-04T14:00:11Z"), s1.gaps());
        }
    }

    @Test
    void aSessionLoggedOnAcrossTheRollIsSplitBetweenTheTwoTradeDates() throws Exception {
        // 2026-12-04 17:00 Chicago = 23:00Z: the roll to trade date 2026-12-07 (Friday evening goes to Monday)
        AtomicLong now = new AtomicLong(t("2026-12-04T22:30:00Z"));
        try (GroupRecon g = new GroupRecon("G1", new GroupRecon.Settings(dir, 0, TradeDates.cme(), false), now::get)) {
            g.observeSessions(on(true, null));
            now.set(t("2026-12-04T23:00:01Z"));
            g.observeSessions(on(true, null));
            now.set(t("2026-12-04T23:10:01Z"));
            g.observeSessions(on(false, null));
            assertEquals(1_800_000, SessionLog.timelines(g.snapshot("2026-12-04").sessionLog()).get("s1").onMillis());
            assertEquals(601_000, SessionLog.timelines(g.snapshot("2026-12-07").sessionLog()).get("s1").onMillis());
            assertEquals(true, Files.exists(dir.resolve("recon/G1/2026-12-07.jsonl")));
        }
    }
}
