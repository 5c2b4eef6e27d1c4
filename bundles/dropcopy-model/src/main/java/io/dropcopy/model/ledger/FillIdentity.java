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
 */
public final class FillIdentity {
    private final String tradeDate;
    private final String marketSegment;
    private final String execId;

    public FillIdentity(String tradeDate, String marketSegment, String execId) {
        this.tradeDate = tradeDate;
        this.marketSegment = marketSegment;
        this.execId = Objects.requireNonNull(execId, "execId");
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

    /** TradeDate(75) as yyyy-MM-dd, or null. */
    public String tradeDate() {
        return tradeDate;
    }

    /** The market segment id, or null when the payload does not name it. */
    public String marketSegment() {
        return marketSegment;
    }

    public String execId() {
        return execId;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FillIdentity)) {
            return false;
        }
        FillIdentity other = (FillIdentity) o;
        return execId.equals(other.execId) && Objects.equals(tradeDate, other.tradeDate)
                && Objects.equals(marketSegment, other.marketSegment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tradeDate, marketSegment, execId);
    }

    /** {@code tradeDate/marketSegment/execId}, with {@code -} for an absent part. */
    @Override
    public String toString() {
        return (tradeDate == null ? "-" : tradeDate) + "/" + (marketSegment == null ? "-" : marketSegment) + "/" + execId;
    }
}
