package io.dropcopy.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bad-frame fault damages exactly what it says, keeps the outer frame well formed, and again on every resend. */
class FrameCorruptionTest {
    private static final String INNER = "8=FIX.4.2\u00019=20\u000135=8\u000134=7\u000117=E1\u000110=123\u0001";
    private static final String DATA = "<RTRF>" + INNER + "</RTRF>";
    private static final String FRAME = FrameCorruption.withLengthAndChecksum("8=FIX.4.2\u00019=0\u000135=n\u000134=5"
            + "\u000149=CME\u0001212=" + DATA.length() + "\u0001213=" + DATA + "\u000110=000\u0001");

    /** BodyLength and CheckSum as FIX defines them, computed here by hand. */
    private static void assertWellFormed(String frame) {
        int bodyStart = frame.indexOf('\u0001', frame.indexOf("\u00019=") + 1) + 1;
        int trailer = frame.lastIndexOf("\u000110=") + 1;
        String announced = frame.substring(frame.indexOf("\u00019=") + 3, bodyStart - 1);
        assertEquals(String.valueOf(trailer - bodyStart), announced, "BodyLength(9)");
        int sum = 0;
        for (char c : frame.substring(0, trailer).toCharArray()) {
            sum += c;
        }
        assertEquals(String.format("%03d", sum % 256), frame.substring(trailer + 3, trailer + 6), "CheckSum(10)");
    }

    @Test
    void eachDamageKeepsTheOuterFrameWellFormed() {
        assertWellFormed(FRAME);
        String overstated = FrameCorruption.damage(FRAME, FrameCorruption.Kind.XMLDATALEN);
        assertWellFormed(overstated);
        assertTrue(overstated.contains("\u0001212=" + (DATA.length() + 10) + "\u0001213=" + DATA + "\u0001"), overstated);

        String truncated = FrameCorruption.damage(FRAME, FrameCorruption.Kind.TRUNCATED);
        assertWellFormed(truncated);
        assertTrue(!truncated.contains("\u000110=123") && truncated.contains("</RTRF>"), truncated);

        String checksum = FrameCorruption.damage(FRAME, FrameCorruption.Kind.CHECKSUM);
        assertWellFormed(checksum);
        assertTrue(checksum.contains("\u000110=000\u0001</RTRF>"), checksum);

        String garbage = FrameCorruption.damage(FRAME, FrameCorruption.Kind.GARBAGE);
        assertWellFormed(garbage);
        assertTrue(!garbage.contains(INNER), garbage);
    }

    @Test
    void theMarkedNumberIsDamagedLiveAndOnEveryResend() {
        FrameCorruption c = new FrameCorruption();
        assertSame(FRAME, c.apply(FRAME, true), "nothing armed");
        c.arm(FrameCorruption.Kind.XMLDATALEN, 1);
        String live = c.apply(FRAME, true);
        assertNotEquals(FRAME, live);
        assertEquals(live, c.apply(FRAME, false), "the resent copy is damaged the same way");
        assertEquals(FRAME, c.damaged().isEmpty() ? null : c.originals().get(5));
        String other = FRAME.replace("\u000134=5\u0001", "\u000134=6\u0001");
        assertSame(other, c.apply(other, true), "armed for one message only");
    }
}
