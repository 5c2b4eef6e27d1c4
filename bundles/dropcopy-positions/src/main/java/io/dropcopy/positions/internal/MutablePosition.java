package io.dropcopy.positions.internal;

import io.dropcopy.positions.Position;
import java.math.BigDecimal;
import java.math.MathContext;

/** A position being kept: quantities and notionals, so averages stay exact as fills come and go. */
final class MutablePosition {
    private static final MathContext AVG = MathContext.DECIMAL64;

    final PositionKey key;
    String description;
    long bought;
    long sold;
    int fills;
    BigDecimal buyNotional = BigDecimal.ZERO;
    BigDecimal sellNotional = BigDecimal.ZERO;
    String lastFillTime;

    MutablePosition(PositionKey key, String description) {
        this.key = key;
        this.description = description;
    }

    /** Adds (sign 1) or takes away (sign -1) a fill. */
    void apply(boolean buy, long qty, BigDecimal px, int sign, int fillDelta) {
        BigDecimal notional = px.multiply(BigDecimal.valueOf(qty));
        if (buy) {
            bought += sign * qty;
            buyNotional = sign > 0 ? buyNotional.add(notional) : buyNotional.subtract(notional);
        } else {
            sold += sign * qty;
            sellNotional = sign > 0 ? sellNotional.add(notional) : sellNotional.subtract(notional);
        }
        fills += fillDelta;
    }

    void seen(String time) {
        if (time != null && (lastFillTime == null || time.compareTo(lastFillTime) > 0)) {
            lastFillTime = time;
        }
    }

    long net() {
        return bought - sold;
    }

    Position snapshot() {
        return new Position(key.group(), key.account(), key.securityId(), description, key.tradeDate(), bought, sold, fills,
                avg(buyNotional, bought), avg(sellNotional, sold), lastFillTime);
    }

    private static BigDecimal avg(BigDecimal notional, long qty) {
        if (qty == 0) {
            return null;
        }
        // six decimals (half-even) are finer than any CME tick; more digits only made the tables unreadable
        BigDecimal avg = notional.divide(BigDecimal.valueOf(qty), AVG).setScale(6, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return avg.scale() < 0 ? avg.setScale(0) : avg;
    }
}
