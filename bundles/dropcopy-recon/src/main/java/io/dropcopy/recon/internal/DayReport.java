package io.dropcopy.recon.internal;

import io.dropcopy.recon.ReconBreak;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end-of-day tables of one group and trade date, each a header and rows of text, sorted so that the same state
 * always gives the same tables.
 */
final class DayReport {
    record Table(String name, List<String> header, List<List<String>> rows) {
    }

    /** One account and instrument's position from the drop copy's live fills. */
    record Position(String account, String instrument, BigDecimal bought, BigDecimal sold, int fills,
            BigDecimal buyValue, BigDecimal sellValue) {
        BigDecimal net() {
            return bought.subtract(sold);
        }
    }

    final DaySnapshot day;
    final List<SessionFacts.Session> sessions;
    final Map<String, Table> tables = new LinkedHashMap<>();
    final List<Position> positions = new ArrayList<>();

    DayReport(DaySnapshot day, List<SessionFacts.Session> sessions) {
        this.day = day;
        this.sessions = sessions;
        build();
    }

    private void build() {
        List<DcTrade> trades = new ArrayList<>(day.trades());
        trades.sort(Comparator.comparing((DcTrade t) -> String.valueOf(t.fill().time())).thenComparing(DcTrade::fillExecId));
        fills(trades);
        changes();
        positions(trades);
        firmFills();
        openBreaks();
        sessions();
    }

    private void fills(List<DcTrade> trades) {
        List<List<String>> fills = new ArrayList<>();
        for (DcTrade t : trades) {
            DcRecord r = t.fill();
            fills.add(List.of(s(r.time()), r.execId(), s(r.orderId()), s(r.clOrdId()), s(r.account()), s(r.instrument()),
                    s(r.securityId()), s(r.side()), s(r.lastQty()), s(r.lastPx()), t.state(), s(t.qty()), s(t.px()),
                    String.join(" ", t.ledger().execIds()), s(r.where())));
        }
        table("fills", List.of("time", "execId", "orderId", "clOrdId", "account", "instrument", "securityId", "side",
                "quantity", "price", "state", "currentQuantity", "currentPrice", "execIdChain", "message"), fills);
    }

    /** Busts and corrections, each with how it was linked to its trade (or why not). */
    private void changes() {
        Map<String, String> unlinked = day.unlinked();
        List<DcRecord> changes = new ArrayList<>(day.changes());
        changes.sort(Comparator.comparing((DcRecord c) -> s(c.time())).thenComparing(DcRecord::execId));
        List<List<String>> busts = new ArrayList<>();
        List<List<String>> corrections = new ArrayList<>();
        for (DcRecord c : changes) {
            String reason = unlinked.get(c.kind() + " " + c.execId() + " (" + c.where() + ")");
            List<String> row = List.of(s(c.time()), c.execId(), s(c.execRefId()), s(c.orderId()), s(c.account()),
                    s(c.instrument()), s(c.lastQty()), s(c.lastPx()), reason == null ? "linked" : reason, s(c.where()));
            ("bust".equals(c.kind()) ? busts : corrections).add(row);
        }
        List<String> changeHeader = List.of("time", "execId", "execRefId", "orderId", "account", "instrument",
                "quantity", "price", "link", "message");
        table("busts", changeHeader, busts);
        table("corrections", changeHeader, corrections);
    }

    /** Net position per account and instrument from the live fills. */
    private void positions(List<DcTrade> trades) {
        Map<String, Position> pos = new TreeMap<>();
        for (DcTrade t : trades) {
            if (t.busted() || t.fill().isSpreadSummary()) {
                continue;           // a spread summary's legs carry the position
            }
            String key = s(t.account()) + "\u0000" + s(t.fill().instrument());
            Position p = pos.getOrDefault(key, new Position(s(t.account()), s(t.fill().instrument()), BigDecimal.ZERO,
                    BigDecimal.ZERO, 0, BigDecimal.ZERO, BigDecimal.ZERO));
            BigDecimal q = Decimals.value(t.qty());
            BigDecimal v = q.multiply(Decimals.value(t.px()));
            boolean buy = "BUY".equals(t.side());
            pos.put(key, new Position(p.account(), p.instrument(), buy ? p.bought().add(q) : p.bought(),
                    buy ? p.sold() : p.sold().add(q), p.fills() + 1, buy ? p.buyValue().add(v) : p.buyValue(),
                    buy ? p.sellValue() : p.sellValue().add(v)));
        }
        positions.addAll(pos.values());
        List<List<String>> prow = new ArrayList<>();
        for (Position p : positions) {
            prow.add(List.of(p.account(), p.instrument(), plain(p.net()), plain(p.bought()), plain(p.sold()),
                    String.valueOf(p.fills()), avg(p.buyValue(), p.bought()), avg(p.sellValue(), p.sold())));
        }
        table("positions", List.of("account", "instrument", "net", "bought", "sold", "fills", "avgBuyPrice",
                "avgSellPrice"), prow);
    }

