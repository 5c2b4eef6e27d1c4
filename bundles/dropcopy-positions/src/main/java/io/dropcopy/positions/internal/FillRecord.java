package io.dropcopy.positions.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** One fill the ledger holds, with its current price and quantity (after corrections) and whether it was busted. */
final class FillRecord {
    final String orderId;
    final String securityId;
    final String tradeDate;
    /** The fill's ExecID, then each correction's: a later bust or correction may refer to any of them. */
    final List<String> execIds = new ArrayList<>(1);
    final String mdTradeEntryId;
    final boolean buy;
    /** A spread summary (442=3): linked, never counted in a position. */
    final boolean spreadSummary;
    final PositionKey key;
    long qty;
    BigDecimal px;
    boolean busted;

    FillRecord(String orderId, String securityId, String tradeDate, String execId, String mdTradeEntryId, boolean buy,
               boolean spreadSummary, PositionKey key, long qty, BigDecimal px) {
        this.orderId = orderId;
        this.securityId = securityId;
        this.tradeDate = tradeDate;
        this.execIds.add(execId);
        this.mdTradeEntryId = mdTradeEntryId;
        this.buy = buy;
        this.spreadSummary = spreadSummary;
        this.key = key;
        this.qty = qty;
        this.px = px;
    }

    String currentExecId() {
        return execIds.get(execIds.size() - 1);
    }
}
