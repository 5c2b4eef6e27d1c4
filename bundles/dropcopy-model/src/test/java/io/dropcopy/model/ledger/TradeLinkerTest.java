package io.dropcopy.model.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The linking rule on hand-built trades: every expectation is written out here, not derived from the rule. */
class TradeLinkerTest {
    private static final String DAY1 = "2026-12-03";
    private static final String DAY2 = "2026-12-04";

    private static LedgerTrade fill(String order, String security, String date, String md, String execId) {
        return new LedgerTrade(order, security, date, md, List.of(execId), "100.5", "2", false);
    }

    private static TradeChange bust(String order, String security, String date, String md, String ref) {
        return new TradeChange(TradeChange.Type.BUST, "BUST-" + ref, ref, order, security, date, md, "100.5", "2");
    }

    private static TradeChange correction(String execId, String order, String security, String date, String md,
            String ref, String px) {
        return new TradeChange(TradeChange.Type.CORRECTION, execId, ref, order, security, date, md, px, "2");
    }

    @Test
    void iLink2SuffixLinksOnlyInsideTheOrderEvenWhenAnotherOrdersFillEndsTheSame() {
        LedgerTrade otherOrder = fill("ORD-1", "42140", DAY2, null, "61234:M:1200TN0000412");
        LedgerTrade own = fill("ORD-2", "42140", DAY2, null, "99999:M:77TN0000412");
        LinkResult r = TradeLinker.link(bust("ORD-2", "42140", DAY2, null, "TN0000412"), List.of(otherOrder, own));
        assertEquals(LinkResult.Outcome.LINKED, r.outcome(), r.reason());
        assertSame(own, r.trade());
        // with only the other order's fill held, it is unknown: never a search across orders
        LinkResult none = TradeLinker.link(bust("ORD-2", "42140", DAY2, null, "TN0000412"), List.of(otherOrder));
        assertEquals(LinkResult.Outcome.UNKNOWN, none.outcome());
        assertNull(none.trade());
        assertTrue(none.reason().startsWith("unknown: bust BUST-TN0000412"), none.reason());
        assertTrue(none.reason().contains("37=ORD-2, 48=42140, 75=" + DAY2), none.reason());
    }

    @Test
    void theSameTradeNumberOnAnotherInstrumentOrDayIsNotACandidate() {
        LedgerTrade day1 = fill("GTC-7", "42140", DAY1, null, "61234:M:1200TN0000412");
        LedgerTrade otherInstrument = fill("GTC-7", "42150", DAY2, null, "61234:M:1201TN0000412");
        LedgerTrade day2 = fill("GTC-7", "42140", DAY2, null, "61234:M:1202TN0000412");
        List<LedgerTrade> all = List.of(day1, otherInstrument, day2);
        assertSame(day2, TradeLinker.link(bust("GTC-7", "42140", DAY2, null, "TN0000412"), all).trade());
        assertSame(day1, TradeLinker.link(bust("GTC-7", "42140", DAY1, null, "TN0000412"), all).trade());
        assertSame(otherInstrument, TradeLinker.link(bust("GTC-7", "42150", DAY2, null, "TN0000412"), all).trade());
    }

    @Test
    void severalCandidatesAreAmbiguousAndNamed() {
        LedgerTrade a = fill("ORD-3", "42140", DAY2, null, "61234:M:1200TN0000412");
        LedgerTrade b = fill("ORD-3", "42140", DAY2, null, "61234:M:1200TN0001412");
        LinkResult r = TradeLinker.link(bust("ORD-3", "42140", DAY2, null, "412"), List.of(a, b));
        assertEquals(LinkResult.Outcome.AMBIGUOUS, r.outcome());
        assertNull(r.trade());
        assertEquals(List.of("61234:M:1200TN0000412", "61234:M:1200TN0001412"), r.candidateExecIds());
        assertTrue(r.reason().startsWith("ambiguous: bust BUST-412 (ExecRefID 412) matches 2 trades of order 37=ORD-3"),
                r.reason());
        assertTrue(r.reason().contains("[61234:M:1200TN0000412, 61234:M:1200TN0001412]"), r.reason());
    }

    @Test
    void mdTradeEntryIdDecidesWhereBothCarryIt() {
        // ExecRefID's embedding is unpublished for iLink 3 payloads: 37711 links even when 19 is not the ExecID's tail
        LedgerTrade t = fill("ORD-4", "42140", DAY2, "700002", "64:M:5000TN0091002");
        LedgerTrade sibling = fill("ORD-4", "42140", DAY2, "700003", "64:M:5000TN0091003");
        LinkResult r = TradeLinker.link(bust("ORD-4", "42140", DAY2, "700002", "91002"), List.of(t, sibling));
        assertSame(t, r.trade(), r.reason());
        r = TradeLinker.link(bust("ORD-4", "42140", DAY2, "700002", "SOMETHING-ELSE"), List.of(t, sibling));
        assertSame(t, r.trade(), r.reason());
        // a suffix that fits but a 37711 that names no trade of the order: unknown, not the suffix's trade
        r = TradeLinker.link(bust("ORD-4", "42140", DAY2, "799999", "TN0091002"), List.of(t, sibling));
        assertEquals(LinkResult.Outcome.UNKNOWN, r.outcome(), r.reason());
    }

