package io.dropcopy.simulator;

import io.dropcopy.simulator.RealisticOrders.Fill;
import io.dropcopy.simulator.RealisticOrders.Order;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What each action of the realistic scenario ({@link RealisticOrders}) does to the orders of its market (source
 * sessions, instruments, working and finished orders, fills that may be busted or corrected) and the inner messages
 * it queues for drop copy.
 */
final class OrderLifecycles {
    static final int MAX_WORKING = 60;
    private static final int MAX_FILL_HISTORY = 500;
    private static final int MAX_DONE_HISTORY = 50;

    private final Random random;
    /** iLink 3-shaped payloads (MSGW, iLink 3 source sessions) instead of iLink 2-shaped ones. */
    private final boolean ilink3;
    private final RealisticDrafts drafts;
    private final ArrayDeque<Draft> queue;
    private final SourceSession[] sources;
    final TradedInstrument[] outrights;
    private final TradedInstrument[] spreads;
    final List<Order> working = new ArrayList<>();
    private final List<Order> done = new ArrayList<>();
    final List<Fill> fills = new ArrayList<>();
    long ordersStarted;
    private long orderCounter;
    private long reportCounter;
    private long crossCounter;

    /** {@code queue}: where the messages go, in the order they are sent. */
    OrderLifecycles(Random random, boolean ilink3, RealisticDrafts drafts, ArrayDeque<Draft> queue) {
        this.random = random;
        this.ilink3 = ilink3;
        this.drafts = drafts;
        this.queue = queue;
        this.sources = new SourceSession[] {
            new SourceSession(0, "M2L000N", "TRADER1", "US,IL", "10041", "Y", "T1", 1000),
            new SourceSession(1, "M2L001N", "TRADER2", "US,NY", "10042", "Y", "T2", 2000),
            new SourceSession(2, "X7Q100N", "ALGO01", "GB", "20077", "N", "A1", 500),
            new SourceSession(3, "X7Q101N", "ALGO02", "US,IL", "20078", "N", "A2", 700),
        };
        TradedInstrument esz6 = new TradedInstrument("ES", "ESZ6", "5602", "6000.00", "0.25", 10, "64");
        TradedInstrument esh7 = new TradedInstrument("ES", "ESH7", "31475", "6066.50", "0.25", 10, "64");
        TradedInstrument nqz6 = new TradedInstrument("NQ", "NQZ6", "4478", "21500.00", "0.25", 5, "64");
        TradedInstrument znz6 = new TradedInstrument("ZN", "ZNZ6", "17128", "112.500000", "0.015625", 50, "74");
        TradedInstrument clz6 = new TradedInstrument("CL", "CLZ6", "23119", "70.00", "0.01", 10, "80");
        TradedInstrument clf7 = new TradedInstrument("CL", "CLF7", "23120", "69.85", "0.01", 10, "80");
        this.outrights = new TradedInstrument[] {esz6, nqz6, znz6, clz6, esh7, clf7};
        // calendar spreads: price = leg1 - leg2, in the legs' tick so both leg prices stay on their grid
        this.spreads = new TradedInstrument[] {
            new TradedInstrument("ES", "ESZ6-ESH7", "16398", "-66.50", "0.25", 5, "64", esz6, esh7),
            new TradedInstrument("CL", "CLZ6-CLF7", "16410", "0.15", "0.01", 5, "80", clz6, clf7),
        };
    }

    private Order create(TradedInstrument ins, String ordType, String tif) {
        SourceSession src = sources[random.nextInt(sources.length)];
        ins.midTicks = Math.max(ins.baseTicks - 200, Math.min(ins.baseTicks + 200, ins.midTicks + random.nextInt(5) - 2));
        String side = random.nextBoolean() ? "1" : "2";
        long offset = random.nextInt(4);
        long price = "1".equals(side) ? ins.midTicks - offset : ins.midTicks + offset;
        long qty = 1 + random.nextInt(ins.maxQty);
        ordersStarted++;
        src.clientSeq++;
        return new Order(String.valueOf(7154320000L + ++orderCounter), src, ins, side, ordType, tif,
                src.nextClOrdId(), qty, price);
    }

    void newOrder(TradedInstrument ins, boolean spread) {
        int r = random.nextInt(100);
        String ordType = "2";
        String tif = "0";
        if (!spread) {
            if (r >= 94) {
                tif = "6"; // good till date: may expire
            } else if (r >= 88) {
                ordType = "4"; // stop-limit, good till cancel
                tif = "1";
            } else if (r >= 78) {
                tif = "1";
            }
        }
        Order o = create(ins, ordType, tif);
        if ("4".equals(ordType)) {
            o.stopTicks = "1".equals(o.side) ? o.priceTicks - 1 : o.priceTicks + 1;
        }
        queue.add(drafts.ack(o, "0", "0", null));
        working.add(o);
    }

    void spreadOrder() {
        newOrder(spreads[random.nextInt(spreads.length)], true);
        Order o = working.get(working.size() - 1);
        if (random.nextBoolean()) {
            fill(o, random.nextInt(2) == 0 ? o.leaves() : 1 + random.nextInt((int) o.leaves()));
        }
    }

