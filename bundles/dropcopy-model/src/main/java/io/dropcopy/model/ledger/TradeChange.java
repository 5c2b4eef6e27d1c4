package io.dropcopy.model.ledger;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import java.util.Objects;

/**
 * A trade bust (20=1 / 39=H) or trade correction (20=2 / 39=G) as the linking rule needs it: what it changes is
 * named by ExecRefID(19) and, where CME sends it, MDTradeEntryID(37711), inside its order, instrument and trade date.
 */
public final class TradeChange {
    /** What the change does to the fill it refers to. */
    public enum Type {
        /** The fill is cancelled: it no longer counts. */
        BUST,
        /** The fill gets a new price (31) and quantity (32) and a new ExecID (17). */
        CORRECTION
    }

    private final Type type;
    private final String execId;
    private final String execRefId;
    private final String orderId;
    private final String securityId;
    private final String tradeDate;
    private final String mdTradeEntryId;
    private final String lastPx;
    private final String lastQty;

    /**
     * @param tradeDate TradeDate(75) as the caller stores it (the event gives yyyy-MM-dd); compared as text
     * @param mdTradeEntryId MDTradeEntryID(37711) or null when the message has none
     */
    public TradeChange(Type type, String execId, String execRefId, String orderId, String securityId, String tradeDate,
            String mdTradeEntryId, String lastPx, String lastQty) {
        this.type = Objects.requireNonNull(type, "type");
        this.execId = Objects.requireNonNull(execId, "execId");
        this.execRefId = execRefId;
        this.orderId = orderId;
        this.securityId = securityId;
        this.tradeDate = tradeDate;
        this.mdTradeEntryId = mdTradeEntryId;
        this.lastPx = lastPx;
        this.lastQty = lastQty;
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

    public Type type() {
        return type;
    }

    /** ExecID(17) of the bust or correction itself (a new id, never the fill's). */
    public String execId() {
        return execId;
    }

    /** ExecRefID(19): the unique id of the trade being cancelled or corrected. */
    public String execRefId() {
        return execRefId;
    }

    public String orderId() {
        return orderId;
    }

    public String securityId() {
        return securityId;
    }

    public String tradeDate() {
        return tradeDate;
    }

    /** MDTradeEntryID(37711): CME keeps the original trade's value on its busts and corrections; or null. */
    public String mdTradeEntryId() {
        return mdTradeEntryId;
    }

    /** LastPx(31): the new price of a correction, the price of the busted trade on a bust. */
    public String lastPx() {
        return lastPx;
    }

    /** LastQty(32): on a correction CME sends the original quantity filled. */
    public String lastQty() {
        return lastQty;
    }

    @Override
    public String toString() {
        return type + " " + execId + " ref=" + execRefId + " order=" + orderId + " security=" + securityId + " date="
                + tradeDate + (mdTradeEntryId == null ? "" : " mdTradeEntryId=" + mdTradeEntryId);
    }
}
