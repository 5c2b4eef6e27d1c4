package io.dropcopy.model.testing;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.FixMessageBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Realistic drop copy traffic as CME sends it (35=n around iLink execution reports and cancel rejects): per order a
 * new-order ack, partial fills and a final fill, some cancel rejects, and busts and corrections of earlier fills
 * (ExecRefID = the last 9 characters of the original ExecID). Deterministic for a seed. Keeps what a sink must end up
 * holding: the executions, which fills are busted, which corrected (and to what). Shared by the sinks' tests
 * through this module's test-jar.
 */
public final class TestMessages {
    public static final String GROUP = "DEMO";
    public static final String SESSION = "demo-cgw";

    public final List<DropCopyEvent> events = new ArrayList<>();
    /** ExecIDs of execution reports that are not busts or corrections, in order. */
    public final Set<String> executions = new LinkedHashSet<>();
    /** Original fill ExecID -> the bust's ExecID. */
    public final Map<String, String> busted = new HashMap<>();
    /** Original fill ExecID -> the correction's ExecID (a fill is corrected at most once here). */
    public final Map<String, String> corrected = new HashMap<>();
    /** Original fill ExecID -> {lastQty, lastPx} after its correction. */
    public final Map<String, String[]> correctedTo = new HashMap<>();
    public int cancelRejects;
    public int withoutTradeDate;

    private final Random random;
    private final List<String[]> fills = new ArrayList<>(); // {execId, orderId, qty, px, clOrdId}
    private long seq;
    private long innerSeq = 1000;
    private long execCounter;
    private long orderCounter;

    private TestMessages(long seed) {
        random = new Random(seed);
    }

    /** About {@code count} messages (exactly count). */
    public static TestMessages generate(int count, long seed) throws Exception {
        TestMessages m = new TestMessages(seed);
        while (m.events.size() < count) {
            m.order(count);
        }
        return m;
    }

    private void order(int limit) throws Exception {
        String orderId = "71543" + String.format("%05d", ++orderCounter);
        String clOrdId = "CL-" + orderCounter;
        String side = random.nextBoolean() ? "1" : "2";
        int qty = 1 + random.nextInt(20);
        BigDecimal px = new BigDecimal("5321.00").add(new BigDecimal(random.nextInt(40)).multiply(new BigDecimal("0.25")));
        boolean tradeDate = random.nextInt(10) != 0;
        emit(limit, inner("0", "0", orderId, clOrdId, side, qty, px, null, null, 0, qty, tradeDate, null, null));
        int filled = 0;
        while (filled < qty && events.size() < limit) {
            int last = filled + 1 == qty || random.nextInt(3) == 0 ? qty - filled : 1 + random.nextInt(qty - filled);
            filled += last;
            boolean done = filled == qty;
            String execId = nextExecId();
            emit(limit, inner(done ? "2" : "1", done ? "2" : "1", orderId, clOrdId, side, qty, px, execId,
                    String.valueOf(last), filled, qty - filled, true, null, null));
            executions.add(execId);
            fills.add(new String[] {execId, orderId, String.valueOf(last), px.toPlainString(), clOrdId});
        }
        if (random.nextInt(12) == 0 && events.size() < limit) {
            cancelReject(limit, orderId, clOrdId);
        }
        if (fills.size() > 10 && random.nextInt(8) == 0 && events.size() < limit) {
            String[] fill = fills.get(random.nextInt(fills.size() - 5));
            if (!busted.containsKey(fill[0]) && !corrected.containsKey(fill[0])) {
                String execId = nextExecId();
                if (random.nextBoolean()) {
                    emit(limit, inner("H", "H", fill[1], fill[4], "1", 0, null, execId, fill[2], -1, -1, true,
                            ref(fill[0]), fill[3]));
                    busted.put(fill[0], execId);
                } else {
                    String newPx = new BigDecimal(fill[3]).subtract(new BigDecimal("0.25")).toPlainString();
                    emit(limit, inner("G", "G", fill[1], fill[4], "1", 0, null, execId, fill[2], -1, -1, true,
                            ref(fill[0]), newPx));
                    corrected.put(fill[0], execId);
                    correctedTo.put(fill[0], new String[] {fill[2], newPx});
                }
            }
        }
    }

    public static String ref(String execId) {
        return execId.substring(execId.length() - 9);
    }

    private String nextExecId() {
        return "62123:M:48812TN" + String.format("%07d", ++execCounter);
    }

