package io.dropcopy.simulator;

import io.dropcopy.simulator.RealisticOrders.Fill;
import io.dropcopy.simulator.RealisticOrders.Order;
import java.util.Random;

/**
 * The inner messages of {@link RealisticOrders}, iLink 2- or iLink 3-shaped, each with its {@link LedgerNote} where
 * it changes the ledger. Draws from the scenario's own {@link Random} (the timestamps' offsets), in the scenario's
 * order, so the stream stays a function of the seed.
 */
final class RealisticDrafts {
    private final Random random;
    private final boolean ilink3;
    private long execCounter;
    private long mdTradeEntryCounter;

    RealisticDrafts(Random random, boolean ilink3) {
        this.random = random;
        this.ilink3 = ilink3;
    }

    /** The next number of the ExecID counter (also used for spread links, 527). */
    long nextExecNumber() {
        return ++execCounter;
    }

    Draft fillReport(Order o, String execId, long pxTicks, long qty, String status, String aggressor,
            String multiLeg, String secondary, TradedInstrument ins, String side, boolean withPrice, String md) {
        Draft d = header(o.src, o.ins.segment, "8");
        d.add(1, o.src.account).add(6, "0").add(11, o.clOrdId).add(14, o.cum).add(17, execId).add(20, "0")
                .add(31, ins.price(pxTicks)).add(32, qty).add(37, o.orderId).add(38, o.qty).add(39, status)
                .add(40, o.ordType).add(41, ilink3 ? "0" : null).add(44, withPrice ? o.ins.price(o.priceTicks) : null)
                .add(48, ins.securityId).add(55, ins.symbol).add(107, ins.securityDesc).add(54, side).add(59, o.tif)
                .add(60, Stamp.transact(random)).add(75, Stamp.TRADE_DATE).add(150, status).add(151, o.leaves())
                .add(442, multiLeg).add(527, secondary).add(1028, o.src.manual).add(1057, aggressor)
                .add(5979, ilink3 ? Stamp.request(random) : null).add(9717, ilink3 ? null : o.firstClOrdId)
                .add(37711, ilink3 ? md : null);
        d.note = LedgerNote.fill(execId, o.orderId, ins.securityId, ins.securityDesc, o.src.account, side,
                segmentNamed(o.ins), multiLeg, secondary, ilink3 ? md : null, ins.price(pxTicks), qty, o.cum);
        return d;
    }

    /**
     * A trade cancel (bust) or correction of a fill, with the trade's price: a bust the price the trade has now, a
     * correction the new one. 19 the fill's last 9 characters (the trade, also after corrections, as CME's correction
     * page describes 19); iLink 3-shaped: 37711 of the original trade, 14=0 on corrections.
     */
    Draft tradeChange(Fill f, boolean bust, long pxTicks) {
        Order o = f.order;
        String execId = execId(o.src, o.ins, true);
        Draft d = header(o.src, o.ins.segment, "8");
        d.add(1, o.src.account).add(6, "0").add(11, f.clOrdId).add(14, ilink3 && !bust ? 0L : null).add(17, execId)
                .add(19, f.execId.substring(f.execId.length() - 9)).add(20, bust ? "1" : "2")
                .add(31, o.ins.price(pxTicks)).add(32, f.lastQty).add(37, o.orderId).add(38, o.qty)
                .add(39, bust ? "H" : "G").add(40, o.ordType).add(41, ilink3 ? "0" : null).add(48, o.ins.securityId)
                .add(55, o.ins.symbol).add(107, o.ins.securityDesc).add(54, o.side).add(59, o.tif)
                .add(60, Stamp.transact(random)).add(75, Stamp.TRADE_DATE).add(150, bust ? "H" : "G")
                .add(1028, o.src.manual).add(5979, ilink3 ? Stamp.request(random) : null)
                .add(9717, ilink3 ? null : o.firstClOrdId).add(37711, ilink3 ? f.mdTradeEntryId : null);
        d.note = bust ? LedgerNote.bust(execId, f.execId)
                : LedgerNote.correction(execId, f.execId, o.ins.price(pxTicks), f.lastQty);
        return d;
    }


