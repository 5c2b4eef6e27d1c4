package io.dropcopy.session.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.FixMessageBuilder;
import org.junit.jupiter.api.Test;

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
