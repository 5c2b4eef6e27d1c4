package io.dropcopy.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.ledger.FillIdentity;
import io.dropcopy.model.ledger.LedgerTrade;
import io.dropcopy.model.ledger.LinkResult;
import io.dropcopy.model.ledger.TradeChange;
import io.dropcopy.model.ledger.TradeLinker;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The realistic scenario's iLink 3-shaped payloads (docs/cme-payloads.md) through the model's EventTranslator, and
 * its expected ledger against the model's TradeLinker: each bust and correction links to exactly the fill the ledger
 * says, and the final states agree.
 */
class Ilink3PayloadsTest {
    static final Instant NOW = RealisticOrdersTest.NOW;
    static final int MESSAGES = 6000;

    /** The stream translated, and the same stream's notes in a ledger (outer sequence = position). */
    private static final class Run {
        final List<DropCopyEvent> events = new ArrayList<>();
        final LedgerBook book = new LedgerBook("DEMO01N", null);
    }

    static Run run(long seed) throws Exception {
        Run r = new Run();
        RealisticOrders orders = new RealisticOrders(seed, 0, true);
        for (int i = 1; i <= MESSAGES; i++) {
            Draft d = orders.next();
            Instant now = NOW.plusMillis(i);
            r.events.add(EventTranslator.translate(RealisticOrdersTest.outer(d.build(now), i), "SIM", "sim"));
            r.book.sent(i, false, d.note, now);
        }
        return r;
    }

    @Test
    void payloadsHaveTheIlink3Shape() throws Exception {
        Run r = run(7);
        Map<EventKind, Integer> kinds = new EnumMap<>(EventKind.class);
        Map<String, Long> seqPerSession = new HashMap<>();
        int fok = 0;
        int cross = 0;
        int restated = 0;
        int repeatedSeq = 0;
        Map<Long, Integer> seqSeen = new HashMap<>();
        for (DropCopyEvent e : r.events) {
            kinds.merge(e.kind(), 1, Integer::sum);
            e.toJson();
            assertNull(e.field(9717), "no 9717 (deprecated with iLink 3): " + e);
            assertNull(e.field(369), "no 369: " + e);
            String segment = e.field(50);
            assertTrue(List.of("64", "74", "80").contains(segment), "the segment in the inner 50: " + e);
            if (e.field(1300) == null) {
                assertEquals(segment, e.marketSegment());
            }
            // one iLink 3 session per source and segment: its own sequence from 1
            String session = e.sourceSession() + "/" + segment;
            assertEquals(seqPerSession.getOrDefault(session, 0L) + 1, e.sourceSeqNum(), session);
            seqPerSession.put(session, e.sourceSeqNum());
            if (seqSeen.merge(e.sourceSeqNum(), 1, Integer::sum) == 2) {
                repeatedSeq++;
            }
            if ("8".equals(e.msgType())) {
                assertEquals("0", e.field(41), "41=0 on every execution report: " + e);
                assertNotNull(e.requestTime(), "5979 on every execution report: " + e);
            }
            boolean fill = e.kind() == EventKind.FILL || e.kind() == EventKind.PARTIAL_FILL;
            if (fill) {
                assertEquals("2".equals(e.field(442)), e.field(37711) == null, "37711 on fills except legs: " + e);
            }
            if (e.kind() == EventKind.BUST || e.kind() == EventKind.CORRECTION) {
                assertNotNull(e.field(37711), "37711 refers back to the trade: " + e);
            }
            if ("4".equals(e.field(59))) {
                fok++;
                assertTrue(e.kind() != EventKind.PARTIAL_FILL, "fill or kill: never partly filled");
            }
            if (e.field(548) != null) {
                cross++;
                Long.parseLong(e.field(548)); // an integer CrossID
            }
            if (e.field(378) != null) {
                restated++;
                assertEquals(EventKind.CANCEL, e.kind());
            }
        }
        for (EventKind k : EventKind.values()) {
            assertEquals(!RealisticOrdersTest.NOT_SENT.contains(k), kinds.containsKey(k), k + " in " + kinds);
        }
        assertTrue(fok > 5 && cross > 5 && restated > 5, fok + " FOK, " + cross + " cross, " + restated + " 378");
        assertTrue(repeatedSeq > 100, "sessions in several segments reuse sequence numbers: " + repeatedSeq);
        assertTrue(seqPerSession.size() >= 8, seqPerSession.toString());
    }

