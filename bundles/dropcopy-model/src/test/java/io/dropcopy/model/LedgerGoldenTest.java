package io.dropcopy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.ledger.FillIdentity;
import io.dropcopy.model.ledger.LedgerTrade;
import io.dropcopy.model.ledger.LinkResult;
import io.dropcopy.model.ledger.TradeChange;
import io.dropcopy.model.ledger.TradeLinker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger rule on the golden messages: iLink 2 shapes (cases 04-10) and iLink 3-era shapes (cases 33-61). */
class LedgerGoldenTest {

    private static DropCopyEvent event(String name) throws MalformedMessageException {
        GoldenFiles.Case c = GoldenFiles.load(name);
        return EventTranslator.translate(c.outer, c.group, c.targetSession);
    }

    @Test
    void iLink2BustAndCorrectionLinkToTheFillOf05() throws Exception {
        LedgerTrade partial = LedgerTrade.ofFill(event("04-partial-fill"));
        LedgerTrade fill = LedgerTrade.ofFill(event("05-fill"));
        for (String change : List.of("09-trade-bust", "10-trade-correction")) {
            LinkResult r = TradeLinker.link(TradeChange.of(event(change)), List.of(partial, fill));
            assertEquals(LinkResult.Outcome.LINKED, r.outcome(), r.reason());
            assertSame(fill, r.trade(), change);
        }
    }

    @Test
    void iLink3MsgwBustLinksByMdTradeEntryId() throws Exception {
        LedgerTrade partial = LedgerTrade.ofFill(event("33-il3-msgw-partial-fill"));
        LedgerTrade fill = LedgerTrade.ofFill(event("34-il3-msgw-fill"));
        LinkResult r = TradeLinker.link(TradeChange.of(event("36-il3-msgw-trade-cancel")), List.of(partial, fill));
        assertSame(fill, r.trade(), r.reason());
        assertEquals("700002", fill.mdTradeEntryId());
    }

    @Test
    void iLink3MsgwCorrectionChainEndsBusted() throws Exception {
        LedgerTrade partial = LedgerTrade.ofFill(event("33-il3-msgw-partial-fill"));
        LedgerTrade fill = LedgerTrade.ofFill(event("34-il3-msgw-fill"));
        List<LedgerTrade> ledger = new ArrayList<>(List.of(partial, fill));
        String[] expectedPx = {"6052.25", "6052.00", "6052.00"};
        String[] changes = {"37-il3-msgw-trade-correction", "38-il3-msgw-correction-of-correction",
            "39-il3-msgw-bust-of-correction"};
        for (int i = 0; i < changes.length; i++) {
            TradeChange change = TradeChange.of(event(changes[i]));
            LinkResult r = TradeLinker.link(change, ledger);
            assertEquals(LinkResult.Outcome.LINKED, r.outcome(), r.reason());
            int at = ledger.indexOf(r.trade());
            assertEquals(0, at, changes[i] + " changes the partial fill of 33, never the fill of 34");
            ledger.set(at, r.trade().apply(change));
            assertEquals(expectedPx[i], ledger.get(0).lastPx());
            assertEquals("2", ledger.get(0).lastQty());
        }
        assertTrue(ledger.get(0).busted());
        assertEquals(List.of("64:M:5000TN0091001", "64:M:5000TN0091060", "64:M:5000TN0091070"), ledger.get(0).execIds());
        assertSame(fill, ledger.get(1));
    }

    @Test
    void cgwBustAndCorrectionOfIlink3EraPayloads() throws Exception {
        LedgerTrade partial = LedgerTrade.ofFill(event("53-il3-cgw-partial-fill"));
        LedgerTrade fill = LedgerTrade.ofFill(event("54-il3-cgw-fill"));
        assertSame(fill, TradeLinker.link(TradeChange.of(event("55-il3-cgw-trade-cancel")), List.of(partial, fill)).trade());
        assertSame(partial,
                TradeLinker.link(TradeChange.of(event("56-il3-cgw-trade-correction")), List.of(partial, fill)).trade());
    }

    @Test
    void sameExecIdInAnotherSegmentIsAnotherFillAndAnIlink3RetransmissionIsTheSame() throws Exception {
        DropCopyEvent seg64 = event("34-il3-msgw-fill");
        DropCopyEvent seg99 = event("48-il3-msgw-other-segment-same-seq");
        assertEquals(seg64.execId(), seg99.execId());
        assertEquals(seg64.seqNum(), seg99.seqNum());
        assertEquals("64", seg64.marketSegment());
        assertEquals("99", seg99.marketSegment());
        assertNotEquals(FillIdentity.of(seg64), FillIdentity.of(seg99));
        assertEquals(FillIdentity.of(event("33-il3-msgw-partial-fill")), FillIdentity.of(event("49-il3-msgw-possretrans")));
        assertEquals(null, event("05-fill").marketSegment(), "a CGW payload (inner 50=G) names no segment");
    }
}
