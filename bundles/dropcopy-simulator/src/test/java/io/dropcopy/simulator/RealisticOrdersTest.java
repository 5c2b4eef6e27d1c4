package io.dropcopy.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.MalformedMessageException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import quickfix.Message;

/** The realistic scenario, message by message, through the model's EventTranslator (no network). */
class RealisticOrdersTest {
    static final Instant NOW = Instant.parse("2026-11-25T14:30:00.123Z");
    static final int MESSAGES = 5000;

    /** The whole outer 35=n as the simulator sends it (QuickFIX/J computes 9 and 10). */
    static String outer(String inner, long seq) {
        Message m = Traffic.wrap(inner);
        m.getHeader().setString(8, "FIX.4.2");
        m.getHeader().setString(49, "CME");
        m.getHeader().setString(50, "G");
        m.getHeader().setString(56, "DEMO01N");
        m.getHeader().setString(57, "OPS1");
        m.getHeader().setInt(34, (int) seq);
        m.getHeader().setString(52, "20261125-14:30:00.125");
        m.getHeader().setInt(369, 1);
        return m.toString();
    }

    /**
     * Kinds the simulator never sends: OTHER (not a CME message), and order status (150=I), pending cancel (150=6) and
     * pending replace (150=E), which the model reads when present but which no CME Drop Copy page confirms as a drop
     * copy payload (docs/cme-payloads.md, "Not confirmed"): the simulator does not invent traffic CME does not document.
     */
    static final Set<EventKind> NOT_SENT = Set.of(EventKind.OTHER, EventKind.ORDER_STATUS, EventKind.PENDING_CANCEL,
            EventKind.PENDING_REPLACE);

