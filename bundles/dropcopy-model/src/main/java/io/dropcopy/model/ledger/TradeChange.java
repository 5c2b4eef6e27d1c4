package io.dropcopy.model.ledger;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import java.util.Objects;

/**
 * A trade bust (20=1 / 39=H) or trade correction (20=2 / 39=G) as the linking rule needs it: what it changes is
 * named by ExecRefID(19) and, where CME sends it, MDTradeEntryID(37711), inside its order, instrument and trade date.
 *
 * @param execId ExecID(17) of the bust or correction itself (a new id, never the fill's)
 * @param execRefId ExecRefID(19): the unique id of the trade being cancelled or corrected
 * @param tradeDate TradeDate(75) as the caller stores it (the event gives yyyy-MM-dd); compared as text
 * @param mdTradeEntryId MDTradeEntryID(37711): CME keeps the original trade's value on its busts and corrections; or
 *     null when the message has none
 * @param lastPx LastPx(31): the new price of a correction, the price of the busted trade on a bust
 * @param lastQty LastQty(32): on a correction CME sends the original quantity filled
 */
public record TradeChange(Type type, String execId, String execRefId, String orderId, String securityId,
        String tradeDate, String mdTradeEntryId, String lastPx, String lastQty) {
    /** What the change does to the fill it refers to. */
    public enum Type {
        /** The fill is cancelled: it no longer counts. */
        BUST,
        /** The fill gets a new price (31) and quantity (32) and a new ExecID (17). */
        CORRECTION
    }

    public TradeChange {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(execId, "execId");
    }

    /**
     * The change an event carries.
     *
     * @throws IllegalArgumentException when the event is neither a bust nor a correction
     */
    public static TradeChange of(DropCopyEvent e) {
        Type type;
        if (e.kind() == EventKind.BUST) {
            type = Type.BUST;
        } else if (e.kind() == EventKind.CORRECTION) {
            type = Type.CORRECTION;
        } else {
            throw new IllegalArgumentException("not a bust or correction: " + e);
        }
        return new TradeChange(type, e.execId(), e.execRefId(), e.orderId(), e.field(48), e.tradeDate(),
                e.field(37711), e.field(31), e.field(32));
    }

    @Override
    public String toString() {
        return type + " " + execId + " ref=" + execRefId + " order=" + orderId + " security=" + securityId + " date="
                + tradeDate + (mdTradeEntryId == null ? "" : " mdTradeEntryId=" + mdTradeEntryId);
    }
}
