package io.dropcopy.recon.internal;

import io.dropcopy.model.ledger.LedgerTrade;
import io.dropcopy.model.ledger.LinkResult;
import io.dropcopy.model.ledger.TradeChange;
import io.dropcopy.model.ledger.TradeLinker;
import java.util.Collection;
import java.util.List;

/**
 * The one place reconciliation links a bust or correction to its fill: the model's exact rule
 * ({@link TradeLinker}: same order, instrument and trade date, by MDTradeEntryID or ExecRefID; refuses unknown or
 * ambiguous references, never searches across orders).
 */
final class ChangeLinking {
    private ChangeLinking() {
    }

    static LedgerTrade trade(DcRecord fill) {
        return new LedgerTrade(fill.orderId(), fill.securityId(), fill.tradeDate(), fill.mdTradeEntryId(),
                List.of(fill.execId()), fill.lastPx(), fill.lastQty(), false);
    }

    static TradeChange change(DcRecord c) {
        return new TradeChange("bust".equals(c.kind()) ? TradeChange.Type.BUST : TradeChange.Type.CORRECTION,
                c.execId(), c.execRefId(), c.orderId(), c.securityId(), c.tradeDate(), c.mdTradeEntryId(), c.lastPx(),
                c.lastQty());
    }

    /** The linked trade of {@code candidates} (the order's trades), or the refusal. */
    static LinkResult link(DcRecord change, Collection<LedgerTrade> candidates) {
        return TradeLinker.link(change(change), candidates);
    }
}