    private void firmFills() {
        List<FirmFill> firm = new ArrayList<>(day.firm());
        firm.sort(Comparator.comparing(FirmFill::time).thenComparing(FirmFill::key));
        List<List<String>> frows = new ArrayList<>();
        for (FirmFill f : firm) {
            frows.add(List.of(f.time(), f.key(), f.account(), f.orderId(), f.clOrdId(), f.instrument(), f.side(),
                    f.quantity(), f.price(), s(f.execId()), f.status(), f.origin()));
        }
        table("firm-fills", List.of("time", "key", "account", "orderId", "clOrdId", "instrument", "side", "quantity",
                "price", "execId", "status", "origin"), frows);
    }

    private void openBreaks() {
        List<ReconBreak> open = new ArrayList<>(day.open());
        open.sort(Comparator.comparing(ReconBreak::raisedAt).thenComparing(ReconBreak::id));
        List<List<String>> brows = new ArrayList<>();
        for (ReconBreak b : open) {
            StringBuilder ev = new StringBuilder();
            for (Map.Entry<String, String> e : new TreeMap<>(b.evidence()).entrySet()) {
                ev.append(ev.length() == 0 ? "" : "; ").append(e.getKey()).append('=').append(e.getValue());
            }
            brows.add(List.of(b.raisedAt(), b.type().label(), s(b.orderId()), b.summary(), ev.toString(), b.id()));
        }
        table("open-breaks", List.of("raisedAt", "type", "orderId", "summary", "evidence", "id"), brows);
    }

    /** Each session's logon timeline and gaps, and its dead letters. */
    private void sessions() {
        List<List<String>> srows = new ArrayList<>();
        List<List<String>> drows = new ArrayList<>();
        Map<String, SessionLog.Timeline> timelines = SessionLog.timelines(day.sessionLog());
        Map<String, SessionFacts.Session> facts = new TreeMap<>();
        for (SessionFacts.Session s : sessions) {
            facts.put(s.name(), s);
        }
        java.util.Set<String> names = new java.util.TreeSet<>(facts.keySet());
        names.addAll(timelines.keySet());
        for (String name : names) {
            SessionLog.Timeline t = timelines.getOrDefault(name,
                    new SessionLog.Timeline(0, 0, List.of(), List.of()));
            SessionFacts.Session s = facts.get(name);
            srows.add(List.of(name, t.onText(), String.valueOf(t.logons()), String.join(" ", t.intervals()),
                    String.join("; ", t.gaps()), s == null ? "" : String.join("; ", s.unrecoverableGaps()),
                    s == null ? "" : String.valueOf(s.deadLetters().size())));
            if (s != null) {
                for (SessionFacts.DeadLetterFact d : s.deadLetters()) {
                    drows.add(List.of(d.session(), String.valueOf(d.seqNum()), d.time(), d.reason()));
                }
            }
        }
        table("sessions", List.of("session", "loggedOn", "logons", "loggedOnIntervals", "gaps", "unrecoverableGaps",
                "deadLetters"), srows);
        table("dead-letters", List.of("session", "seqNum", "time", "reason"), drows);
    }

    private void table(String name, List<String> header, List<List<String>> rows) {
        tables.put(name, new Table(name, header, rows));
    }

    static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    static String avg(BigDecimal value, BigDecimal qty) {
        return qty.signum() == 0 ? "" : plain(value.divide(qty, MathContext.DECIMAL64));
    }

    private static String s(String v) {
        return v == null ? "" : v;
    }
}
