package io.dropcopy.positions;

import java.math.BigDecimal;

/**
 * One position, a snapshot: a group's account in one instrument on one trade date, or across every trade date held
 * ({@link #tradeDate()} {@link #ALL_DATES}). Spread summary fills never count; busted fills do not count; corrected
 * fills count with their corrected price and quantity.
 */
public final class Position {
    /** The trade date of the running position (every trade date held). */
    public static final String ALL_DATES = "*";

    private final String group;
    private final String account;
    private final String securityId;
    private final String description;
    private final String tradeDate;
    private final long boughtQty;
    private final long soldQty;
    private final int fills;
    private final BigDecimal avgBuyPx;
    private final BigDecimal avgSellPx;
    private final String lastFillTime;

    public Position(String group, String account, String securityId, String description, String tradeDate,
                    long boughtQty, long soldQty, int fills, BigDecimal avgBuyPx, BigDecimal avgSellPx,
                    String lastFillTime) {
        this.group = group;
        this.account = account;
        this.securityId = securityId;
        this.description = description;
        this.tradeDate = tradeDate;
        this.boughtQty = boughtQty;
        this.soldQty = soldQty;
        this.fills = fills;
        this.avgBuyPx = avgBuyPx;
        this.avgSellPx = avgSellPx;
        this.lastFillTime = lastFillTime;
    }

    public String group() { return group; }
    public String account() { return account; }
    /** SecurityID(48). */
    public String securityId() { return securityId; }
    /** SecurityDesc(107), else Symbol(55). */
    public String description() { return description; }
    /** yyyy-MM-dd, or {@link #ALL_DATES}. */
    public String tradeDate() { return tradeDate; }
    /** Bought minus sold. */
    public long net() { return boughtQty - soldQty; }
    public long boughtQty() { return boughtQty; }
    public long soldQty() { return soldQty; }
    /** Fills counted (live outright and leg fills). */
    public int fills() { return fills; }
    /** Quantity-weighted average buy price (six decimals, half-even), or null when nothing was bought. */
    public BigDecimal avgBuyPx() { return avgBuyPx; }
    /** Quantity-weighted average sell price (six decimals, half-even), or null when nothing was sold. */
    public BigDecimal avgSellPx() { return avgSellPx; }
    /** TransactTime(60) of the latest fill counted (ISO-8601 UTC), or null. */
    public String lastFillTime() { return lastFillTime; }

    @Override
    public String toString() {
        return group + "/" + account + "/" + securityId + "@" + tradeDate + " net=" + net() + " bought=" + boughtQty
                + " sold=" + soldQty + " fills=" + fills;
    }
}
