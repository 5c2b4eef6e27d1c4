package io.dropcopy.positions.internal;

import io.dropcopy.model.ledger.LedgerTrade;
import io.dropcopy.model.ledger.LinkResult;
import io.dropcopy.model.ledger.TradeChange;
import io.dropcopy.model.ledger.TradeLinker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fills held, by OrderID(37), and the fill a bust or correction refers to. The rule that links (same order,
 * instrument and trade date; 37711 where both carry it, else an ExecID ending with ExecRefID(19); zero or several
 * matches refused with the reason) is the model's {@link TradeLinker}: this class only finds the fills of the order and
 * group and hands them over, so positions and the ledger can never link a change differently.
 */
final class FillIndex {
    /** The outcome of a search: the fill, or why none was chosen. */
    static final class Match {
        final FillRecord fill;
        final String refusal;

        private Match(FillRecord fill, String refusal) {
            this.fill = fill;
            this.refusal = refusal;
        }
    }

    /** By OrderID(37) alone: a single FillRecord (most orders) or a list; the group is compared in {@link #find}. */
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
    private List<FillRecord> fillsOf(String group, String orderId) {
        Object held = orderId == null ? null : byOrder.get(orderId);
        List<FillRecord> all = held == null ? List.of()
                : held instanceof FillRecord ? List.of((FillRecord) held) : (List<FillRecord>) held;
        List<FillRecord> out = new ArrayList<>(all.size());
        for (FillRecord f : all) {
            if (f.group.equals(group)) {
                out.add(f);
            }
        }
        return out;
    }

    /** The fill {@code ref} (a bust or a correction) changes, as {@link TradeLinker} links it, or the refusal. */
    Match find(ExecReport ref, TradeChange.Type type) {
        // the views are built only for the order's fills and only while linking: the records stay small
        Map<LedgerTrade, FillRecord> views = new IdentityHashMap<>();
        for (FillRecord f : fillsOf(ref.group, ref.orderId)) {
            views.put(f.asTrade(), f);
        }
        TradeChange change = new TradeChange(type, ref.execId == null ? "" : ref.execId, ref.execRefId, ref.orderId,
                ref.securityId, ref.tradeDate, ref.mdTradeEntryId, ref.lastPx, ref.lastQty);
        LinkResult r = TradeLinker.link(change, views.keySet());
        return r.linked() ? new Match(views.get(r.trade()), null) : new Match(null, r.reason());
    }

    int size() {
        int n = 0;
        for (Object held : byOrder.values()) {
            n += held instanceof FillRecord ? 1 : ((List<?>) held).size();
        }
        return n;
    }
}