    private void cancelReject(int limit, String orderId, String clOrdId) throws Exception {
        FixMessageBuilder b = new FixMessageBuilder("FIX.4.2", "9").add(34, ++innerSeq).add(49, "CME").add(50, "G")
                .add(52, "20261125-14:00:00.000").add(56, "M2L000N").add(57, "TRADER1").add(143, "US,IL")
                .add(11, clOrdId + "-X").add(37, orderId).add(39, "2").add(41, clOrdId).add(58, "Order not found, \"late\"")
                .add(102, "1").add(434, "1").add(9717, clOrdId + "-X");
        emit(limit, b);
        cancelRejects++;
    }

    private FixMessageBuilder inner(String execType, String ordStatus, String orderId, String clOrdId, String side,
            int qty, BigDecimal px, String execId, String lastQty, int cumQty, int leavesQty, boolean tradeDate,
            String execRefId, String lastPx) {
        String transType = "H".equals(execType) ? "1" : "G".equals(execType) ? "2" : "0";
        if (execId == null) {
            execId = nextExecId(); // acks have ExecIDs too
            executions.add(execId);
        }
        if (!tradeDate) {
            withoutTradeDate++;
        }
        String time = String.format("20261125-14:%02d:%02d.%03d", (seq / 60000) % 60, (seq / 1000) % 60, seq % 1000);
        return new FixMessageBuilder("FIX.4.2", "8").add(34, ++innerSeq).add(49, "CME").add(50, "G").add(52, time)
                .add(56, "M2L000N").add(57, "TRADER1").add(143, "US,IL").add(369, innerSeq - 13).add(1, "ACCT-7").add(6, "0")
                .add(11, clOrdId).add(14, cumQty >= 0 ? cumQty : null).add(17, execId).add(19, execRefId).add(20, transType)
                .add(31, lastPx != null ? lastPx : lastQty != null ? px.toPlainString() : null).add(32, lastQty)
                .add(37, orderId).add(38, qty > 0 ? qty : null).add(39, ordStatus).add(40, "2")
                .add(44, px != null ? px.toPlainString() : null).add(48, "5602").add(55, "ES").add(107, "ESZ6")
                .add(54, side).add(59, "0").add(60, time).add(75, tradeDate ? "20261125" : null).add(150, execType)
                .add(151, leavesQty >= 0 ? leavesQty : null).add(1028, "N").add(9717, clOrdId);
    }

    private void emit(int limit, FixMessageBuilder inner) throws Exception {
        if (events.size() >= limit) {
            return;
        }
        long s = ++seq;
        String time = String.format("20261125-14:%02d:%02d.%03d", (s / 60000) % 60, (s / 1000) % 60, s % 1000);
        String outer = new FixMessageBuilder("FIX.4.2", "n").add(34, s).add(49, "CME").add(50, "G").add(52, time)
                .add(56, "DC1ABCN").add(57, "DCOPS").add(143, "US,IL").add(369, 3)
                .addData(212, 213, DropCopyUnwrapper.envelope(inner.build())).build();
        DropCopyEvent event = EventTranslator.translate(outer, GROUP, SESSION);
        events.add(event);
    }

    /** One message with chosen identity, for the small tests. */
    public static DropCopyEvent fill(long outerSeq, String execId, String securityDesc, String tradeDate) throws Exception {
        String inner = new FixMessageBuilder("FIX.4.2", "8").add(34, 5000 + outerSeq).add(49, "CME").add(50, "G")
                .add(52, "20261125-14:00:00.000").add(56, "M2L000N").add(57, "TRADER1").add(11, "CL-1").add(14, "1")
                .add(17, execId).add(20, "0").add(31, "5321.25").add(32, "1").add(37, "OID-1").add(38, "1").add(39, "2")
                .add(54, "2").add(55, "ES").add(107, securityDesc).add(60, "20261125-14:00:00.000")
                .add(75, tradeDate).add(150, "2").add(151, "0").build();
        String outer = new FixMessageBuilder("FIX.4.2", "n").add(34, outerSeq).add(49, "CME").add(50, "G")
                .add(52, "20261124-23:59:59.999").add(56, "DC1ABCN").add(57, "DCOPS")
                .addData(212, 213, DropCopyUnwrapper.envelope(inner)).build();
        return EventTranslator.translate(outer, GROUP, SESSION);
    }

    public long count(EventKind kind) {
        return events.stream().filter(e -> e.kind() == kind).count();
    }
}
