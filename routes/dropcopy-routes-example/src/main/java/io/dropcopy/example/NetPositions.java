package io.dropcopy.example;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Net filled quantity per account and symbol (buys positive, sells negative), from the fills seen since the bundle
 * started. Plain Java, no Camel: the route only calls {@link #apply}. A sketch of the kind of logic a user puts in a
 * route bundle: it ignores busts and corrections (the JDBC sink applies those) and forgets everything on restart.
 */
public final class NetPositions {
    private final Map<String, BigDecimal> net = new ConcurrentHashMap<>();

    /** @return the new net quantity of the event's account and symbol, or null if the event is not a fill */
    public BigDecimal apply(DropCopyEvent e) {
        if (e.kind() != EventKind.FILL && e.kind() != EventKind.PARTIAL_FILL) {
            return null;
        }
        String lastQty = e.field(32);
        String side = e.field(54);
        if (lastQty == null || side == null) {
            return null;
        }
        BigDecimal qty = new BigDecimal(lastQty);
        BigDecimal signed = "1".equals(side) ? qty : qty.negate(); // 1 = buy; 2 (sell) and 5 (sell short) subtract
        return net.merge(key(e.field(1), e.symbol()), signed, BigDecimal::add);
    }

    public BigDecimal get(String account, String symbol) {
        return net.getOrDefault(key(account, symbol), BigDecimal.ZERO);
    }

    private static String key(String account, String symbol) {
        return (account == null ? "-" : account) + "/" + symbol;
    }
}
