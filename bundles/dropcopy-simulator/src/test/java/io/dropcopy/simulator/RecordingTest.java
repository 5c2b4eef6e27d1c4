package io.dropcopy.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The recording's line format: control characters and backslashes escaped, everything else as it is. */
class RecordingTest {
    @Test
    void everyControlCharacterAndBackslashRoundTrips() {
        StringBuilder raw = new StringBuilder("8=FIX.4.2\u00019=5\u000135=n\u0001");
        for (char c = 0; c < 0x20; c++) {
            raw.append(c);
        }
        raw.append('\u007f').append("\\u0001 not an escape \\\\ é €");
        String escaped = Recording.escape(raw.toString());
        assertTrue(escaped.startsWith("8=FIX.4.2\\u00019=5\\u000135=n\\u0001\\u0000\\u0001\\u0002"), escaped);
        assertTrue(escaped.endsWith("\\u001f\\u007f\\\\u0001 not an escape \\\\\\\\ é €"), escaped);
        assertEquals(raw.toString(), Recording.unescape(escaped));
        assertEquals(-1, escaped.chars().filter(c -> c < 0x20 || c == 0x7f).findAny().orElse(-1), escaped);
    }

    @Test
    void aBadEscapeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Recording.unescape("8=FIX\\u00zz"));
        assertThrows(IllegalArgumentException.class, () -> Recording.unescape("8=FIX\\x"));
        assertThrows(IllegalArgumentException.class, () -> Recording.unescape("8=FIX\\"));
        assertEquals("\u001f", Recording.unescape("\\u001F"));
    }
}
