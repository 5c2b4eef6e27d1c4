package io.dropcopy.reliability;

import io.dropcopy.model.JsonObjectReader;
import io.dropcopy.simulator.ExpectedLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Positions per account and instrument (security id), computed from the simulator's own bookkeeping
 * ({@link ExpectedLedger}: what it decided to send, never read back from the product), and the same figures read from
 * the product's REST answer, so the two can be compared line by line.
 */
final class ExpectedPositions {
    private static final Pattern OBJECT = Pattern.compile("\\{[^{}]*\\}");

    /** One running position: what the test compares. */
    record Figures(long net, long bought, long sold, long fills) {
        @Override
        public String toString() {
            return "net " + net + " bought " + bought + " sold " + sold + " fills " + fills;
        }
    }

    private ExpectedPositions() {
    }

    /**
     * "account security-id" to its figures: every outright and leg fill the simulator sent counts (a spread summary
     * never does), at its final quantity after corrections; a busted fill does not count at all.
     */
    static Map<String, Figures> fromLedger(ExpectedLedger ledger) {
        Map<String, long[]> sums = new TreeMap<>();
        for (ExpectedLedger.Fill f : ledger.fills()) {
            if (!f.countsForPosition() || f.state() == ExpectedLedger.State.BUSTED) {
                continue;
            }
            long[] s = sums.computeIfAbsent(key(f.account(), f.securityId()), k -> new long[3]);
            if ("1".equals(f.side())) {
                s[0] += f.qty();
            } else {
                s[1] += f.qty();
            }
            s[2]++;
        }
        Map<String, Figures> out = new TreeMap<>();
        sums.forEach((k, s) -> out.put(k, new Figures(s[0] - s[1], s[0], s[1], s[2])));
        return out;
    }

    /**
     * The running positions ({@code tradeDate} "*") of {@code GET /dropcopy/api/positions} of one group; a position
     * whose fills were all busted (0 fills) is left out, as the ledger side leaves it out.
     */
    static Map<String, Figures> fromApi(String json, String group) {
        Map<String, Figures> out = new TreeMap<>();
        Matcher m = OBJECT.matcher(json);
        while (m.find()) {
            Map<String, Object> p = JsonObjectReader.read(m.group());
            if (!group.equals(p.get("group")) || !"*".equals(p.get("tradeDate"))) {
                continue;
            }
            Figures f = new Figures(number(p.get("net")), number(p.get("boughtQty")), number(p.get("soldQty")),
                    number(p.get("fills")));
            if (f.fills() > 0 || f.bought() != 0 || f.sold() != 0) {
                out.put(key((String) p.get("account"), (String) p.get("securityId")), f);
            }
        }
        return out;
    }

    /** The differences, one line per account and instrument; empty when equal. */
    static List<String> differences(Map<String, Figures> expected, Map<String, Figures> actual) {
        List<String> out = new ArrayList<>();
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            Figures e = expected.get(k);
            Figures a = actual.get(k);
            if (!Objects.equals(e, a)) {
                out.add(k + ": expected " + (e == null ? "no position" : e) + ", the product shows "
                        + (a == null ? "no position" : a));
            }
        }
        return out;
    }

    private static String key(String account, String securityId) {
        return account + " " + securityId;
    }

    private static long number(Object o) {
        // the reader keeps numbers as their text
        return o == null ? 0 : Long.parseLong(o.toString());
    }
}
