package io.dropcopy.positions.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the fill a bust or correction refers to, exactly or not at all. Candidates are only the fills of the same
 * group, order (37), instrument (48) and trade date (75); among them the one whose ExecID (or a correction's ExecID)
 * ends with the ExecRefID(19), and, where the bust carries MDTradeEntryID(37711) and the fill too, the one with the
 * same 37711. Zero or several candidates: refused with the reason, never a guess; no search across orders.
 */
final class FillLinker {
    /** The outcome of a search: the fill, or why none was chosen. */
    static final class Match {
        final FillRecord fill;
        final String refusal;

        private Match(FillRecord fill, String refusal) {
            this.fill = fill;
            this.refusal = refusal;
        }
    }

    /** By OrderID(37) alone (its string is the fill's own): group, instrument and date are compared in {@link #find}. */
    private final Map<String, Object> byOrder = new HashMap<>();

    void add(FillRecord fill) {
        Object held = byOrder.get(fill.orderId);
        if (held == null) {
            byOrder.put(fill.orderId, fill); // most orders hold one fill: no list for them
        } else if (held instanceof FillRecord) {
            List<FillRecord> list = new ArrayList<>(2);
            list.add((FillRecord) held);
            list.add(fill);
            byOrder.put(fill.orderId, list);
        } else {
            @SuppressWarnings("unchecked")
            List<FillRecord> list = (List<FillRecord>) held;
            list.add(fill);
        }
    }

    @SuppressWarnings("unchecked")
    private List<FillRecord> fillsOf(ExecReport ref) {
        Object held = byOrder.get(ref.orderId);
        List<FillRecord> all = held == null ? List.of()
                : held instanceof FillRecord ? List.of((FillRecord) held) : (List<FillRecord>) held;
        List<FillRecord> out = new ArrayList<>(all.size());
        for (FillRecord f : all) {
            if (f.group.equals(ref.group) && f.securityId.equals(ref.securityId) && f.tradeDate.equals(ref.tradeDate)) {
                out.add(f);
            }
        }
        return out;
    }

    Match find(ExecReport ref) {
        if (ref.execRefId == null || ref.execRefId.isEmpty()) {
            return new Match(null, "no ExecRefID(19)");
        }
        if (ref.orderId == null || ref.securityId == null || ref.tradeDate == null) {
            return new Match(null, "no OrderID(37), SecurityID(48) or TradeDate(75) to search within");
        }
        List<FillRecord> fills = fillsOf(ref);
        List<FillRecord> candidates = new ArrayList<>(1);
        for (FillRecord f : fills) {
            if (matches(f, ref)) {
                candidates.add(f);
            }
        }
        if (candidates.size() == 1) {
            FillRecord f = candidates.get(0);
            return f.busted ? new Match(null, "fill " + f.currentExecId() + " is already busted") : new Match(f, null);
        }
        if (candidates.isEmpty()) {
            return new Match(null, "no fill of order " + ref.orderId + " in " + ref.securityId + " on " + ref.tradeDate
                    + " has ExecID ending " + ref.execRefId + (ref.mdTradeEntryId != null ? " / 37711=" + ref.mdTradeEntryId : "")
                    + " (" + fills.size() + " fill(s) of that order held)");
        }
        StringBuilder names = new StringBuilder();
        for (FillRecord f : candidates) {
            names.append(names.length() == 0 ? "" : ", ").append(f.currentExecId());
        }
        return new Match(null, "ambiguous: " + candidates.size() + " fills of order " + ref.orderId + " match ExecRefID "
                + ref.execRefId + ": " + names);
    }

    private static boolean matches(FillRecord f, ExecReport ref) {
        if (ref.mdTradeEntryId != null && f.mdTradeEntryId != null) {
            return ref.mdTradeEntryId.equals(f.mdTradeEntryId);
        }
        return f.anyExecIdEndsWith(ref.execRefId);
    }

    int size() {
        int n = 0;
        for (Object held : byOrder.values()) {
            n += held instanceof FillRecord ? 1 : ((List<?>) held).size();
        }
        return n;
    }
}
