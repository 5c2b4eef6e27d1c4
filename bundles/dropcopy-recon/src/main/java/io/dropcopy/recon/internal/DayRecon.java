package io.dropcopy.recon.internal;

import io.dropcopy.model.ledger.LedgerTrade;
import io.dropcopy.model.ledger.LinkResult;
import io.dropcopy.recon.ReconBreak;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The state of one group and trade date: the firm's fills, the drop copy's trades, the breaks seen and those raised.
 * Not thread-safe (its {@link GroupRecon} serializes); no I/O.
 */
final class DayRecon {
    enum FirmOutcome { ADDED, AMENDED, UNCHANGED }

    private final String group;
    private final String tradeDate;
    private final Map<String, FirmFill> firm = new TreeMap<>();
    private final Map<String, Long> firmSeen = new HashMap<>();
    private final Map<String, Map<String, FirmFill>> firmByOrder = new HashMap<>();
    private final Map<String, List<DcTrade>> tradesByOrder = new TreeMap<>();
    private final Set<String> dcSeen = new HashSet<>();
    /** Busts and corrections not (yet) linked to a trade, with the refusal; retried when the order gets a fill. */
    private final Map<String, DcRecord> unlinked = new LinkedHashMap<>();
    private final Map<String, String> unlinkedReason = new LinkedHashMap<>();
    private final List<DcRecord> changes = new ArrayList<>();
    private final Set<String> dirty = new TreeSet<>();
    private final Map<String, List<Candidate>> candidatesByOrder = new TreeMap<>();
    private final Map<String, ReconBreak> open = new LinkedHashMap<>();

    DayRecon(String group, String tradeDate) {
        this.group = group;
        this.tradeDate = tradeDate;
    }

    String tradeDate() {
        return tradeDate;
    }

    FirmOutcome classify(FirmFill f) {
        FirmFill known = firm.get(f.key());
        return known == null ? FirmOutcome.ADDED : known.sameAs(f) ? FirmOutcome.UNCHANGED : FirmOutcome.AMENDED;
    }

    void putFirm(FirmFill f, long at) {
        FirmFill known = firm.put(f.key(), f);
        if (known != null) {
            dirty.add(known.orderId());
            Map<String, FirmFill> old = firmByOrder.get(known.orderId());
            if (old != null) {
                old.remove(f.key());
            }
        }
        firmByOrder.computeIfAbsent(f.orderId(), o -> new TreeMap<>()).put(f.key(), f);
        if (known == null) {
            firmSeen.put(f.key(), at);
        }
        if (known == null || !known.sameAs(f)) {
            firmSeen.put(f.key(), at);
        }
        dirty.add(f.orderId());
    }

    /** True when the record is new here (not a copy of one already taken). */
    boolean knows(DcRecord r) {
        return dcSeen.contains(r.identity());
    }

    void putDc(DcRecord r, long at) {
        if (!dcSeen.add(r.identity())) {
            return;
        }
        if (r.isFill()) {
            tradesByOrder.computeIfAbsent(r.orderId(), o -> new ArrayList<>()).add(new DcTrade(r, at));
            dirty.add(r.orderId());
            retryUnlinked(r.orderId(), at);
        } else if (r.isChange()) {
            changes.add(r);
            if (!link(r, at)) {
                unlinked.put(r.identity(), r);
            }
        }
    }

    private boolean link(DcRecord change, long at) {
        List<DcTrade> trades = tradesByOrder.getOrDefault(change.orderId(), List.of());
        List<LedgerTrade> ledger = new ArrayList<>(trades.size());
        for (DcTrade t : trades) {
            ledger.add(t.ledger());
        }
        LinkResult result = ChangeLinking.link(change, ledger);
        if (!result.linked()) {
            unlinkedReason.put(change.identity(), result.reason());
            return false;
        }
        for (DcTrade t : trades) {
            if (t.ledger() == result.trade()) {
                t.apply(t.ledger().apply(ChangeLinking.change(change)), change, at);
            }
        }
        unlinkedReason.remove(change.identity());
        dirty.add(change.orderId());
        return true;
    }

    private void retryUnlinked(String orderId, long at) {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (DcRecord c : new ArrayList<>(unlinked.values())) {
                if (orderId.equals(c.orderId()) && link(c, at)) {
                    unlinked.remove(c.identity());
                    progress = true;
                }
            }
        }
    }

    /** Raises what has been still for the delay, clears what is gone; returns the events, raised first. */
    List<ReconBreak> evaluate(long now, long delayMs) {
        for (String orderId : dirty) {
            List<FirmFill> f = new ArrayList<>(firmByOrder.getOrDefault(orderId, Map.of()).values());
            List<Candidate> c = Matcher.match(group, tradeDate, orderId, f,
                    tradesByOrder.getOrDefault(orderId, List.of()), firmSeen);
            if (c.isEmpty()) {
                candidatesByOrder.remove(orderId);
            } else {
                candidatesByOrder.put(orderId, c);
            }
        }
        dirty.clear();
        List<ReconBreak> events = new ArrayList<>();
        Set<String> current = new HashSet<>();
        String at = Instant.ofEpochMilli(now).toString();
        for (List<Candidate> list : candidatesByOrder.values()) {
            for (Candidate c : list) {
                current.add(c.id());
                if (!open.containsKey(c.id()) && now >= c.lastChange() + delayMs) {
                    ReconBreak b = new ReconBreak(c.id(), c.type(), ReconBreak.State.RAISED, group, tradeDate,
                            c.orderId(), c.summary(), at, null, null, c.evidence());
                    open.put(c.id(), b);
                    events.add(b);
                }
            }
        }
        for (ReconBreak b : new ArrayList<>(open.values())) {
            if (!current.contains(b.id())) {
                open.remove(b.id());
                events.add(b.cleared(at, "resolved: the fills it names now agree or changed"));
            }
        }
        return events;
    }

    void restoreRaised(ReconBreak b) {
        open.put(b.id(), b);
    }

    void restoreCleared(String id) {
        open.remove(id);
    }

    Collection<ReconBreak> open() {
        return open.values();
    }

    Collection<FirmFill> firmFills() {
        return firm.values();
    }

    List<DcTrade> trades() {
        List<DcTrade> all = new ArrayList<>();
        for (List<DcTrade> l : tradesByOrder.values()) {
            all.addAll(l);
        }
        return all;
    }

    List<DcRecord> changes() {
        return changes;
    }

    /** Busts and corrections that link to no trade (yet), with the reason. */
    Map<String, String> unlinked() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, DcRecord> e : unlinked.entrySet()) {
            m.put(e.getValue().kind() + " " + e.getValue().execId() + " (" + e.getValue().where() + ")",
                    unlinkedReason.get(e.getKey()));
        }
        return m;
    }
}
