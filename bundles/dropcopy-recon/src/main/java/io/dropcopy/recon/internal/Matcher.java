package io.dropcopy.recon.internal;

import io.dropcopy.recon.BreakType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * Pairs the firm's fills of one order and trade date with the drop copy's, then says what differs. The result depends
 * only on the two sets, never on the order they arrived in: both sides are sorted, then paired in passes from the
 * strictest rule to the loosest, each fill paired at most once.
 * <ol>
 * <li>by ExecID, where the firm gives one (any ExecID of the trade's chain: its fill's or a correction's); a firm fill
 * with an ExecID pairs only this way</li>
 * <li>side, account, quantity and price equal to the trade's current values</li>
 * <li>side, account, quantity and price equal to the trade's values before its correction</li>
 * <li>side, quantity and price (the account differs)</li>
 * <li>side, account and quantity (the price differs); then side, account and price (the quantity differs)</li>
 * <li>side only, when exactly one fill of that side is left on each side</li>
 * </ol>
 * Passes 2 to 5 run first between fills busted on both sides or on neither, then regardless: of two like fills of an
 * order, the firm's busted one pairs with CME's busted one.
 * What is left unpaired is missing (firm only) or phantom (drop copy only); busted fills left unpaired are no break.
 */
final class Matcher {
    private Matcher() {
    }

    static List<Candidate> match(String group, String tradeDate, String orderId, List<FirmFill> firm, List<DcTrade> dc,
            Map<String, Long> firmSeen) {
        Pairing p = new Pairing(firm, dc);
        p.byExecId();
        p.byRules();
        p.lastOfEachSide();

        List<Candidate> out = new ArrayList<>();
        for (int k = 0; k < p.pairedFirm.size(); k++) {
            compare(group, tradeDate, orderId, p.pairedFirm.get(k), p.pairedDc.get(k), firmSeen, out);
        }
        for (FirmFill ff : p.f) {
            if (!p.pairedFirm.contains(ff) && !ff.busted()) {
                out.add(candidate(group, tradeDate, BreakType.MISSING_FILL, ff, null,
                        "MissingFill order " + orderId + ": firm " + describe(ff) + " not sent by CME",
                        seen(firmSeen, ff)));
            }
        }
        for (int j = 0; j < p.t.size(); j++) {
            DcTrade tt = p.t.get(j);
            if (p.pairOfTrade[j] == null && !tt.busted()) {
                out.add(candidate(group, tradeDate, BreakType.PHANTOM_FILL, null, tt,
                        "PhantomFill order " + orderId + ": CME " + describe(tt) + " not in the firm's fills",
                        tt.changedAt()));
            }
        }
        return out;
    }

    /** Both sides sorted, and the pairs found so far (in the order found), each fill paired at most once. */
    private static final class Pairing {
        final List<FirmFill> f;
        final List<DcTrade> t;
        final FirmFill[] pairOfTrade;
        final boolean[] firmPaired;
        final List<FirmFill> pairedFirm = new ArrayList<>();
        final List<DcTrade> pairedDc = new ArrayList<>();

        Pairing(List<FirmFill> firm, List<DcTrade> dc) {
            f = new ArrayList<>(firm);
            f.sort(Comparator.comparing(FirmFill::time).thenComparing(FirmFill::key));
            t = new ArrayList<>(dc);
            t.sort(Comparator.comparing((DcTrade x) -> String.valueOf(x.fill().time())).thenComparing(DcTrade::fillExecId));
            pairOfTrade = new FirmFill[t.size()];
            firmPaired = new boolean[f.size()];
        }

        private void pair(int i, int j) {
            firmPaired[i] = true;
            pairOfTrade[j] = f.get(i);
            pairedFirm.add(f.get(i));
            pairedDc.add(t.get(j));
        }

        /** Pass 1: a firm fill with an ExecID pairs by it or not at all. */
        void byExecId() {
            for (int i = 0; i < f.size(); i++) {
                FirmFill ff = f.get(i);
                if (ff.execId() == null) {
                    continue;
                }
                firmPaired[i] = true;
                for (int j = 0; j < t.size(); j++) {
                    if (pairOfTrade[j] == null && t.get(j).hasExecId(ff.execId())) {
                        pair(i, j);
                        break;
                    }
                }
            }
        }

        /** Passes 2 to 5: first between fills of the same bust state, then regardless. */
        void byRules() {
            List<BiPredicate<FirmFill, DcTrade>> rules = List.of(
                    (a, b) -> sameSide(a, b) && sameAccount(a, b) && Decimals.same(a.quantity(), b.qty()) && Decimals.same(a.price(), b.px()),
                    (a, b) -> sameSide(a, b) && sameAccount(a, b) && Decimals.same(a.quantity(), b.origQty()) && Decimals.same(a.price(), b.origPx()),
                    (a, b) -> sameSide(a, b) && Decimals.same(a.quantity(), b.qty()) && Decimals.same(a.price(), b.px()),
                    (a, b) -> sameSide(a, b) && sameAccount(a, b) && Decimals.same(a.quantity(), b.qty()),
                    (a, b) -> sameSide(a, b) && sameAccount(a, b) && Decimals.same(a.price(), b.px()));
            List<BiPredicate<FirmFill, DcTrade>> passes = new ArrayList<>();
            for (BiPredicate<FirmFill, DcTrade> rule : rules) {
                passes.add((a, b) -> a.busted() == b.busted() && rule.test(a, b)); // a bust pairs with a bust first
            }
            passes.addAll(rules);
            for (BiPredicate<FirmFill, DcTrade> rule : passes) {
                for (int i = 0; i < f.size(); i++) {
                    if (firmPaired[i]) {
                        continue;
                    }
                    for (int j = 0; j < t.size(); j++) {
                        if (pairOfTrade[j] == null && rule.test(f.get(i), t.get(j))) {
                            pair(i, j);
                            break;
                        }
                    }
                }
            }
        }

        /** Pass 6: one fill left on each side of the same side. */
        void lastOfEachSide() {
            for (String side : List.of("BUY", "SELL")) {
                int fi = -1;
                int fn = 0;
                for (int i = 0; i < f.size(); i++) {
                    if (!firmPaired[i] && side.equals(f.get(i).side())) {
                        fi = i;
                        fn++;
                    }
                }
                int tj = -1;
                int tn = 0;
                for (int j = 0; j < t.size(); j++) {
                    if (pairOfTrade[j] == null && side.equals(t.get(j).side())) {
                        tj = j;
                        tn++;
                    }
                }
                if (fn == 1 && tn == 1 && f.get(fi).execId() == null) {
                    pair(fi, tj);
                }
            }
        }
    }

    private static void compare(String group, String tradeDate, String orderId, FirmFill f, DcTrade t,
            Map<String, Long> firmSeen, List<Candidate> out) {
        long last = Math.max(seen(firmSeen, f), t.changedAt());
        String both = ": firm " + describe(f) + ", CME " + describe(t);
        if (f.busted() && t.busted()) {
            return;
        }
        if (f.busted() != t.busted()) {
            out.add(candidate(group, tradeDate, BreakType.STATE_MISMATCH, f, t, "StateMismatch order " + orderId
                    + (t.busted() ? " busted at CME only" : " busted at the firm only") + both, last));
            return;
        }
        boolean firmHasOriginal = Decimals.same(f.quantity(), t.origQty()) && Decimals.same(f.price(), t.origPx())
                && !(Decimals.same(f.quantity(), t.qty()) && Decimals.same(f.price(), t.px()));
        if (t.corrected() && !f.corrected() && firmHasOriginal) {
            out.add(candidate(group, tradeDate, BreakType.STATE_MISMATCH, f, t, "StateMismatch order " + orderId
                    + " corrected at CME only" + both, last));
            return;
        }
        if (f.corrected() && !t.corrected()) {
            out.add(candidate(group, tradeDate, BreakType.STATE_MISMATCH, f, t, "StateMismatch order " + orderId
                    + " corrected at the firm only" + both, last));
            return;
        }
        if (!sameAccount(f, t)) {
            out.add(candidate(group, tradeDate, BreakType.ACCOUNT_MISMATCH, f, t, "AccountMismatch order " + orderId
                    + ": firm account " + f.account() + ", CME account " + t.account() + both, last));
        }
        if (!Decimals.same(f.quantity(), t.qty())) {
            out.add(candidate(group, tradeDate, BreakType.QUANTITY_MISMATCH, f, t, "QuantityMismatch order " + orderId
                    + ": firm " + f.quantity() + ", CME " + t.qty() + both, last));
        }
        if (!Decimals.same(f.price(), t.px())) {
            out.add(candidate(group, tradeDate, BreakType.PRICE_MISMATCH, f, t, "PriceMismatch order " + orderId
                    + ": firm " + f.price() + ", CME " + t.px() + both, last));
        }
    }

    private static boolean sameSide(FirmFill f, DcTrade t) {
        return Objects.equals(f.side(), t.side());
    }

    private static boolean sameAccount(FirmFill f, DcTrade t) {
        return Objects.equals(f.account(), t.account());
    }

    private static long seen(Map<String, Long> firmSeen, FirmFill f) {
        Long s = firmSeen.get(f.key());
        return s == null ? 0 : s;
    }

    static String describe(FirmFill f) {
        return f.side() + " " + f.quantity() + " " + f.instrument() + " @ " + f.price() + " acct " + f.account()
                + (f.execId() == null ? "" : " exec " + f.execId()) + (f.busted() || f.corrected() ? " " + f.status() : "")
                + " (" + f.origin() + ")";
    }

    static String describe(DcTrade t) {
        return t.side() + " " + t.qty() + " " + t.fill().instrument() + " @ " + t.px() + " acct " + t.account()
                + " exec " + t.fillExecId() + (t.busted() || t.corrected() ? " " + t.state() : "")
                + " (" + t.fill().where() + ")";
    }

    private static Candidate candidate(String group, String tradeDate, BreakType type, FirmFill f, DcTrade t,
            String summary, long lastChange) {
        String id = group + "/" + tradeDate + "/" + type.label() + "/" + (f == null ? "-" : f.key()) + "/"
                + (t == null ? "-" : t.fillExecId());
        Map<String, String> ev = new LinkedHashMap<>();
        if (f != null) {
            for (Map.Entry<String, String> e : f.fields().entrySet()) {
                if (e.getValue() != null) {
                    ev.put("firm." + e.getKey(), e.getValue());
                }
            }
        }
        if (t != null) {
            DcRecord r = t.fill();
            ev.put("cme.execId", t.fillExecId());
            ev.put("cme.execIds", String.join(" ", t.ledger().execIds()));
            ev.put("cme.state", t.state());
            put(ev, "cme.account", r.account());
            put(ev, "cme.orderId", r.orderId());
            put(ev, "cme.clOrdId", r.clOrdId());
            put(ev, "cme.instrument", r.instrument());
            put(ev, "cme.securityId", r.securityId());
            put(ev, "cme.side", r.side());
            put(ev, "cme.quantity", t.qty());
            put(ev, "cme.price", t.px());
            if (t.corrected()) {
                put(ev, "cme.originalQuantity", t.origQty());
                put(ev, "cme.originalPrice", t.origPx());
            }
            put(ev, "cme.time", r.time());
            put(ev, "cme.tradeDate", r.tradeDate());
            put(ev, "cme.message", r.where());
            put(ev, "cme.changedBy", t.changedBy());
        }
        return new Candidate(id, type, f != null ? f.orderId() : t.orderId(), summary, ev, lastChange);
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
