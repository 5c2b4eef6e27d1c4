package io.dropcopy.simulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The realistic scenario: deterministic (from a seed) order lifecycles as CME copies them to drop copy, across
 * several iLink source sessions (each its own inner 56/57/143 and its own sequence numbers 34/369) and
 * instruments (ES, NQ, ZN, CL outrights and ES, CL calendar spreads with two legs): new order acknowledgements
 * (limit, stop-limit, day, GTC, GTD), modifies, cancels, partial and complete fills, fill-and-kill remainders
 * eliminated, GTD expirations, rejects, cancel and cancel/replace rejects (35=9), Order Mass Action Reports
 * (35=BZ), spread fills with their leg fills, and trade busts and corrections of earlier fills.
 *
 * <p>Every field but the timestamps (inner 52, 60, 75, 432 and RequestTime 5979, taken when the message is built)
 * is a function of the seed and the position in the stream, so a restarted simulator that skips the messages it
 * already sent continues the same stream. {@link #next()} returns a {@link Draft}; {@link Draft#build(Instant)}
 * makes the inner iLink message.
 *
 * <p>Conventions, as in the golden files of dropcopy-model: ExecID {@code <5 digits>:M:<5 digits>TN<7 digits>}, so
 * the last 9 characters ({@code TN0000412}) are unique and a bust's or correction's ExecRefID(19) names the fill;
 * spread and leg fills share SecondaryExecID(527); RequestTime(5979, nanoseconds since the epoch) on the answers to
 * a request (acknowledgements, rejects, cancel rejects, mass action reports), not on fills; AvgPx(6) 0. Mass
 * cancels: the 35=BZ report lists the affected orders and is followed by one cancel acknowledgement per order
 * (likely, not confirmed in a CME table). Market segment ids (1300) and security ids are illustrative.
 *
 * <p>iLink 3-shaped (docs/cme-payloads.md, the golden files 30-49): one iLink 3 session per source and market
 * segment, its own 34 from 1 and the segment in the inner 50, no 369; 41=0, no 9717, 5979 on every execution
 * report; 37711 on fills but leg fills, the original's on busts and corrections; corrected trades may be corrected
 * again or busted; FOK (59=4), integer 548 on some fills, CME-initiated cancels with 378; ExecIDs
 * {@code <segment>:M:<source>TN<7 digits>} on trades, {@code <segment>:A:<7 digits>} otherwise (a shape CME has
 * not published: nothing may rely on it). Order status and pending cancel/replace (150=I, 6, E) are never sent: no
 * CME page confirms them on drop copy.
 *
 * <p>Each fill, bust and correction carries a {@link LedgerNote}: the expected ledger is this class's own account
 * of what it sent.
 */
final class RealisticOrders {
    static final class Order {
        final String orderId;
        final SourceSession src;
        final TradedInstrument ins;
        final String side;
        final String ordType;
        final String tif;
        final String firstClOrdId;
        String clOrdId;
        long qty;
        long cum;
        long priceTicks;
        Long stopTicks;

        Order(String orderId, SourceSession src, TradedInstrument ins, String side, String ordType, String tif, String clOrdId,
                long qty, long priceTicks) {
            this.orderId = orderId;
            this.src = src;
            this.ins = ins;
            this.side = side;
            this.ordType = ordType;
            this.tif = tif;
            this.firstClOrdId = clOrdId;
            this.clOrdId = clOrdId;
            this.qty = qty;
            this.priceTicks = priceTicks;
        }

        long leaves() {
            return qty - cum;
        }
    }

    /** An outright fill that a later bust or correction may refer to. */
    static final class Fill {
        final Order order;
        final String execId;
        final String clOrdId;
        final String mdTradeEntryId;
        /** The trade's price: the fill's, or its last correction's. */
        long lastPxTicks;
        final long lastQty;

        Fill(Order order, String execId, String mdTradeEntryId, long lastPxTicks, long lastQty) {
            this.order = order;
            this.execId = execId;
            this.clOrdId = order.clOrdId;
            this.mdTradeEntryId = mdTradeEntryId;
            this.lastPxTicks = lastPxTicks;
            this.lastQty = lastQty;
        }
    }

    private enum Action { NEW, FILL, MODIFY, CANCEL, REJECT, CANCEL_REJECT, FAK, SPREAD, EXPIRE, BUST, CORRECTION, MASS_ACTION }

    private static final int[] WEIGHTS = {26, 30, 12, 9, 3, 3, 4, 5, 2, 2, 2, 1};
    private static final int MAX_WORKING = 60;
    private static final int MAX_FILL_HISTORY = 500;
    private static final int MAX_DONE_HISTORY = 50;

    private final Random random;
    private final long maxOrders;
    private final SourceSession[] sources;
    private final TradedInstrument[] outrights;
    private final TradedInstrument[] spreads;
    private final ArrayDeque<Draft> queue = new ArrayDeque<>();
    private final List<Order> working = new ArrayList<>();
    private final List<Order> done = new ArrayList<>();
    private final List<Fill> fills = new ArrayList<>();
    private long produced;
    private long ordersStarted;
    private long orderCounter;
    private long reportCounter;
    private long crossCounter;
    private boolean ended;
    /** iLink 3-shaped payloads (MSGW, iLink 3 source sessions) instead of iLink 2-shaped ones. */
    private final boolean ilink3;
    private final RealisticDrafts drafts;

    /**
     * @param seed the stream's seed
     * @param maxOrders orders (and order requests) started before the stream winds down: the working orders are
     *        then filled or cancelled and the stream ends; 0 = unlimited
     */
    RealisticOrders(long seed, long maxOrders) {
        this(seed, maxOrders, false);
    }

    /**
     * @param ilink3 iLink 3-shaped payloads (see {@link RealisticOrders}); false: iLink 2-shaped
     */
    RealisticOrders(long seed, long maxOrders, boolean ilink3) {
        this.ilink3 = ilink3;
        this.random = new Random(seed);
        this.drafts = new RealisticDrafts(random, ilink3);
        this.maxOrders = maxOrders;
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

    /** The next message of the stream, or null when it has ended ({@code maxOrders} reached, no working order). */
    Draft next() {
        while (queue.isEmpty()) {
            if (ended || !step()) {
                ended = true;
                return null;
            }
        }
        produced++;
        return queue.poll();
    }

    /** The next message without consuming it (null at the end). */
    Draft peek() {
        while (queue.isEmpty()) {
            if (ended || !step()) {
                ended = true;
                return null;
            }
        }
        return queue.peek();
    }

    /** Skips {@code n} messages (a restart continuing the stream); returns how many there were. */
    long skip(long n) {
        long skipped = 0;
        while (skipped < n && next() != null) {
            skipped++;
        }
        return skipped;
    }

    /** Messages handed out by {@link #next()}. */
    long produced() {
        return produced;
    }

    // ------------------------------------------------------------------------------------------------------------

    private boolean step() {
        boolean canStart = maxOrders == 0 || ordersStarted < maxOrders;
        if (!canStart) {
            if (working.isEmpty()) {
                return false;
            }
            Order o = working.get(random.nextInt(working.size()));
            if (random.nextInt(3) == 0) {
                cancel(o);
            } else {
                fill(o, o.leaves());
            }
            return true;
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            Action a = pick();
            if (perform(a)) {
                return true;
            }
        }
        return perform(Action.NEW);
    }

    private Action pick() {
        int total = 0;
        for (int w : WEIGHTS) {
            total += w;
        }
        int r = random.nextInt(total);
        Action[] actions = Action.values();
        for (int i = 0; i < actions.length; i++) {
            r -= WEIGHTS[i];
            if (r < 0) {
                return actions[i];
            }
        }
        return Action.NEW;
    }

    private boolean perform(Action a) {
        switch (a) {
            case NEW:
                if (working.size() >= MAX_WORKING) {
                    return false;
                }
                newOrder(outrights[random.nextInt(outrights.length)], false);
                return true;
            case SPREAD:
                if (working.size() >= MAX_WORKING) {
                    return false;
                }
                spreadOrder();
                return true;
            case FAK:
                fakOrder();
                return true;
            case REJECT:
                reject();
                return true;
            case FILL: {
                if (working.isEmpty()) {
                    return false;
                }
                Order o = working.get(random.nextInt(working.size()));
                long qty = random.nextInt(3) == 0 ? o.leaves() : 1 + random.nextInt((int) Math.min(o.leaves(), 20));
                fill(o, qty);
                return true;
            }
            case MODIFY:
                if (working.isEmpty()) {
                    return false;
                }
                modify(working.get(random.nextInt(working.size())));
                return true;
            case CANCEL:
                if (working.isEmpty()) {
                    return false;
                }
                cancel(working.get(random.nextInt(working.size())));
                return true;
            case CANCEL_REJECT:
                cancelReject();
                return true;
            case EXPIRE: {
                List<Order> gtd = new ArrayList<>();
                for (Order o : working) {
                    if ("6".equals(o.tif)) {
                        gtd.add(o);
                    }
                }
                if (gtd.isEmpty()) {
                    return false;
                }
                expire(gtd.get(random.nextInt(gtd.size())));
                return true;
            }
            case BUST:
            case CORRECTION: {
                if (fills.isEmpty()) {
                    return false;
                }
                Fill f = fills.remove(random.nextInt(fills.size()));
                if (a == Action.BUST) {
                    bust(f);
                } else {
                    correct(f);
                }
                return true;
            }
            case MASS_ACTION:
                if (working.isEmpty()) {
                    return false;
                }
                massAction();
                return true;
            default:
                return false;
        }
    }

    // ---- order lifecycles -----------------------------------------------------------------------------------

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

    private void newOrder(TradedInstrument ins, boolean spread) {
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

    private void spreadOrder() {
        newOrder(spreads[random.nextInt(spreads.length)], true);
        Order o = working.get(working.size() - 1);
        if (random.nextBoolean()) {
            fill(o, random.nextInt(2) == 0 ? o.leaves() : 1 + random.nextInt((int) o.leaves()));
        }
    }

    /** A fill-and-kill order: acknowledged, partly filled (or not), the rest eliminated. */
    private void fakOrder() {
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

    private void reject() {
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

    private void fill(Order o, long qty) {
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

    private void modify(Order o) {
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

    private void cancel(Order o) {
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

    private void expire(Order o) {
        Draft d = drafts.execReport(o, "C", "C");
        d.add(151, 0).add(432, Stamp.TRADE_DATE);
        drafts.tail(d, o, false);
        queue.add(d);
        working.remove(o);
        rememberDone(o);
    }

    /** A cancel request for a finished order (too late), or a modify of an order CME does not know. */
    private void cancelReject() {
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
    private void bust(Fill f) {
        queue.add(drafts.tradeChange(f, true, f.lastPxTicks));
    }

    /**
     * A trade correction: a new price, the original quantity. iLink 3-shaped: the corrected trade may be corrected
     * again or busted later (19 and 37711 still name the original trade).
     */
    private void correct(Fill f) {
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
    private void massAction() {
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
