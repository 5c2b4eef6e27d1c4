package io.dropcopy.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The hand-made SendingTime parser of the latency figures agrees with Instant.parse. */
class SendingTimeParseTest {

    @Test
    void agreesWithInstantParseAndRefusesWhatItCannotRead() {
        for (String t : new String[] {"2024-06-12T13:33:00.023Z", "2024-06-12T13:33:00.024Z", "2024-06-12T13:33:01Z",
                "2024-02-29T23:59:59.123456789Z", "1999-12-31T00:00:00.5Z", "2026-11-25T08:10:20.226018873Z",
                "2024-06-12T13:33:01.000001Z"}) {
            Instant i = Instant.parse(t);
            assertEquals(i.getEpochSecond() * 1_000_000_000L + i.getNano(), SessionMetrics.epochNanos(t), t);
        }
        assertEquals(Long.MIN_VALUE, SessionMetrics.epochNanos("20240612-13:33:00.023"));
        assertEquals(Long.MIN_VALUE, SessionMetrics.epochNanos("2024-13-12T13:33:00.023Z"));
        assertEquals(Long.MIN_VALUE, SessionMetrics.epochNanos("2024-02-30T13:33:00.023Z"));
    }
}
