package io.dropcopy.simulator;

import java.math.BigDecimal;

/** An instrument of the realistic scenario: an outright or a calendar spread (leg1 minus leg2). */
final class TradedInstrument {
    final String symbol;
    final String securityDesc;
    final String securityId;
    final BigDecimal tick;
    final int scale;
    final long baseTicks;
    final int maxQty;
    final String segment;
    final TradedInstrument leg1;
    final TradedInstrument leg2;
    long midTicks;

    TradedInstrument(String symbol, String securityDesc, String securityId, String basePrice, String tick, int maxQty,
            String segment) {
        this(symbol, securityDesc, securityId, basePrice, tick, maxQty, segment, null, null);
    }

    TradedInstrument(String symbol, String securityDesc, String securityId, String basePrice, String tick, int maxQty,
            String segment, TradedInstrument leg1, TradedInstrument leg2) {
        this.symbol = symbol;
        this.securityDesc = securityDesc;
        this.securityId = securityId;
        this.tick = new BigDecimal(tick);
        this.scale = Math.max(2, this.tick.scale());
        this.baseTicks = new BigDecimal(basePrice).divide(this.tick).longValueExact();
        this.maxQty = maxQty;
        this.segment = segment;
        this.leg1 = leg1;
        this.leg2 = leg2;
        this.midTicks = baseTicks;
    }

    boolean isSpread() {
        return leg1 != null;
    }

    String price(long ticks) {
        return tick.multiply(BigDecimal.valueOf(ticks)).setScale(scale).toPlainString();
    }
}
