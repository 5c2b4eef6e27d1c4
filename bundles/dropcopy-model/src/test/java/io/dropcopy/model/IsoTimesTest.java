package io.dropcopy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IsoTimesTest {

    @Test
    void timesAndDatesAgreeWithJavaTime() {
        for (String t : new String[] {"2026-11-25T14:30:00Z", "2026-11-25T14:30:00.1Z", "2026-11-25T14:30:00.123Z",
                "2026-11-25T14:30:00.123456Z", "2026-11-25T14:30:00.123456789Z", "2024-02-29T23:59:59.999999999Z",
                "1969-12-31T23:59:59.5Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
            Instant i = Instant.parse(t);
            assertEquals(i.getEpochSecond(), IsoTimes.epochSecond(t), t);
            assertEquals(i.getNano(), IsoTimes.nanoOfSecond(t), t);
        }
        for (String d : new String[] {"2026-11-25", "2024-02-29", "1900-03-01", "2000-02-29", "1969-12-31"}) {
            assertEquals(LocalDate.parse(d).toEpochDay(), IsoTimes.epochDay(d), d);
        }
    }

    @Test
    void otherFormsAndImpossibleDatesAreNotRead() {
        for (String t : new String[] {"20240612-13:33:00.023", "2024-13-12T13:33:00.023Z", "2024-02-30T13:33:00Z",
                "2023-02-29T13:33:00Z", "2024-06-12T24:00:00Z", "2024-06-12T13:60:00Z", "2024-06-12T13:33:60Z",
                "2024-06-12T13:33:00.Z", "2024-06-12T13:33:00.1234567890Z", "2024-06-12T13:33:00+01:00",
                "2024-06-12 13:33:00Z", "2024-06-12T13:33:0xZ"}) {
            assertEquals(IsoTimes.NOT_READ, IsoTimes.epochSecond(t), t);
        }
        assertEquals(-1, IsoTimes.nanoOfSecond("20240612-13:33:00.023"));
        assertEquals(-1, IsoTimes.nanoOfSecond("2024-06-12T13:33:00.Z"));
        assertEquals(-1, IsoTimes.nanoOfSecond("2024-06-12T13:33:00.1x3Z"));
        assertEquals(IsoTimes.NOT_READ, IsoTimes.epochDay("2026-1x-25"));
        assertEquals(IsoTimes.NOT_READ, IsoTimes.epochDay("2026-02-29"));
        assertEquals(IsoTimes.NOT_READ, IsoTimes.epochDay("20261125"));
    }
}
