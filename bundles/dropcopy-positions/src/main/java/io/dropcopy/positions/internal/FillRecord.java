package io.dropcopy.positions.internal;

import io.dropcopy.model.ledger.LedgerTrade;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One fill the ledger holds, with its current price and quantity (after corrections) and whether it was busted. */
final class FillRecord {
    final String group;
    final String orderId;
    final String securityId;
    final String tradeDate;
    /** The fill's ExecID. */
    final String execId;
    /** Each later correction's or bust's ExecID (a later message may refer to any of them); null when none. */
    private String[] later;
    final String mdTradeEntryId;
    final boolean buy;
    /** A spread summary (442=3): linked, never counted in a position. */
    final boolean spreadSummary;
    final PositionKey key;
    long qty;
    BigDecimal px;
    boolean busted;

    FillRecord(String group, String orderId, String securityId, String tradeDate, String execId, String mdTradeEntryId, boolean buy,
               boolean spreadSummary, PositionKey key, long qty, BigDecimal px) {
        this.group = group;
        this.orderId = orderId;
        this.securityId = securityId;
        this.tradeDate = tradeDate;
        this.execId = execId;
        this.mdTradeEntryId = mdTradeEntryId;
        this.buy = buy;
        this.spreadSummary = spreadSummary;
        this.key = key;
        this.qty = qty;
        this.px = px;
    }

    void changedBy(String execId) {
        later = later == null ? new String[] {execId} : Arrays.copyOf(later, later.length + 1);
        later[later.length - 1] = execId;
    }

    /** This fill as the model's ledger sees it, for {@link io.dropcopy.model.ledger.TradeLinker}. */
    LedgerTrade asTrade() {
        List<String> ids = new ArrayList<>(1 + (later == null ? 0 : later.length));
        ids.add(execId);
        if (later != null) {
            ids.addAll(Arrays.asList(later));
        }
        return new LedgerTrade(orderId, securityId, tradeDate, mdTradeEntryId, ids, px.toPlainString(),
                Long.toString(qty), busted);
    }

    String currentExecId() {
        return later == null ? execId : later[later.length - 1];
    }
}
