package io.dropcopy.positions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.positions.Alert;
import io.dropcopy.positions.Position;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Positions from real drop copy events; every expected figure worked out by hand. */
class LedgerTest {
    private final RiskEngine engine = new RiskEngine(() -> 1_765_000_000_000L);

    private Position only(String account, String securityId) {
        List<Position> p = engine.positions(Msgs.GROUP, account, securityId, "2026-12-06");
        assertEquals(1, p.size(), p.toString());
        return p.get(0);
    }

    @Test
    void fillsMakeNetAveragesAndCounts() throws Exception {
        engine.onEvent(Msgs.event(Msgs.fill("E1-000000001", "O1", "ACC1", "118", "ESZ6", "1", 2, "4500.25")));
        engine.onEvent(Msgs.event(Msgs.fill("E1-000000002", "O1", "ACC1", "118", "ESZ6", "1", 3, "4501.00")));
        engine.onEvent(Msgs.event(Msgs.fill("E1-000000003", "O2", "ACC1", "118", "ESZ6", "2", 1, "4502")));
        Position p = only("ACC1", "118");
        assertEquals(4, p.net());
        assertEquals(5, p.boughtQty());
        assertEquals(1, p.soldQty());
        assertEquals(3, p.fills());
        // (2 * 4500.25 + 3 * 4501.00) / 5 = 22503.5 / 5
        assertEquals(new BigDecimal("4500.7"), p.avgBuyPx());
        assertEquals(new BigDecimal("4502"), p.avgSellPx());
        assertEquals("ESZ6", p.description());
        assertEquals("2026-12-06T14:30:00.120Z", p.lastFillTime());
        Position running = engine.positions(Msgs.GROUP, "ACC1", "ESZ6", Position.ALL_DATES).get(0);
        assertEquals(4, running.net());
    }

    @Test
    void copiesAndResendsCountOnce() throws Exception {
        engine.onEvent(Msgs.event(Msgs.fill("E1-000000001", "O1", "ACC1", "118", "ESZ6", "1", 2, "4500")));
        engine.onEvent(Msgs.event(Msgs.fill("E1-000000001", "O1", "ACC1", "118", "ESZ6", "1", 2, "4500"), true));
        engine.onEvent(Msgs.event(Msgs.fill("E1-000000001", "O1", "ACC1", "118", "ESZ6", "1", 2, "4500")));
        assertEquals(2, only("ACC1", "118").net());
        assertEquals(1, only("ACC1", "118").fills());
    }

    @Test
    void sameExecIdOnAnotherTradeDateIsAnotherFill() throws Exception {
        engine.onEvent(Msgs.event(Msgs.fill("E1-000000001", "O1", "ACC1", "118", "ESZ6", "1", 2, "4500")));
        engine.onEvent(Msgs.event(Msgs.fillOn("20261207", "E1-000000001", "O9", "ACC1", "118", "ESZ6", "1", 1, "4500")));
        assertEquals(2, only("ACC1", "118").net());
        assertEquals(3, engine.positions(Msgs.GROUP, "ACC1", "118", Position.ALL_DATES).get(0).net());
    }

    @Test
    void bustRemovesTheFill() throws Exception {
        engine.onEvent(Msgs.event(Msgs.fill("62123:M:48812TN0001234", "O1", "ACC1", "118", "ESZ6", "1", 2, "4500")));
        engine.onEvent(Msgs.event(Msgs.fill("62123:M:48812TN0001235", "O1", "ACC1", "118", "ESZ6", "1", 3, "4510")));
        engine.onEvent(Msgs.event(Msgs.bust("B1", "TN0001234", "O1", "ACC1", "118", "ESZ6", "1", 2, "4500")));
        Position p = only("ACC1", "118");
        assertEquals(3, p.net());
        assertEquals(1, p.fills());
        assertEquals(new BigDecimal("4510"), p.avgBuyPx());
        // the same bust again (a copy) changes nothing and raises nothing
        engine.onEvent(Msgs.event(Msgs.bust("B1", "TN0001234", "O1", "ACC1", "118", "ESZ6", "1", 2, "4500"), true));
        assertEquals(3, only("ACC1", "118").net());
        assertTrue(engine.alerts(true).isEmpty(), engine.alerts(true).toString());
    }