    /** An acknowledgement of a new order (150=0), a modify (150=5) or a cancel (150=4). */
    Draft ack(Order o, String execType, String ordStatus, String origClOrdId) {
        Draft d = header(o.src, o.ins.segment, "8");
        d.add(1, o.src.account).add(6, "0").add(11, o.clOrdId).add(14, o.cum).add(17, execId(o.src, o.ins, false))
                .add(20, "0").add(37, o.orderId).add(38, o.qty).add(39, ordStatus).add(40, o.ordType)
                .add(41, ilink3 ? "0" : origClOrdId).add(44, o.ins.price(o.priceTicks))
                .add(99, o.stopTicks == null ? null : o.ins.price(o.stopTicks)).add(48, o.ins.securityId)
                .add(55, o.ins.symbol).add(107, o.ins.securityDesc).add(54, o.side).add(59, o.tif)
                .add(60, Stamp.transact(random)).add(75, Stamp.TRADE_DATE).add(150, execType)
                .add(151, "4".equals(execType) ? 0 : o.leaves()).add(432, "6".equals(o.tif) ? Stamp.TRADE_DATE : null)
                .add(1028, o.src.manual).add(5979, Stamp.request(random))
                .add(9717, ilink3 ? null : o.firstClOrdId);
        return d;
    }

    /** The common part of an unsolicited execution report (elimination, expiration, mass cancel). */
    Draft execReport(Order o, String execType, String ordStatus) {
        Draft d = header(o.src, o.ins.segment, "8");
        d.add(1, o.src.account).add(6, "0").add(11, o.clOrdId).add(14, o.cum).add(17, execId(o.src, o.ins, false))
                .add(20, "0").add(37, o.orderId).add(38, o.qty).add(39, ordStatus).add(40, o.ordType)
                .add(41, ilink3 ? "0" : null).add(44, o.ins.price(o.priceTicks)).add(48, o.ins.securityId).add(55, o.ins.symbol)
                .add(107, o.ins.securityDesc).add(54, o.side).add(59, o.tif).add(60, Stamp.transact(random))
                .add(75, Stamp.TRADE_DATE).add(150, execType);
        return d;
    }

    void tail(Draft d, Order o, boolean requestTime) {
        // iLink 3-shaped: RequestTime on every execution report, no CorrelationClOrdID (deprecated)
        d.add(1028, o.src.manual).add(5979, requestTime || ilink3 ? Stamp.request(random) : null)
                .add(9717, ilink3 ? null : o.firstClOrdId);
    }

    /** The inner header: the source session's own sequence number (34) and last processed client one (369). */
    Draft header(SourceSession src, String segment, String msgType) {
        if (ilink3) {
            // one iLink 3 session (UUID) per source and market segment, each its own SeqNum(9726) from 1; the
            // market segment in 50; 369 not in the payload mapping excerpts: not sent
            return new Draft(msgType).add(34, src.nextSeq(segment)).add(49, "CME").add(50, segment)
                    .add(52, Stamp.SENDING).add(56, src.compId).add(57, src.subId).add(143, src.location);
        }
        return new Draft(msgType).add(34, ++src.seq).add(49, "CME").add(50, "G").add(52, Stamp.SENDING)
                .add(56, src.compId).add(57, src.subId).add(143, src.location).add(369, src.clientSeq);
    }

    /** The market segment as the payload names it: iLink 3-shaped payloads in the inner 50, iLink 2 none. */
    String segmentNamed(TradedInstrument ins) {
        return ilink3 ? ins.segment : null;
    }

    /**
     * ExecID(17). iLink 2-shaped: {@code <5 digits>:M:<5 digits>TN<7 digits>}. iLink 3-shaped, as the golden files:
     * {@code <segment>:M:<source>TN<7 digits>} on trades, {@code <segment>:A:<7 digits>} on other reports (CME
     * publishes no text format for iLink 3-sourced ExecIDs; nothing may rely on this one). Unique in the stream,
     * its last 9 characters too.
     */
    String execId(SourceSession src, TradedInstrument ins, boolean trade) {
        if (ilink3) {
            return trade ? String.format("%s:M:%dTN%07d", ins.segment, 5000 + src.index, ++execCounter)
                    : String.format("%s:A:%07d", ins.segment, ++execCounter);
        }
        return String.format("%05d:M:%05dTN%07d", 62000 + Integer.parseInt(ins.segment), 48800 + src.index,
                ++execCounter);
    }

    /** MDTradeEntryID(37711), iLink 3-shaped only: unique across sessions and segments in the stream. */
    String mdTradeEntryId() {
        return ilink3 ? String.valueOf(700000 + ++mdTradeEntryCounter) : null;
    }
}
