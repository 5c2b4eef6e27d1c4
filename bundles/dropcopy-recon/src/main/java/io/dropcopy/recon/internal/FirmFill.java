package io.dropcopy.recon.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One fill as the firm records it. {@link #key()} identifies it across batches: the firm's fillId, else its execId,
 * else order id, time and the row's place among the rows of the same order and time in its batch.
 *
 * @param side {@code BUY} or {@code SELL}
 * @param status {@code FILLED}, {@code BUSTED} or {@code CORRECTED}
 * @param origin where the row came from ({@code source row N})
 */
public record FirmFill(String key, String account, String orderId, String clOrdId, String instrument, String side,
        String quantity, String price, String time, String tradeDate, String execId, String status, String origin) {

    public static final String FILLED = "FILLED";
    public static final String BUSTED = "BUSTED";
    public static final String CORRECTED = "CORRECTED";

    public boolean busted() {
        return BUSTED.equals(status);
    }

    public boolean corrected() {
        return CORRECTED.equals(status);
    }

    /** Same fill, same values (the origin does not count: the same row re-polled from another file is unchanged). */
    public boolean sameAs(FirmFill o) {
        return key.equals(o.key) && Objects.equals(account, o.account) && Objects.equals(orderId, o.orderId)
                && Objects.equals(clOrdId, o.clOrdId) && Objects.equals(instrument, o.instrument)
                && Objects.equals(side, o.side) && Decimals.same(quantity, o.quantity) && Decimals.same(price, o.price)
                && Objects.equals(time, o.time) && Objects.equals(tradeDate, o.tradeDate)
                && Objects.equals(execId, o.execId) && Objects.equals(status, o.status);
    }

    private static final List<String> NAMES = List.of("key", "account", "orderId", "clOrdId", "instrument", "side",
            "quantity", "price", "time", "tradeDate", "execId", "status", "origin");

    /** Every field by name, in a fixed order (journal and evidence). */
    public Map<String, String> fields() {
        return TextFields.of(this, NAMES);
    }

    public static FirmFill ofFields(Map<String, ?> m) {
        return TextFields.read(FirmFill.class, NAMES, m);
    }
}