    /** A fill-and-kill order: acknowledged, partly filled (or not), the rest eliminated. */
    void fakOrder() {
        boolean fok = ilink3 && random.nextInt(3) == 0; // fill or kill (59=4), new with iLink 3
        Order o = create(outrights[random.nextInt(outrights.length)], "2", fok ? "4" : "3");
        if (o.qty < 2) {
            o.qty = 2;
        }
        queue.add(drafts.ack(o, "0", "0", null));
        if (fok && random.nextBoolean()) {
            addFill(o, o.qty); // all at once, or nothing
            rememberDone(o);
            return;
        }
        long filled = fok ? 0 : random.nextInt((int) o.qty);
        if (filled > 0) {
            addFill(o, filled);
        }
        Draft d = drafts.execReport(o, "C", "C");
        d.add(151, 0);
        drafts.tail(d, o, false);
        queue.add(d);
        rememberDone(o);
    }

    void reject() {
        TradedInstrument ins = outrights[random.nextInt(outrights.length)];
        Order o = create(ins, "2", "0");
        boolean bands = random.nextBoolean();
        if (bands) {
            o.priceTicks += "1".equals(o.side) ? 4000 : -4000; // far through the market: outside the price bands
        }
        Draft d = drafts.header(o.src, o.ins.segment, "8");
        d.add(1, o.src.account).add(6, "0").add(11, o.clOrdId).add(14, 0).add(17, drafts.execId(o.src, o.ins, false))
                .add(20, "0").add(37, "0").add(41, ilink3 ? "0" : null).add(38, o.qty).add(39, "8").add(40, o.ordType)
                .add(44, ins.price(o.priceTicks)).add(48, ins.securityId).add(55, ins.symbol)
                .add(107, ins.securityDesc).add(54, o.side)
                .add(58, bands ? "Order price is outside bands" : "Orders may not be entered while the market is closed")
                .add(59, o.tif).add(60, Stamp.transact(random)).add(75, Stamp.TRADE_DATE)
                .add(103, bands ? "1013" : "1003").add(150, "8").add(151, 0).add(1028, o.src.manual)
                .add(5979, Stamp.request(random)).add(9717, ilink3 ? null : o.clOrdId);
        queue.add(d);
    }

    void fill(Order o, long qty) {
        addFill(o, qty);
        if (o.leaves() == 0) {
            working.remove(o);
            rememberDone(o);
        }
    }

    private void addFill(Order o, long qty) {
        o.cum += qty;
        String status = o.leaves() == 0 ? "2" : "1";
        String aggressor = random.nextBoolean() ? "Y" : "N";
        if (!o.ins.isSpread()) {
            String execId = drafts.execId(o.src, o.ins, true);
            String md = drafts.mdTradeEntryId();
            Draft d = drafts.fillReport(o, execId, o.priceTicks, qty, status, aggressor, null, null, o.ins, o.side, true, md);
            if (ilink3 && random.nextInt(10) == 0) {
                d.add(548, 88000 + ++crossCounter); // a cross order's trade: iLink 3's CrossID is an integer
            }
            queue.add(d);
            fills.add(new Fill(o, execId, md, o.priceTicks, qty));
            if (fills.size() > MAX_FILL_HISTORY) {
                fills.remove(0);
            }
            return;
        }
        // spread fill (442=3) then its two leg fills (442=2), all with the same SecondaryExecID(527)
        String secondary = String.format("%05dTN%07d", 48800 + o.src.index, drafts.nextExecNumber());
        TradedInstrument leg1 = o.ins.leg1;
        TradedInstrument leg2 = o.ins.leg2;
        long leg1Px = leg1.midTicks;
        long leg2Px = leg1Px - o.priceTicks;
        String otherSide = "1".equals(o.side) ? "2" : "1";
        // 37711 on the spread summary, not on leg fills (CME: "except for leg fills on a spread")
        queue.add(drafts.fillReport(o, drafts.execId(o.src, o.ins, true), o.priceTicks, qty, status, aggressor, "3", secondary,
                o.ins, o.side, true, drafts.mdTradeEntryId()));
        queue.add(drafts.fillReport(o, drafts.execId(o.src, leg1, true), leg1Px, qty, status, aggressor, "2", secondary, leg1,
                o.side, false, null));
        queue.add(drafts.fillReport(o, drafts.execId(o.src, leg2, true), leg2Px, qty, status, aggressor, "2", secondary, leg2,
                otherSide, false, null));
    }

    void modify(Order o) {
        o.src.clientSeq++;
        String previous = o.clOrdId;
        o.clOrdId = o.src.nextClOrdId();
        long move = random.nextInt(7) - 3;
        move = move == 0 ? 1 : move;
        o.priceTicks += move;
        if (o.stopTicks != null) {
            o.stopTicks += move;
        }
        if (random.nextInt(3) == 0) {
            o.qty = Math.max(o.cum + 1, o.qty + random.nextInt(5) - 2);
        }
        queue.add(drafts.ack(o, "5", "5", previous));
    }

