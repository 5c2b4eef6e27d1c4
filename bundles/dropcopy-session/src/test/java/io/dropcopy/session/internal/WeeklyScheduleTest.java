package io.dropcopy.session.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import quickfix.DefaultSessionSchedule;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SystemTime;
import quickfix.SystemTimeSource;

/** CME's week as QuickFIX/J's schedule: in session Sunday evening to Friday afternoon (Chicago), out on Saturday. */
class WeeklyScheduleTest {

    @AfterEach
    void realClock() {
        SystemTime.setTimeSource(null);
    }

    static void clockAt(LocalDateTime chicago) {
        long millis = chicago.atZone(ZoneId.of("America/Chicago")).toInstant().toEpochMilli();
        SystemTime.setTimeSource(new SystemTimeSource() {
            @Override
            public long getTime() {
                return millis;
            }

            @Override
            public long getTimeFromNanos() {
                return millis;
            }

            @Override
            public LocalDateTime getNow() {
                return LocalDateTime.ofEpochSecond(millis / 1000, (int) (millis % 1000) * 1_000_000, ZoneOffset.UTC);
            }
        });
    }

    @Test
    void weeklySessionFollowsCmesWeek() throws Exception {
        Map<String, Object> p = TargetSessionConfigTest.valid();
        p.put("weekStart", "Sunday 16:00");
        p.put("weekEnd", "Friday 17:00");
        TargetSession session = new TargetSession(TargetSessionConfig.parse(p, Path.of("data")), GroupDispatcher.of(e -> { }));
        SessionSettings settings = session.settings(Path.of("dictionary.xml"));
        SessionID id = (SessionID) settings.sectionIterator().next();

        clockAt(LocalDateTime.of(2026, 11, 25, 12, 0));   // Wednesday noon
        assertTrue(new DefaultSessionSchedule(settings, id).isSessionTime(), "mid-week: in session");
        clockAt(LocalDateTime.of(2026, 11, 28, 12, 0));   // Saturday
        assertFalse(new DefaultSessionSchedule(settings, id).isSessionTime(), "weekend: out of session");
        clockAt(LocalDateTime.of(2026, 11, 29, 16, 30));  // Sunday after the start-up
        assertTrue(new DefaultSessionSchedule(settings, id).isSessionTime(), "Sunday start-up: in session");
        assertFalse(new DefaultSessionSchedule(settings, id).isNonStopSession());
    }
}
