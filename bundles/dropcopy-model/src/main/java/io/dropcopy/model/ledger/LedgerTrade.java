package io.dropcopy.model.ledger;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One trade (a fill) as a ledger holds it: the ExecIDs of its chain (the fill, then each correction applied to it,
 * oldest first), where it belongs (order, instrument, trade date), its MDTradeEntryID(37711) when CME sent one, its
 * current price and quantity, and whether it is busted. Immutable: {@link #apply} returns the changed trade.
 */
public final class LedgerTrade {
    private final String orderId;
    private final String securityId;
    private final String tradeDate;
    private final String mdTradeEntryId;
    private final List<String> execIds;
    private final String lastPx;
    private final String lastQty;
    private final boolean busted;

    public LedgerTrade(String orderId, String securityId, String tradeDate, String mdTradeEntryId, List<String> execIds,
            String lastPx, String lastQty, boolean busted) {
        this.orderId = orderId;
        this.securityId = securityId;
        this.tradeDate = tradeDate;
        this.mdTradeEntryId = mdTradeEntryId;
        if (execIds == null || execIds.isEmpty()) {
            throw new IllegalArgumentException("a trade has at least the ExecID of its fill");
        }
        for (String id : execIds) {
            Objects.requireNonNull(id, "execId");
        }
        this.execIds = Collections.unmodifiableList(new ArrayList<>(execIds));
        this.lastPx = lastPx;
        this.lastQty = lastQty;
        this.busted = busted;
    }

    /** The trade a fill or partial fill event opens. */
    public static LedgerTrade ofFill(DropCopyEvent fill) {
        if (fill.kind() != EventKind.FILL && fill.kind() != EventKind.PARTIAL_FILL) {
            throw new IllegalArgumentException("not a fill: " + fill);
        }
        return new LedgerTrade(fill.orderId(), fill.field(48), fill.tradeDate(), fill.field(37711),
                List.of(fill.execId()), fill.field(31), fill.field(32), false);
    }

    /** The trade after a change that {@link TradeLinker#link} linked to it. */
    public LedgerTrade apply(TradeChange change) {
        if (busted) {
            throw new IllegalStateException("trade " + currentExecId() + " is busted: nothing can change it");
        }
        if (change.type() == TradeChange.Type.BUST) {
            return new LedgerTrade(orderId, securityId, tradeDate, mdTradeEntryId, execIds, lastPx, lastQty, true);
        }
        List<String> chain = new ArrayList<>(execIds);
        chain.add(change.execId());
        return new LedgerTrade(orderId, securityId, tradeDate, mdTradeEntryId, chain,
                change.lastPx() != null ? change.lastPx() : lastPx, change.lastQty() != null ? change.lastQty() : lastQty,
                false);
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

    public String mdTradeEntryId() {
        return mdTradeEntryId;
    }

    /** The fill's ExecID first, then the ExecID of each correction applied, oldest first. */
    public List<String> execIds() {
        return execIds;
    }

    /** The ExecID of the fill itself. */
    public String fillExecId() {
        return execIds.get(0);
    }

    /** The ExecID of the latest version (the fill, or the last correction). */
    public String currentExecId() {
        return execIds.get(execIds.size() - 1);
    }

    public String lastPx() {
        return lastPx;
    }

    public String lastQty() {
        return lastQty;
    }

    public boolean busted() {
        return busted;
    }

    @Override
    public String toString() {
        return "trade " + execIds + " order=" + orderId + " security=" + securityId + " date=" + tradeDate
                + (busted ? " busted" : " " + lastQty + "@" + lastPx);
    }
}