    static List<DropCopyEvent> translate(long seed, int count) throws MalformedMessageException {
        RealisticOrders orders = new RealisticOrders(seed, 0);
        List<DropCopyEvent> events = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String inner = orders.next().build(NOW.plusMillis(i));
            events.add(EventTranslator.translate(outer(inner, i + 1), "SIM", "sim"));
        }
        return events;
    }

    @Test
    void thousandsOfMessagesTranslateWithoutDeadLettersAndEveryKindOccurs() throws Exception {
        List<DropCopyEvent> events = translate(7, MESSAGES); // a MalformedMessageException fails the test
        Map<EventKind, Integer> kinds = new EnumMap<>(EventKind.class);
        for (DropCopyEvent e : events) {
            kinds.merge(e.kind(), 1, Integer::sum);
            e.toJson();
        }
        for (EventKind k : EventKind.values()) {
            if (NOT_SENT.contains(k)) {
                assertTrue(!kinds.containsKey(k), "kind " + k + " is not sent: " + kinds);
            } else {
                assertTrue(kinds.containsKey(k), "kind " + k + " occurs: " + kinds);
            }
        }
        assertTrue(kinds.get(EventKind.FILL) + kinds.get(EventKind.PARTIAL_FILL) > MESSAGES / 5, kinds.toString());
        assertTrue(kinds.get(EventKind.NEW) > MESSAGES / 6, kinds.toString());
    }

    @Test
    void bustsAndCorrectionsReferToFillsSentEarlier() throws Exception {
        List<DropCopyEvent> events = translate(7, MESSAGES);
        Map<String, DropCopyEvent> fillsBySuffix = new HashMap<>();
        Set<String> changed = new HashSet<>();
        int busts = 0;
        int corrections = 0;
        for (DropCopyEvent e : events) {
            if (e.kind() == EventKind.BUST || e.kind() == EventKind.CORRECTION) {
                DropCopyEvent fill = fillsBySuffix.get(e.execRefId());
                assertNotNull(fill, e.kind() + " " + e.execId() + " refers to " + e.execRefId()
                        + ", a fill sent before it");
                assertTrue(e.refersTo(fill.execId()));
                assertEquals(9, e.execRefId().length());
                assertTrue(changed.add(e.execRefId()), "a fill is busted or corrected once");
                assertEquals(fill.orderId(), e.orderId());
                assertEquals(fill.field(32), e.field(32), "same quantity");
                assertEquals(fill.securityDesc(), e.securityDesc());
                assertEquals(fill.sourceSession(), e.sourceSession());
                assertNull(e.field(442), "outright fills only");
                if (e.kind() == EventKind.BUST) {
                    busts++;
                    assertEquals(List.of("1", "H", "H"), List.of(e.field(20), e.field(39), e.field(150)));
                    assertEquals(fill.field(31), e.field(31), "the busted price");
                } else {
                    corrections++;
                    assertEquals(List.of("2", "G", "G"), List.of(e.field(20), e.field(39), e.field(150)));
                    assertNotEquals(fill.field(31), e.field(31), "the corrected price");
                }
                assertNotEquals(fill.execId(), e.execId(), "a new ExecID");
            } else if ((e.kind() == EventKind.FILL || e.kind() == EventKind.PARTIAL_FILL) && e.field(442) == null) {
                fillsBySuffix.put(e.execId().substring(e.execId().length() - 9), e);
            }
        }
        assertTrue(busts > 10 && corrections > 10, busts + " busts, " + corrections + " corrections");
    }

    @Test
    void identifiersAndSequencesAreConsistent() throws Exception {
        List<DropCopyEvent> events = translate(11, MESSAGES);
        Set<String> execIds = new HashSet<>();
        Set<String> suffixes = new HashSet<>();
        Map<String, Long> sourceSeq = new HashMap<>();
        Map<String, Long> sourceClientSeq = new HashMap<>();
        Set<String> sources = new HashSet<>();
        Set<String> instruments = new HashSet<>();
        for (DropCopyEvent e : events) {
            if (e.execId() != null) {
                assertTrue(execIds.add(e.execId()), "unique ExecID " + e.execId());
                assertTrue(suffixes.add(e.execId().substring(e.execId().length() - 9)), "unique last 9 characters");
            }
            String src = e.sourceSession();
            sources.add(src + "/" + e.field(57) + "/" + e.field(143));
            long seq = e.sourceSeqNum();
            assertEquals(sourceSeq.getOrDefault(src, 0L) + 1, seq, "the source session's own sequence " + src);
            sourceSeq.put(src, seq);
            long clientSeq = Long.parseLong(e.field(369));
            assertTrue(clientSeq >= sourceClientSeq.getOrDefault(src, 0L), "369 never goes back");
            sourceClientSeq.put(src, clientSeq);
            if (e.securityDesc() != null) {
                instruments.add(e.securityDesc());
            }
            if (e.kind() == EventKind.NEW || e.kind() == EventKind.MODIFY || e.kind() == EventKind.CANCEL
                    || e.kind() == EventKind.REJECT || e.kind() == EventKind.CANCEL_REJECT
                    || e.kind() == EventKind.MASS_ACTION_REPORT) {
                assertNotNull(e.requestTime(), "RequestTime(5979) on the answer to a request: " + e);
            }
            if (e.kind() == EventKind.FILL || e.kind() == EventKind.PARTIAL_FILL) {
                assertNull(e.requestTime(), "no RequestTime on fills");
                BigDecimal cum = new BigDecimal(e.field(14));
                BigDecimal leaves = new BigDecimal(e.field(151));
                assertEquals(new BigDecimal(e.field(38)), cum.add(leaves), "CumQty + LeavesQty = OrderQty");
                assertEquals(e.kind() == EventKind.FILL, leaves.signum() == 0);
            }
        }
        assertEquals(4, sources.size(), sources.toString());
        assertTrue(instruments.containsAll(Set.of("ESZ6", "NQZ6", "ZNZ6", "CLZ6", "ESZ6-ESH7", "CLZ6-CLF7")),
                instruments.toString());
    }

    @Test
    void spreadFillsComeWithTwoLegFillsLinkedBySecondaryExecId() throws Exception {
        List<DropCopyEvent> events = translate(3, MESSAGES);
        int spreads = 0;
        for (int i = 0; i < events.size(); i++) {
            DropCopyEvent e = events.get(i);
            if (!"3".equals(e.field(442))) {
                assertTrue(e.field(442) == null || "2".equals(events.get(i - 1).field(442))
                        || "3".equals(events.get(i - 1).field(442)), "leg fills follow their spread fill");
                continue;
            }
            spreads++;
            DropCopyEvent leg1 = events.get(i + 1);
            DropCopyEvent leg2 = events.get(i + 2);
            assertEquals(List.of("2", "2"), List.of(leg1.field(442), leg2.field(442)));
            assertNotNull(e.secondaryExecId());
            assertEquals(e.secondaryExecId(), leg1.secondaryExecId());
            assertEquals(e.secondaryExecId(), leg2.secondaryExecId());
            assertEquals(e.orderId(), leg1.orderId());
            assertTrue(e.securityDesc().startsWith(leg1.securityDesc() + "-"));
            assertTrue(e.securityDesc().endsWith("-" + leg2.securityDesc()));
            assertEquals(new BigDecimal(e.field(31)),
                    new BigDecimal(leg1.field(31)).subtract(new BigDecimal(leg2.field(31))), "spread = leg1 - leg2");
            assertEquals(e.field(54), leg1.field(54));
            assertNotEquals(e.field(54), leg2.field(54));
            assertEquals(e.field(32), leg1.field(32));
        }
        assertTrue(spreads > 20, spreads + " spread fills");
    }

    @Test
    void theStreamIsAFunctionOfTheSeedAndAResumedOneContinuesIt() {
        RealisticOrders a = new RealisticOrders(42, 0);
        RealisticOrders b = new RealisticOrders(42, 0);
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            String m = a.next().build(NOW);
            first.add(m);
            assertEquals(m, b.next().build(NOW));
        }
        RealisticOrders resumed = new RealisticOrders(42, 0);
        assertEquals(500, resumed.skip(500));
        for (int i = 500; i < 800; i++) {
            assertEquals(first.get(i), resumed.next().build(NOW), "message " + i + " after a restart");
        }
        RealisticOrders other = new RealisticOrders(43, 0);
        List<String> otherStream = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            otherStream.add(other.next().build(NOW));
        }
        assertNotEquals(first, otherStream);
    }

    @Test
    void aLimitedStreamWindsDownAndEnds() throws Exception {
        RealisticOrders orders = new RealisticOrders(5, 40);
        int count = 0;
        Draft d;
        List<DropCopyEvent> events = new ArrayList<>();
        while ((d = orders.next()) != null) {
            count++;
            events.add(EventTranslator.translate(outer(d.build(NOW), count + 1), "SIM", "sim"));
            assertTrue(count < 1000, "ends");
        }
        assertNull(orders.next());
        // every order acknowledged is eventually filled, cancelled, eliminated or expired
        Map<String, Boolean> open = new HashMap<>();
        for (DropCopyEvent e : events) {
            if (e.kind() == EventKind.NEW) {
                open.put(e.orderId(), true);
            } else if (e.kind() == EventKind.FILL || e.kind() == EventKind.CANCEL || e.kind() == EventKind.ELIMINATION) {
                open.remove(e.orderId());
            }
        }
        assertEquals(Map.of(), open, "no working order left");
    }
}