    @Test
    void correctionRepricesAndResizesThenCorrectionOfCorrectionThenBustOfCorrection() throws Exception {
        engine.onEvent(Msgs.event(Msgs.fill("X-000000001", "O1", "ACC1", "118", "ESZ6", "2", 4, "4500")));
        engine.onEvent(Msgs.event(Msgs.correction("C-000000001", "000000001", "O1", "ACC1", "118", "ESZ6", "2", 3, "4499.75")));
        Position p = only("ACC1", "118");
        assertEquals(-3, p.net());
        assertEquals(1, p.fills());
        assertEquals(new BigDecimal("4499.75"), p.avgSellPx());
        // correction of the correction: refers to the correction's ExecID
        engine.onEvent(Msgs.event(Msgs.correction("C-000000002", "C-000000001", "O1", "ACC1", "118", "ESZ6", "2", 5, "4499.5")));
        assertEquals(-5, only("ACC1", "118").net());
        assertEquals(new BigDecimal("4499.5"), only("ACC1", "118").avgSellPx());
        // bust of the corrected fill
        engine.onEvent(Msgs.event(Msgs.bust("B-000000003", "C-000000002", "O1", "ACC1", "118", "ESZ6", "2", 5, "4499.5")));
        Position after = only("ACC1", "118");
        assertEquals(0, after.net());
        assertEquals(0, after.fills());
        assertNull(after.avgSellPx());
        assertTrue(engine.alerts(true).isEmpty());
    }

    @Test
    void bustNeverSearchesAcrossOrdersAndRefusesWithAnAlert() throws Exception {
        // order O1 holds a fill ending 0001234; the bust names order O2, whose only fill does not end so
        engine.onEvent(Msgs.event(Msgs.fill("AAA0001234", "O1", "ACC1", "118", "ESZ6", "1", 2, "4500")));
        engine.onEvent(Msgs.event(Msgs.fill("BBB0009999", "O2", "ACC1", "118", "ESZ6", "1", 1, "4500")));
        engine.onEvent(Msgs.event(Msgs.bust("B1", "0001234", "O2", "ACC1", "118", "ESZ6", "1", 2, "4500")));
        assertEquals(3, only("ACC1", "118").net());
        List<Alert> alerts = engine.alerts(true);
        assertEquals(1, alerts.size());
        assertEquals(Alert.Type.LINK_REFUSED, alerts.get(0).type());
        assertTrue(alerts.get(0).message().contains("unknown: bust B1") && alerts.get(0).message().contains("order 37=O2"),
                alerts.get(0).message());
        // a copy of the refused bust raises nothing more
        engine.onEvent(Msgs.event(Msgs.bust("B1", "0001234", "O2", "ACC1", "118", "ESZ6", "1", 2, "4500"), true));
        assertEquals(1, engine.alerts(true).size());
        assertEquals(1, engine.alerts(false).size());
    }

    @Test
    void sameTradeNumberOnAnotherInstrumentOrDayIsNotACandidate() throws Exception {
        engine.onEvent(Msgs.event(Msgs.fill("AAA0001234", "O1", "ACC1", "118", "ESZ6", "1", 2, "4500")));
        engine.onEvent(Msgs.event(Msgs.fill("CCC0001234", "O1", "ACC1", "200", "ESH7", "1", 7, "4600")));
        engine.onEvent(Msgs.event(Msgs.fillOn("20261205", "DDD0001234", "O1", "ACC1", "118", "ESZ6", "1", 4, "4500")));
        engine.onEvent(Msgs.event(Msgs.bust("B1", "0001234", "O1", "ACC1", "118", "ESZ6", "1", 2, "4500")));
        assertEquals(0, only("ACC1", "118").net());
        assertEquals(7, only("ACC1", "200").net());
        assertEquals(4, engine.positions(Msgs.GROUP, "ACC1", "118", "2026-12-05").get(0).net());
        assertTrue(engine.alerts(true).isEmpty());
    }

    @Test
    void ambiguousSuffixWithinTheOrderIsRefusedNamingTheCandidates() throws Exception {
        engine.onEvent(Msgs.event(Msgs.fill("A-10001234", "O1", "ACC1", "118", "ESZ6", "1", 2, "4500")));
        engine.onEvent(Msgs.event(Msgs.fill("B-20001234", "O1", "ACC1", "118", "ESZ6", "1", 3, "4500")));
        engine.onEvent(Msgs.event(Msgs.bust("B1", "0001234", "O1", "ACC1", "118", "ESZ6", "1", 2, "4500")));
        assertEquals(5, only("ACC1", "118").net());
        String message = engine.alerts(true).get(0).message();
        assertTrue(message.contains("ambiguous") && message.contains("A-10001234") && message.contains("B-20001234"), message);
    }

