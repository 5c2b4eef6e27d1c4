package io.dropcopy.model.ledger;

import io.dropcopy.model.DropCopyEvent;
import java.util.Objects;

/**
 * When two execution reports are the same message: the same ExecID(17) within the same trade date (75) and market
 * segment. CME states ExecID is "unique per market segment per trading session" (iLink pages) and "globally unique
 * for each message published" (Drop Copy pages); nowhere that it never recurs on another trade date or segment, so
 * an ExecID seen again on another date or segment is another fill, and only the same key is a duplicate (a resend,
 * a 97=Y copy, a replay after a restart).
 *
 * <p>The market segment is {@link DropCopyEvent#marketSegment()}; null where the payload does not name it (a CGW
 * target session's payload), which then keys on trade date and ExecID alone.
 *
 * @param tradeDate TradeDate(75) as yyyy-MM-dd, or null
 * @param marketSegment the market segment id, or null when the payload does not name it
 */
public record FillIdentity(String tradeDate, String marketSegment, String execId) {

    public FillIdentity {
        Objects.requireNonNull(execId, "execId");
    }

    /**
     * @throws IllegalArgumentException when the event has no ExecID (a 35=BZ report): it has no fill identity
     */
    public static FillIdentity of(DropCopyEvent e) {
        if (e.execId() == null) {
            throw new IllegalArgumentException("no ExecID(17): " + e);
        }
        return new FillIdentity(e.tradeDate(), e.marketSegment(), e.execId());
    }

    /** {@code tradeDate/marketSegment/execId}, with {@code -} for an absent part. */
    @Override
    public String toString() {
        return (tradeDate == null ? "-" : tradeDate) + "/" + (marketSegment == null ? "-" : marketSegment) + "/" + execId;
    }
}
