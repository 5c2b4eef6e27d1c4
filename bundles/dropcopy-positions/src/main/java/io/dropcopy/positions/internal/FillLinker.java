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

    private final Map<String, List<FillRecord>> byOrder = new HashMap<>();

    void add(String group, FillRecord fill) {
        byOrder.computeIfAbsent(key(group, fill.orderId, fill.securityId, fill.tradeDate), k -> new ArrayList<>(2))
                .add(fill);
    }

    Match find(ExecReport ref) {
        if (ref.execRefId == null || ref.execRefId.isEmpty()) {
            return new Match(null, "no ExecRefID(19)");
        }
        if (ref.orderId == null || ref.securityId == null || ref.tradeDate == null) {
            return new Match(null, "no OrderID(37), SecurityID(48) or TradeDate(75) to search within");
        }
        List<FillRecord> fills = byOrder.getOrDefault(key(ref.group, ref.orderId, ref.securityId, ref.tradeDate), List.of());
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
        for (String execId : f.execIds) {
            if (execId.endsWith(ref.execRefId)) {
                return true;
            }
        }
        return false;
    }

    int size() {
        int n = 0;
        for (List<FillRecord> l : byOrder.values()) {
            n += l.size();
        }
        return n;
    }

    private static String key(String group, String orderId, String securityId, String tradeDate) {
        return group + '\u001f' + orderId + '\u001f' + securityId + '\u001f' + tradeDate;
    }
}
