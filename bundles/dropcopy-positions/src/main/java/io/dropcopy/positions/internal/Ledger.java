package io.dropcopy.positions.internal;

import io.dropcopy.model.ledger.TradeChange;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Fills to positions, exactly: each report applied once by its identity (ExecID within group, trade date and market
 * segment: 97=Y copies, resends and a journal read again at start count once); busts take their fill away,
 * corrections re-price and re-size it (also a correction or a bust of a correction); spread summary fills (442=3)
 * never count, their outright legs (442=2) do. What cannot be applied exactly is refused with the reason.
 * Not thread-safe: the engine serializes calls.
 */
final class Ledger {
    enum Outcome { APPLIED, DUPLICATE, SPREAD_SUMMARY, REFUSED, NOT_A_FILL }

    /**
     * What {@link #apply} did.
     *
     * @param position the dated position changed (or that would have), or null
     */
    record Result(Outcome outcome, String reason, MutablePosition position, MutablePosition running) {
        String label() {
            switch (outcome) {
                case APPLIED: return "applied";
                case DUPLICATE: return "duplicate";
                case SPREAD_SUMMARY: return "spread";
                case REFUSED: return "refused: " + reason;
                default: return "info";
            }
        }
    }

    /** ExecIDs applied, per group, trade date and market segment (the ExecID strings are the fills' own). */
    private final Map<String, Set<String>> applied = new HashMap<>();
    /** One String per group, account, instrument, date, segment, description: positions repeat them. */
    private final Map<String, String> canonical = new HashMap<>();
    /** Prices and quantities repeat (a tick grid, a few sizes): one String and one BigDecimal per text, bounded. */
    private final Map<String, String> numbers = new HashMap<>();
    private final Map<String, BigDecimal> prices = new HashMap<>();
    static final int NUMBERS_HELD = 65_536;
    /** The ExecIDs of the last group, trade date and segment seen: consecutive reports nearly always share them. */
    private String lastGroup;
    private String lastDate;
    private String lastSegment;
    private Set<String> lastIds;
    private final FillIndex linker = new FillIndex();
    private final Map<PositionKey, MutablePosition> positions = new HashMap<>();

    Result apply(ExecReport r) {
        if (r.kind == ExecReport.Kind.OTHER) {
            return new Result(Outcome.NOT_A_FILL, null, null, null);
        }
        if (r.execId == null) {
            return refused("no ExecID(17)");
        }
        canonicalize(r);
        Set<String> ids = appliedIds(r);
        if (ids.contains(r.execId)) {
            return new Result(Outcome.DUPLICATE, null, null, null);
        }
        Result result;
        switch (r.kind) {
            case FILL:
                result = fill(r);
                break;
            case BUST:
                result = change(r, TradeChange.Type.BUST);
                break;
            default:
                result = change(r, TradeChange.Type.CORRECTION);
        }
        if (result.outcome() != Outcome.REFUSED) {
            ids.add(r.execId);
        }
        return result;
    }

    private void canonicalize(ExecReport r) {
        r.group = canon(r.group);
        r.account = canon(r.account);
        r.securityId = canon(r.securityId);
        r.tradeDate = canon(r.tradeDate);
        r.segment = canon(r.segment);
        r.description = canon(r.description);
        r.lastQty = number(r.lastQty);
        r.lastPx = number(r.lastPx);
    }

    private Set<String> appliedIds(ExecReport r) {
        // canonical strings: the same group, date and segment are the same instances
        if (lastIds == null || r.group != lastGroup || r.tradeDate != lastDate || r.segment != lastSegment) {
            lastIds = applied.computeIfAbsent(r.group + '\u001f' + r.tradeDate + '\u001f' + r.segment,
                    k -> new HashSet<>());
            lastGroup = r.group;
            lastDate = r.tradeDate;
            lastSegment = r.segment;
        }
        return lastIds;
    }

    private String number(String s) {
        if (s == null) {
            return null;
        }
        String c = numbers.get(s);
        if (c != null) {
            return c;
        }
        if (numbers.size() < NUMBERS_HELD) {
            numbers.put(s, s);
        }
        return s;
    }

    /** The price of the text, one instance per distinct (canonical) text while the cache has room. */
    private BigDecimal price(String text) {
        BigDecimal px = prices.get(text);
        if (px == null) {
            px = new BigDecimal(text);
            if (prices.size() < NUMBERS_HELD) {
                prices.put(text, px);
            }
        }
        return px;
    }

    private String canon(String s) {
        if (s == null) {
            return null;
        }
        String c = canonical.putIfAbsent(s, s);
        return c == null ? s : c;
    }

