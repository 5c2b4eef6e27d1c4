package io.dropcopy.session.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.FixMessageBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CME's rule for possible resends: same source session, RequestTime(5979) and source sequence is a duplicate. */
class PossibleResendsTest {
    private static long outer = 1;

    static DropCopyEvent event(String source, long sourceSeq, String requestTime, boolean possResend) throws Exception {
        String inner = new FixMessageBuilder("FIX.4.2", "8").add(34, sourceSeq).add(49, "CME").add(52, "20261125-10:00:00.000")
                .add(56, source).add(11, "C1").add(14, 0).add(17, "E" + sourceSeq + requestTime).add(20, "0").add(37, "O1")
                .add(38, 1).add(39, "0").add(54, "1").add(55, "ES").add(150, "0").add(151, 1).add(5979, requestTime).build();
        String wrapped = new FixMessageBuilder("FIX.4.2", "n").add(34, outer++).add(49, "CME").add(52, "20261125-10:00:00.000")
                .add(56, "DEMO01N").add(97, possResend ? "Y" : null).addData(212, 213, DropCopyUnwrapper.envelope(inner)).build();
        return EventTranslator.translate(wrapped, "DEMO", "demo");
    }

    @Test
    void aPossibleResendOfADeliveredMessageIsADuplicateAndNothingElseIs() throws Exception {
        PossibleResends seen = new PossibleResends(10);
        seen.delivered(event("M2L000N", 7, "1000", false));
        assertTrue(seen.isDuplicate(event("M2L000N", 7, "1000", true)));
        assertFalse(seen.isDuplicate(event("M2L000N", 7, "1001", true)), "another RequestTime: another message");
        assertFalse(seen.isDuplicate(event("M2L000N", 8, "1000", true)), "another source sequence");
        assertFalse(seen.isDuplicate(event("M2L001N", 7, "1000", true)), "another source session");
        assertFalse(seen.isDuplicate(event("M2L000N", 7, "1000", false)), "not marked 97=Y: CME's real time is delivered");
    }

    /** A fill (35=8, 150=F) from {@code source} in market segment {@code segment} (inner 50). */
    static DropCopyEvent fill(String source, String segment, long sourceSeq, String requestTime, boolean possResend)
            throws Exception {
        String inner = new FixMessageBuilder("FIX.4.2", "8").add(34, sourceSeq).add(49, "CME").add(50, segment)
                .add(52, "20261125-10:00:00.000").add(56, source).add(6, "5321.25").add(11, "C1").add(14, 1)
                .add(17, "T" + segment + sourceSeq).add(20, "0").add(31, "5321.25").add(32, 1).add(37, "O1")
                .add(38, 1).add(39, "2").add(54, "1").add(55, "ES").add(150, "F").add(151, 0)
                .add(5979, requestTime).build();
        String wrapped = new FixMessageBuilder("FIX.4.2", "n").add(34, outer++).add(49, "CME").add(50, segment)
                .add(52, "20261125-10:00:00.000").add(56, "DEMO01N").add(97, possResend ? "Y" : null)
                .addData(212, 213, DropCopyUnwrapper.envelope(inner)).build();
        return EventTranslator.translate(wrapped, "DEMO", "demo");
    }

    @Test
    void possibleResendsOfFillsAreRecognisedAfterARestartPerMarketSegment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(PossibleResends.FILE_NAME);
        PossibleResends before = new PossibleResends(10, file);
        before.delivered(fill("M2L000N", "7", 41, "1764064800000000001", false));
        before.delivered(fill("M2L000N", "8", 41, "1764064800000000002", false));
        before.close();

        PossibleResends after = new PossibleResends(10, file); // the restart: a new instance from the same file
        assertTrue(after.isDuplicate(fill("M2L000N", "7", 41, "1764064800000000001", true)),
                "a 97=Y copy of a fill delivered before the restart");
        assertTrue(after.isDuplicate(fill("M2L000N", "8", 41, "1764064800000000002", true)));
        assertFalse(after.isDuplicate(fill("M2L000N", "9", 41, "1764064800000000001", true)),
                "the same source sequence and RequestTime in another market segment is another fill");
        assertFalse(after.isDuplicate(fill("M2L000N", "7", 41, "1764064800000000003", true)),
                "another RequestTime: another fill");
    }

    @Test
    void thePersistedKeysStayBounded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(PossibleResends.FILE_NAME);
        PossibleResends seen = new PossibleResends(3, file);
        for (int i = 1; i <= 20; i++) {
            seen.delivered(fill("M2L000N", "7", i, String.valueOf(i), false));
        }
        seen.close();
        String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
        int used = text.indexOf('\u0000') < 0 ? text.length() : text.indexOf('\u0000'); // the mapped region's rest
        long keys = text.substring(0, used).lines().count();
        assertTrue(keys <= 6, "at most twice the capacity on disk, found " + keys);
        PossibleResends restarted = new PossibleResends(3, file);
        assertTrue(restarted.isDuplicate(fill("M2L000N", "7", 20, "20", true)), "the last ones are kept");
        assertFalse(restarted.isDuplicate(fill("M2L000N", "7", 1, "1", true)), "the oldest are forgotten");
    }

    @Test
    void onlyTheLastMessagesAreRemembered() throws Exception {
        PossibleResends seen = new PossibleResends(2);
        seen.delivered(event("M2L000N", 1, "1", false));
        seen.delivered(event("M2L000N", 2, "2", false));
        seen.delivered(event("M2L000N", 3, "3", false));
        assertFalse(seen.isDuplicate(event("M2L000N", 1, "1", true)));
        assertTrue(seen.isDuplicate(event("M2L000N", 3, "3", true)));
    }
}