    @Test
    void legFillsWithout37711LinkByExecRefId() {
        LedgerTrade leg1 = fill("SPR-1", "42140", DAY2, null, "64:M:5000TN0092002");
        LedgerTrade leg2 = fill("SPR-1", "42150", DAY2, null, "64:M:5000TN0092003");
        LedgerTrade summary = fill("SPR-1", "42199", DAY2, "700020", "64:M:5000TN0092001");
        List<LedgerTrade> all = List.of(summary, leg1, leg2);
        assertSame(leg2, TradeLinker.link(bust("SPR-1", "42150", DAY2, null, "TN0092003"), all).trade());
        assertSame(summary, TradeLinker.link(bust("SPR-1", "42199", DAY2, "700020", "TN0092001"), all).trade());
    }

    @Test
    void correctionOfACorrectionThenBustOfTheCorrectedTrade() {
        LedgerTrade t = fill("ORD-5", "42140", DAY2, null, "61234:M:1200TN0081101");
        // first correction refers to the fill's trade id
        TradeChange c1 = correction("61234:M:1200TN0081160", "ORD-5", "42140", DAY2, null, "TN0081101", "100.25");
        LinkResult r = TradeLinker.link(c1, List.of(t));
        assertSame(t, r.trade());
        LedgerTrade afterC1 = t.apply(c1);
        assertEquals(List.of("61234:M:1200TN0081101", "61234:M:1200TN0081160"), afterC1.execIds());
        assertEquals("100.25", afterC1.lastPx());
        // a second correction may name the correction's id or the fill's: both find the one trade
        TradeChange c2 = correction("61234:M:1200TN0081170", "ORD-5", "42140", DAY2, null, "TN0081160", "100.00");
        assertSame(afterC1, TradeLinker.link(c2, List.of(afterC1)).trade());
        TradeChange c2b = correction("61234:M:1200TN0081171", "ORD-5", "42140", DAY2, null, "TN0081101", "100.00");
        assertSame(afterC1, TradeLinker.link(c2b, List.of(afterC1)).trade());
        LedgerTrade afterC2 = afterC1.apply(c2);
        assertEquals("100.00", afterC2.lastPx());
        assertEquals("61234:M:1200TN0081170", afterC2.currentExecId());
        assertEquals("61234:M:1200TN0081101", afterC2.fillExecId());
        TradeChange b = bust("ORD-5", "42140", DAY2, null, "TN0081170");
        assertSame(afterC2, TradeLinker.link(b, List.of(afterC2)).trade());
        LedgerTrade busted = afterC2.apply(b);
        assertTrue(busted.busted());
        // nothing changes a busted trade again
        LinkResult again = TradeLinker.link(bust("ORD-5", "42140", DAY2, null, "TN0081101"), List.of(busted));
        assertEquals(LinkResult.Outcome.ALREADY_BUSTED, again.outcome());
        assertTrue(again.reason().startsWith("already busted:"), again.reason());
        assertThrows(IllegalStateException.class, () -> busted.apply(b));
    }

    @Test
    void aChangeThatCannotBePlacedIsIncomplete() {
        LedgerTrade t = fill("ORD-6", "42140", DAY2, null, "61234:M:1200TN0000001");
        LinkResult r = TradeLinker.link(bust("ORD-6", null, DAY2, null, "TN0000001"), List.of(t));
        assertEquals(LinkResult.Outcome.INCOMPLETE, r.outcome());
        assertTrue(r.reason().contains("SecurityID(48)"), r.reason());
        r = TradeLinker.link(bust("ORD-6", "42140", null, null, null), List.of(t));
        assertTrue(r.reason().contains("TradeDate(75), ExecRefID(19) or MDTradeEntryID(37711)"), r.reason());
    }

    @Test
    void identityIsExecIdWithinTradeDateAndMarketSegment() {
        FillIdentity a = new FillIdentity(DAY2, "64", "64:M:5000TN0091002");
        assertEquals(a, new FillIdentity(DAY2, "64", "64:M:5000TN0091002"));
        assertEquals(a.hashCode(), new FillIdentity(DAY2, "64", "64:M:5000TN0091002").hashCode());
        assertTrue(!a.equals(new FillIdentity(DAY2, "99", "64:M:5000TN0091002")), "another segment, another fill");
        assertTrue(!a.equals(new FillIdentity(DAY1, "64", "64:M:5000TN0091002")), "another day, another fill");
        assertEquals("2026-12-04/64/64:M:5000TN0091002", a.toString());
        assertEquals("-/-/X", new FillIdentity(null, null, "X").toString());
    }
}
