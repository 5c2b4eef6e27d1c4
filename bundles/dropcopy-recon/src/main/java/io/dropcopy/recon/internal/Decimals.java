package io.dropcopy.recon.internal;

import java.math.BigDecimal;

/** Quantities and prices compared by value (100.50 equals 100.5), kept as their text for evidence. */
final class Decimals {
    private Decimals() {
    }

    static boolean same(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            return a.equals(b);
        }
    }

    static BigDecimal value(String s) {
        return s == null ? BigDecimal.ZERO : new BigDecimal(s);
    }
}