    void cancel(Order o) {
        if (ilink3 && random.nextInt(5) == 0) {
            // cancelled by CME, not by its owner: no request, the reason in ExecRestatementReason(378); the value
            // is the golden file's, CME's value list was not confirmed (docs/cme-payloads.md)
            Draft d = drafts.execReport(o, "4", "4");
            d.add(151, 0).add(378, "8");
            drafts.tail(d, o, true);
            queue.add(d);
            working.remove(o);
            rememberDone(o);
            return;
        }
        o.src.clientSeq++;
        String previous = o.clOrdId;
        o.clOrdId = o.src.nextClOrdId();
        queue.add(drafts.ack(o, "4", "4", previous));
        working.remove(o);
        rememberDone(o);
    }

    void expire(Order o) {
        Draft d = drafts.execReport(o, "C", "C");
        d.add(151, 0).add(432, Stamp.TRADE_DATE);
        drafts.tail(d, o, false);
        queue.add(d);
        working.remove(o);
        rememberDone(o);
    }

    /** A cancel request for a finished order (too late), or a modify of an order CME does not know. */
    void cancelReject() {
        boolean tooLate = !done.isEmpty() && random.nextInt(3) != 0;
        SourceSession src;
        String orderId;
        String origClOrdId;
        String correlation;
        String status;
        if (tooLate) {
            Order o = done.get(random.nextInt(done.size()));
            src = o.src;
            orderId = o.orderId;
            origClOrdId = o.clOrdId;
            correlation = o.firstClOrdId;
            status = o.leaves() == 0 ? "2" : "4";
        } else {
            src = sources[random.nextInt(sources.length)];
            orderId = "NONE";
            origClOrdId = src.clPrefix + "X" + String.format("%06d", random.nextInt(1_000_000));
            correlation = origClOrdId;
            status = "U";
        }
        src.clientSeq++;
        Draft d = drafts.header(src, outrights[src.index % outrights.length].segment, "9");
        d.add(1, src.account).add(11, src.nextClOrdId()).add(37, orderId).add(39, status).add(41, origClOrdId)
                .add(58, tooLate ? "Too late to cancel" : "Unknown order").add(60, Stamp.transact(random))
                .add(102, tooLate ? "0" : "1").add(434, tooLate ? "1" : "2").add(1028, src.manual)
                .add(5979, Stamp.request(random)).add(9717, ilink3 ? null : correlation);
        queue.add(d);
    }

    /**
     * A trade cancel of the fill (or of its corrected trade), with the price the trade has now.
     */
    void bust(Fill f) {
        queue.add(drafts.tradeChange(f, true, f.lastPxTicks));
    }

    /**
     * A trade correction: a new price, the original quantity. iLink 3-shaped: the corrected trade may be corrected
     * again or busted later (19 and 37711 still name the original trade).
     */
    void correct(Fill f) {
        long corrected = f.lastPxTicks + (random.nextBoolean() ? 1 : -1);
        queue.add(drafts.tradeChange(f, false, corrected));
        if (ilink3) {
            f.lastPxTicks = corrected;
            fills.add(f); // a correction of the correction, or a bust of it, may follow
        }
    }

    /**
     * Order Mass Action: cancel all working orders of one source session in one market segment (accepted, the
     * affected orders listed, then one cancel acknowledgement each), or now and then a rejected request.
     */
    void massAction() {
        Order pivot = working.get(random.nextInt(working.size()));
        SourceSession src = pivot.src;
        src.clientSeq++;
        String clOrdId = "MA" + src.clPrefix + String.format("%06d", ++src.clCounter);
        String reportId = String.valueOf(7154390000L + ++reportCounter);
        Draft d = drafts.header(src, pivot.ins.segment, "BZ");
        if (random.nextInt(8) == 0) {
            d.add(11, clOrdId).add(58, "Invalid market segment").add(60, Stamp.transact(random)).add(533, 0)
                    .add(1028, src.manual).add(1300, "99").add(1369, reportId).add(1373, "3").add(1374, "9")
                    .add(1375, "0").add(1376, "8").add(5979, Stamp.request(random));
            queue.add(d);
            return;
        }
        String segment = pivot.ins.segment;
        List<Order> affected = new ArrayList<>();
        for (Order o : working) {
            if (o.src == src && o.ins.segment.equals(segment)) {
                affected.add(o);
            }
        }
        d.add(11, clOrdId).add(60, Stamp.transact(random)).add(533, affected.size()).add(534, affected.size());
        for (Order o : affected) {
            d.add(41, o.clOrdId).add(84, o.leaves()).add(535, o.orderId);
        }
        d.add(893, "Y").add(1028, src.manual).add(1300, segment).add(1369, reportId).add(1373, "3").add(1374, "9")
                .add(1375, "1").add(5979, Stamp.request(random));
        queue.add(d);
        for (Order o : affected) {
            Draft c = drafts.execReport(o, "4", "4");
            c.add(151, 0);
            drafts.tail(c, o, true);
            queue.add(c);
            working.remove(o);
            rememberDone(o);
        }
    }

    private void rememberDone(Order o) {
        done.add(o);
        if (done.size() > MAX_DONE_HISTORY) {
            done.remove(0);
        }
    }
}