    @Test
    void theLinkerPlacesEveryChangeOnTheFillTheLedgerSaysAndTheFinalStatesAgree() throws Exception {
        Run r = run(11);
        ExpectedLedger ledger = r.book.snapshot();
        Map<String, String> fillOfChange = new HashMap<>();
        for (ExpectedLedger.Fill f : ledger.fills()) {
            for (String change : f.changeExecIds()) {
                fillOfChange.put(change, f.execId());
            }
        }
        Map<String, LedgerTrade> trades = new LinkedHashMap<>(); // by the fill's ExecID
        int busts = 0;
        int corrections = 0;
        int chained = 0;
        for (DropCopyEvent e : r.events) {
            if ((e.kind() == EventKind.FILL || e.kind() == EventKind.PARTIAL_FILL)) {
                trades.put(e.execId(), LedgerTrade.ofFill(e));
                ExpectedLedger.Fill f = ledger.fill(e.execId());
                assertNotNull(f, "the ledger holds fill " + e.execId());
                assertEquals(FillIdentity.of(e), f.identity());
                assertEquals(List.of(e.orderId(), e.field(48), e.field(1), e.field(54), new BigDecimal(e.field(31)),
                        Long.parseLong(e.field(32))), List.of(f.orderId(), f.securityId(), f.account(), f.side(),
                        f.originalPrice(), f.qty()));
            } else if (e.kind() == EventKind.BUST || e.kind() == EventKind.CORRECTION) {
                TradeChange change = TradeChange.of(e);
                LinkResult link = TradeLinker.link(change, trades.values());
                assertTrue(link.linked(), link.reason());
                String expected = fillOfChange.get(e.execId());
                assertEquals(expected, link.trade().fillExecId(), "the fill the ledger says for " + e.execId());
                if (link.trade().execIds().size() > 1) {
                    chained++;
                }
                trades.put(link.trade().fillExecId(), link.trade().apply(change));
                if (e.kind() == EventKind.BUST) {
                    busts++;
                } else {
                    corrections++;
                }
            }
        }
        assertTrue(busts > 10 && corrections > 10 && chained > 3,
                busts + " busts, " + corrections + " corrections, " + chained + " changes of corrected trades");
        assertEquals(List.of(), ledger.unmatched());
        assertEquals(trades.keySet(), ledger.fills().stream().map(ExpectedLedger.Fill::execId)
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
        for (ExpectedLedger.Fill f : ledger.fills()) {
            LedgerTrade t = trades.get(f.execId());
            assertEquals(f.state() == ExpectedLedger.State.BUSTED, t.busted(), f.execId());
            assertEquals(f.price(), new BigDecimal(t.lastPx()), f.execId());
            assertEquals(f.qty(), Long.parseLong(t.lastQty()), f.execId());
            assertEquals(f.state() == ExpectedLedger.State.CORRECTED || (f.state() == ExpectedLedger.State.BUSTED
                    && t.execIds().size() > 1), t.execIds().size() > 1, f.execId());
        }
        assertFalse(ledger.fills(ExpectedLedger.State.CORRECTED).isEmpty());
    }

    @Test
    void cgwStaysIlink2ShapedByDefaultAndMsgwGetsIlink3() {
        SimulatorConfig cgw = SimulatorConfig.builder().build();
        assertFalse(cgw.ilink3Payloads());
        SimulatorConfig msgw = SimulatorConfig.builder().segments(Segment.parseAll("64,74")).build();
        assertTrue(msgw.ilink3Payloads());
        assertTrue(msgw.forSegment(0).ilink3Payloads());
        assertTrue(cgw.toBuilder().payloads(SimulatorConfig.Payloads.ILINK3).build().ilink3Payloads());
        assertFalse(msgw.toBuilder().payloads(SimulatorConfig.Payloads.ILINK2).build().ilink3Payloads());
    }
}