    @Test
    void mdTradeEntryIdDecidesWhereBothCarryIt() throws Exception {
        engine.onEvent(Msgs.event(Msgs.fill("A-10001234", "O1", "ACC1", "118", "ESZ6", "1", 2, "4500").add(37711, "77001")));
        engine.onEvent(Msgs.event(Msgs.fill("B-20001234", "O1", "ACC1", "118", "ESZ6", "1", 3, "4500").add(37711, "77002")));
        engine.onEvent(Msgs.event(Msgs.bust("B1", "0001234", "O1", "ACC1", "118", "ESZ6", "1", 3, "4500").add(37711, "77002")));
        assertEquals(2, only("ACC1", "118").net());
        assertTrue(engine.alerts(true).isEmpty());
    }

    @Test
    void spreadSummaryNeverCountsItsLegsDo() throws Exception {
        // buy 2 ESZ6-ESH7 calendar: summary 442=3 on the spread, legs 442=2: buy ESZ6, sell ESH7
        engine.onEvent(Msgs.event(Msgs.fill("S-1", "O7", "ACC1", "900", "ESZ6-ESH7", "1", 2, "-12.5")
                .add(442, "3").add(527, "SEC1")));
        engine.onEvent(Msgs.event(Msgs.fill("L-1", "O7", "ACC1", "118", "ESZ6", "1", 2, "4500").add(442, "2").add(527, "SEC1")));
        engine.onEvent(Msgs.event(Msgs.fill("L-2", "O7", "ACC1", "200", "ESH7", "2", 2, "4512.5").add(442, "2").add(527, "SEC1")));
        assertTrue(engine.positions(Msgs.GROUP, "ACC1", "900", null).isEmpty());
        assertEquals(2, only("ACC1", "118").net());
        assertEquals(-2, only("ACC1", "200").net());
        // a bust of the summary links to it and changes no position
        engine.onEvent(Msgs.event(Msgs.bust("B-9", "S-1", "O7", "ACC1", "900", "ESZ6-ESH7", "1", 2, "-12.5")));
        assertEquals(2, only("ACC1", "118").net());
        assertTrue(engine.alerts(true).isEmpty());
    }

    @Test
    void spreadLinkedFillWithout442IsRefused() throws Exception {
        engine.onEvent(Msgs.event(Msgs.fill("L-1", "O7", "ACC1", "118", "ESZ6", "1", 2, "4500").add(527, "SEC1")));
        assertTrue(engine.positions(Msgs.GROUP, null, null, null).isEmpty());
        assertEquals(Alert.Type.FILL_REFUSED, engine.alerts(true).get(0).type());
    }

    @Test
    void tapeShowsFillsBustsAndCorrectionsNewestFirst() throws Exception {
        engine.onEvent(Msgs.event(Msgs.fill("X-000000001", "O1", "ACC1", "118", "ESZ6", "1", 4, "4500")));
        engine.onEvent(Msgs.event(Msgs.bust("B-000000001", "000000001", "O1", "ACC1", "118", "ESZ6", "1", 4, "4500")));
        assertEquals("bust", engine.tape(10).get(0).kind());
        assertEquals(0L, engine.tape(10).get(0).netAfter());
        assertEquals("fill", engine.tape(10).get(1).kind());
        assertEquals(4L, engine.tape(10).get(1).netAfter());
        assertEquals(2, engine.recentEvents(Msgs.GROUP, "ACC1", 10).size());
    }

    @Test
    void sameExecIdInAnotherMarketSegmentIsAnotherFillACopyInTheSameIsNot() throws Exception {
        engine.onEvent(Msgs.event(Msgs.fill("E-1", "O1", "ACC1", "118", "ESZ6", "1", 2, "4500"), false, "54"));
        engine.onEvent(Msgs.event(Msgs.fill("E-1", "O2", "ACC1", "118", "ESZ6", "1", 3, "4500"), false, "56"));
        engine.onEvent(Msgs.event(Msgs.fill("E-1", "O1", "ACC1", "118", "ESZ6", "1", 2, "4500"), true, "54"));
        assertEquals(5, only("ACC1", "118").net());
        assertEquals(2, only("ACC1", "118").fills());
    }

    @Test
    void ilink3ShapedSegmentInInnerSenderSubIdOnACgwTarget() throws Exception {
        // iLink 3 payload on a CGW target: outer 50=G, inner 50 the market segment; same ExecID in two segments
        engine.onEvent(Msgs.event(Msgs.fill("E-7", "O1", "ACC1", "118", "ESZ6", "1", 1, "4500").add(50, "54")));
        engine.onEvent(Msgs.event(Msgs.fill("E-7", "O2", "ACC1", "118", "ESZ6", "1", 1, "4500").add(50, "56")));
        assertEquals(2, only("ACC1", "118").net());
    }
}
