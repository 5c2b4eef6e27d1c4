package io.dropcopy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventTranslatorTest {

    @Test
    void executionReportBecomesOneJsonObjectWithTheNormalizedFields() throws Exception {
        String inner = Samples.innerFill(FixMessage.SOH);
        DropCopyEvent e = EventTranslator.translate(Samples.wrap(inner, 77), "DEMO", "DEMO-CGW");

        assertEquals(EventKind.PARTIAL_FILL, e.kind());
        assertEquals(77, e.seqNum());
        assertEquals("2024-03-15", e.tradeDate());
        String json = e.toJson();
        String expected = "{\"schemaVersion\":2,\"kind\":\"partial_fill\",\"msgType\":\"8\",\"group\":\"DEMO\","
                + "\"targetSession\":\"DEMO-CGW\",\"seqNum\":77,\"possDup\":false,\"possResend\":false,"
                + "\"sendingTime\":\"2024-03-15T14:30:00.125Z\","
                + "\"outerHeader\":{\"senderCompId\":\"CME\",\"senderSubId\":\"G\",\"targetCompId\":\"ABCDEFN\","
                + "\"targetSubId\":\"DC\",\"targetLocationId\":\"US,IL\",\"lastMsgSeqNumProcessed\":\"1\"},"
                + "\"sourceSession\":{\"compId\":\"M2L000N\",\"subId\":\"TRADER1\",\"locationId\":\"US,IL\","
                + "\"seqNum\":\"1207\",\"lastMsgSeqNumProcessed\":\"1190\",\"sendingTime\":\"2024-03-15T14:30:00.123Z\",\"senderSubId\":\"G\"},"
                + "\"execId\":\"62123:M:48812TN0001234\",\"orderId\":\"7154321098\",\"clOrdId\":\"CL-42\","
                + "\"correlationClOrdId\":\"CL-42\",\"account\":\"ACCT-7\",\"execType\":\"PARTIAL_FILL\","
                + "\"execTypeCode\":\"1\",\"execTransType\":\"NEW\",\"execTransTypeCode\":\"0\","
                + "\"ordStatus\":\"PARTIALLY_FILLED\",\"ordStatusCode\":\"1\",\"symbol\":\"ES\",\"securityId\":\"118\","
                + "\"securityDesc\":\"ESM4\",\"side\":\"BUY\",\"sideCode\":\"1\",\"ordType\":\"LIMIT\","
                + "\"ordTypeCode\":\"2\",\"timeInForce\":\"DAY\",\"timeInForceCode\":\"0\",\"orderQty\":\"5\","
                + "\"price\":\"4512.25\",\"lastQty\":\"2\",\"lastPx\":\"4512.25\",\"cumQty\":\"3\",\"leavesQty\":\"3\","
                + "\"aggressorIndicator\":\"Y\",\"manualOrderIndicator\":\"Y\","
                + "\"transactTime\":\"2024-03-15T14:30:00.123456Z\",\"tradeDate\":\"2024-03-15\",\"raw\":\"";
        assertTrue(json.startsWith(expected), json);
        // the raw inner message is kept, its separators escaped so the line stays one JSON line
        assertTrue(json.endsWith("\\u000110=" + inner.substring(inner.length() - 4, inner.length() - 1) + "\\u0001\"}"), json);
        assertFalse(json.contains("\n"));
    }

    @Test
    void bustAndCorrectionAreChangesToEarlierFills() throws Exception {
        String bust = new FixMessageBuilder("FIX.4.2", "8").add(34, 9).add(49, "CME").add(56, "M2L000N")
                .add(17, "62123:M:48812TN0009999").add(19, "N0001234").add(20, "1").add(37, "7154321098")
                .add(39, "H").add(150, "H").add(31, "4512.25").add(32, "2").build();
        DropCopyEvent e = EventTranslator.translate(Samples.wrap(bust, 90), "DEMO", "S1");
        assertEquals(EventKind.BUST, e.kind());
        assertTrue(e.toJson().contains("\"execRefId\":\"N0001234\""));

        String correction = new FixMessageBuilder("FIX.4.2", "8").add(34, 10).add(49, "CME").add(56, "M2L000N")
                .add(17, "62123:M:48812TN0010000").add(19, "N0001234").add(20, "2").add(37, "7154321098")
                .add(39, "G").add(150, "G").add(31, "4512.50").add(32, "2").build();
        assertEquals(EventKind.CORRECTION, EventTranslator.translate(Samples.wrap(correction, 91), "DEMO", "S1").kind());
    }

    @Test
    void malformedFieldsAreRejectedNamingTheTag() {
        String fixed = new FixMessageBuilder("FIX.4.2", "8").add(34, 9).add(49, "CME").add(17, "X").add(150, "2")
                .add(39, "2").add(31, "12,5").build();
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> EventTranslator.translate(Samples.wrap(fixed, 3), "G", "S"));
        assertTrue(e.getMessage().contains("31"), e.getMessage());

        String noExecId = new FixMessageBuilder("FIX.4.2", "8").add(34, 9).add(150, "2").add(39, "2").build();
        e = assertThrows(MalformedMessageException.class, () -> EventTranslator.translate(Samples.wrap(noExecId, 3), "G", "S"));
        assertTrue(e.getMessage().contains("ExecID(17)"), e.getMessage());
    }

    @Test
    void timestampsKeepTheirPrecision() throws Exception {
        assertEquals("2024-03-15T14:30:00Z", Fields.timestamp("20240315-14:30:00", 60));
        assertEquals("2024-03-15T14:30:00.123456789Z", Fields.timestamp("20240315-14:30:00.123456789", 60));
        assertThrows(MalformedMessageException.class, () -> Fields.timestamp("2024-03-15 14:30", 60));
        assertThrows(MalformedMessageException.class, () -> Fields.timestamp("20240315-14:30:00.", 60));
    }
}
