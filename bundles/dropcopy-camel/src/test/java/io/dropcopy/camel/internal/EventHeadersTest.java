package io.dropcopy.camel.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.FixMessageBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.camel.util.CaseInsensitiveMap;
import org.junit.jupiter.api.Test;

class EventHeadersTest {
    private static DropCopyEvent event(boolean withIds) throws Exception {
        // a fill, or a cancel reject: no ExecID
        FixMessageBuilder inner = withIds
                ? new FixMessageBuilder("FIX.4.2", "8").add(34, 3).add(49, "CME").add(56, "M2L000N").add(17, "X1")
                        .add(37, "OID1").add(150, "2").add(39, "2").add(55, "ESZ6").add(75, "20261125")
                : new FixMessageBuilder("FIX.4.2", "9").add(34, 3).add(49, "CME").add(56, "M2L000N").add(37, "OID1")
                        .add(11, "C2").add(41, "C1").add(39, "0").add(434, "1").add(102, "1").add(75, "20261125");
        String outer = new FixMessageBuilder("FIX.4.2", "n").add(34, 41).add(49, "CME").add(56, "DEMO01N").add(43, "Y")
                .add(122, "20261125-14:30:00.000").addData(212, 213, DropCopyUnwrapper.envelope(inner.build())).build();
        return EventTranslator.translate(outer, "DEMO", "S1");
    }

    /** The headers as the consumer used to set them, one put each, from the event's accessors. */
    private static CaseInsensitiveMap oneByOne(DropCopyEvent e) {
        CaseInsensitiveMap m = new CaseInsensitiveMap();
        m.put("DropCopyGroup", e.group());
        m.put("DropCopyTargetSession", e.targetSession());
        m.put("DropCopySeqNum", e.seqNum());
        m.put("DropCopyKind", e.kind().label());
        m.put("DropCopyExecId", e.execId());
        m.put("DropCopyOrderId", e.orderId());
        m.put("DropCopySymbol", e.symbol());
        m.put("DropCopyTradeDate", e.tradeDate());
        m.put("DropCopyPossDup", e.possDup() || e.possResend());
        return m;
    }

    @Test
    void camelsHeadersMapBuiltFromItHoldsWhatNinePutsGave() throws Exception {
        for (boolean withIds : new boolean[] {true, false}) {
            DropCopyEvent e = event(withIds);
            CaseInsensitiveMap expected = oneByOne(e);
            CaseInsensitiveMap built = new CaseInsensitiveMap(EventHeaders.of(e)); // what Camel's default factory does
            assertEquals(expected, built);
            assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(built.keySet()), "the same order");
            assertEquals(9, built.size());
            assertEquals("DEMO", built.get("dropcopygroup"), "looked up without regard to case");
            assertEquals(41L, built.get("DROPCOPYSEQNUM"));
            assertEquals(Boolean.TRUE, built.get("DropCopyPossDup"), "43=Y on the outer message");
            assertEquals("2026-11-25", built.get("DropCopyTradeDate"));
            if (!withIds) {
                assertTrue(built.containsKey("DropCopyExecId"), "a missing id is a header with no value, as before");
                assertNull(built.get("DropCopyExecId"));
                assertTrue(built.containsKey("DropCopySymbol"));
                assertNull(built.get("DropCopySymbol"));
            }
        }
    }

    @Test
    void theTreeBuiltInOnePassTakesMoreHeadersAfterwards() throws Exception {
        CaseInsensitiveMap built = new CaseInsensitiveMap(EventHeaders.of(event(true)));
        CaseInsensitiveMap expected = oneByOne(event(true));
        Random random = new Random(7);
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String name = (random.nextBoolean() ? "DropCopy" : "route") + Integer.toString(random.nextInt(100_000), 36);
            added.add(name);
            built.put(name, i);
            expected.put(name, i);
        }
        built.remove("DropCopyKind");
        expected.remove("DropCopyKind");
        assertEquals(expected, built);
        for (Map.Entry<String, Object> en : expected.entrySet()) {
            assertEquals(en.getValue(), built.get(en.getKey().toUpperCase()), en.getKey());
        }
    }

    @Test
    void namesAreSortedAsCamelsMapSortsThemAndTheComparatorIsTheSame() throws Exception {
        String[] names = EventHeaders.names();
        String[] sorted = oneByOne(event(true)).keySet().toArray(new String[0]);
        assertArrayEquals(sorted, names);
        assertSame(String.CASE_INSENSITIVE_ORDER, EventHeaders.of(event(true)).comparator(),
                "TreeMap copies in one pass only from a map with an equal comparator");
    }
}
