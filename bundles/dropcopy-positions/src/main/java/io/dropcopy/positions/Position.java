package io.dropcopy.positions;

import java.math.BigDecimal;

/**
 * One position, a snapshot: a group's account in one instrument on one trade date, or across every trade date held
 * ({@link #tradeDate()} {@link #ALL_DATES}). Spread summary fills never count; busted fills do not count; corrected
 * fills count with their corrected price and quantity.
 *
 * @param securityId SecurityID(48)
 * @param description SecurityDesc(107), else Symbol(55)
 * @param tradeDate yyyy-MM-dd, or {@link #ALL_DATES}
 * @param fills Fills counted (live outright and leg fills)
 * @param avgBuyPx Quantity-weighted average buy price (six decimals, half-even), or null when nothing was bought
 * @param avgSellPx Quantity-weighted average sell price (six decimals, half-even), or null when nothing was sold
 * @param lastFillTime TransactTime(60) of the latest fill counted (ISO-8601 UTC), or null
 */
public record Position(String group, String account, String securityId, String description, String tradeDate,
        long boughtQty, long soldQty, int fills, BigDecimal avgBuyPx, BigDecimal avgSellPx, String lastFillTime) {
    /** The trade date of the running position (every trade date held). */
    public static final String ALL_DATES = "*";

    /** Bought minus sold. */
    public long net() { return boughtQty - soldQty; }

    @Override
    public String toString() {
        return group + "/" + account + "/" + securityId + "@" + tradeDate + " net=" + net() + " bought=" + boughtQty
                + " sold=" + soldQty + " fills=" + fills;
    }
}