    private Result fill(ExecReport r) {
        if (r.multiLeg != null && !r.multiLeg.equals("1") && !r.multiLeg.equals("2") && !r.multiLeg.equals("3")) {
            return refused("unknown MultiLegReportingType(442)=" + r.multiLeg);
        }
        if (r.multiLeg == null && r.secondaryExecId != null) {
            // linked to a spread (527) but not saying whether it is the summary or a leg: counting it could count twice
            return refused("spread-linked fill (527=" + r.secondaryExecId + ") without MultiLegReportingType(442)");
        }
        String problem = missing(r);
        if (problem != null) {
            return refused(problem);
        }
        long qty;
        BigDecimal px;
        try {
            qty = quantity(r.lastQty);
            px = price(r.lastPx);
        } catch (NumberFormatException e) {
            return refused("LastQty(32)=" + r.lastQty + " / LastPx(31)=" + r.lastPx + ": " + e.getMessage());
        }
        boolean summary = "3".equals(r.multiLeg);
        PositionKey key = new PositionKey(r.group, r.account, r.securityId, r.tradeDate);
        FillRecord record = new FillRecord(r.group, r.orderId, r.securityId, r.tradeDate, r.execId, r.mdTradeEntryId,
                "1".equals(r.side), summary, key, qty, px);
        linker.add(record);
        if (summary) {
            return spreadSummary();
        }
        MutablePosition p = position(key, r.description);
        MutablePosition run = position(key.running(), r.description);
        both(p, run, record.buy, qty, px, 1, 1);
        p.seen(r.time());
        run.seen(r.time());
        return new Result(Outcome.APPLIED, null, p, run);
    }

    /** A bust or correction, applied to the fill it is linked to; refused when it links to none. */
    private Result change(ExecReport r, TradeChange.Type type) {
        FillIndex.Match m = linker.find(r, type);
        if (m.fill == null) {
            return refused(m.refusal);
        }
        return type == TradeChange.Type.BUST ? bust(r, m.fill) : correction(r, m.fill);
    }

    private Result bust(ExecReport r, FillRecord f) {
        f.busted = true;
        f.changedBy(r.execId);
        if (f.spreadSummary) {
            return spreadSummary();
        }
        MutablePosition p = positions.get(f.key);
        MutablePosition run = positions.get(f.key.running());
        both(p, run, f.buy, f.qty, f.px, -1, -1);
        return new Result(Outcome.APPLIED, null, p, run);
    }

    private Result correction(ExecReport r, FillRecord f) {
        long qty;
        BigDecimal px;
        try {
            qty = r.lastQty == null ? f.qty : quantity(r.lastQty);
            px = r.lastPx == null ? f.px : price(r.lastPx);
        } catch (NumberFormatException e) {
            return refused("LastQty(32)=" + r.lastQty + " / LastPx(31)=" + r.lastPx + ": " + e.getMessage());
        }
        f.changedBy(r.execId);
        if (f.spreadSummary) {
            f.qty = qty;
            f.px = px;
            return spreadSummary();
        }
        MutablePosition p = positions.get(f.key);
        MutablePosition run = positions.get(f.key.running());
        both(p, run, f.buy, f.qty, f.px, -1, 0);
        f.qty = qty;
        f.px = px;
        both(p, run, f.buy, qty, px, 1, 0);
        return new Result(Outcome.APPLIED, null, p, run);
    }

    /** A spread summary changes no position: its legs carry it. */
    private static Result spreadSummary() {
        return new Result(Outcome.SPREAD_SUMMARY, null, null, null);
    }

    /** The same change to the trade date's position and to the running one. */
    private static void both(MutablePosition p, MutablePosition run, boolean buy, long qty, BigDecimal px, int sign,
            int fillDelta) {
        p.apply(buy, qty, px, sign, fillDelta);
        run.apply(buy, qty, px, sign, fillDelta);
    }

    private static String missing(ExecReport r) {
        if (r.account == null) {
            return "fill without Account(1)";
        }
        if (r.securityId == null) {
            return "fill without SecurityID(48)";
        }
        if (r.orderId == null) {
            return "fill without OrderID(37)";
        }
        if (r.lastQty == null || r.lastPx == null) {
            return "fill without LastQty(32) or LastPx(31)";
        }
        if (!"1".equals(r.side) && !"2".equals(r.side)) {
            return "fill with Side(54)=" + r.side + " (1 buy or 2 sell expected)";
        }
        return null;
    }

    private static long quantity(String text) {
        BigDecimal q = new BigDecimal(text);
        try {
            long v = q.longValueExact();
            if (v <= 0) {
                throw new NumberFormatException("quantity must be positive");
            }
            return v;
        } catch (ArithmeticException e) {
            throw new NumberFormatException("quantity is not a whole number");
        }
    }

    private MutablePosition position(PositionKey key, String description) {
        MutablePosition p = positions.get(key);
        if (p == null) {
            p = new MutablePosition(key, description);
            positions.put(key, p);
        } else if (p.description == null && description != null) {
            p.description = description;
        }
        return p;
    }

    private static Result refused(String reason) {
        return new Result(Outcome.REFUSED, reason, null, null);
    }

    Collection<MutablePosition> positions() {
        return positions.values();
    }

    MutablePosition running(PositionKey key) {
        return positions.get(key.running());
    }

    int fillsHeld() {
        return linker.size();
    }
}
