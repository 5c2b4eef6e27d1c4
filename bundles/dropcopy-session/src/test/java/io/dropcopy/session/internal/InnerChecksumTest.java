package io.dropcopy.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import quickfix.Message;
import quickfix.field.ExecID;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.OrderID;

/** The inner CheckSum(10) as QuickFIX/J writes it (an independent implementation) is accepted; any damage is not. */
class InnerChecksumTest {

    private static String inner() {
        Message m = new Message();
        m.getHeader().setString(8, "FIX.4.2");
        m.getHeader().setField(new MsgType("8"));
        m.getHeader().setField(new MsgSeqNum(1204));
        m.setField(new OrderID("7154321101"));
        m.setField(new ExecID("62123:M:48812TN0000411"));
        return m.toString(); // QuickFIX/J computes 9 and 10
    }

    private static String outer(String inner) {
        return "8=FIX.4.2\u00019=999\u000135=n\u000134=7\u0001212=" + (inner.length() + 13) + "\u0001213=<RTRF>" + inner
                + "</RTRF>\u000110=000\u0001";
    }

    @Test
    void quickfixjsChecksumIsAccepted() {
        assertNull(InnerChecksum.mismatch(outer(inner())));
    }

    @Test
    void anInnerMessageRenderedWithStxSeparatorsIsSummedAsCmeSentIt() {
        assertNull(InnerChecksum.mismatch(outer(inner().replace('\u0001', '\u0002'))));
    }

    @Test
    void oneChangedByteIsRefused() {
        String damaged = inner().replace("7154321101", "7154321102");
        String reason = InnerChecksum.mismatch(outer(damaged));
        assertNotNull(reason);
        assertTrue(reason.startsWith("inner CheckSum(10) is "), reason);
    }

    @Test
    void aTruncatedInnerMessageIsRefused() {
        String whole = inner();
        String truncated = whole.substring(0, whole.indexOf("\u000110=") + 1);
        assertEquals("inner message has no CheckSum(10): truncated", InnerChecksum.mismatch(outer(truncated)));
    }

    @Test
    void aTwoDigitChecksumIsRefused() {
        String whole = inner();
        int at = whole.indexOf("\u000110=") + 4;
        String twoDigits = whole.substring(0, at) + whole.substring(at + 1); // "10=123" -> "10=23"
        assertNotNull(InnerChecksum.mismatch(outer(twoDigits)));
    }
}
