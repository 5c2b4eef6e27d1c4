package io.dropcopy.recon.internal;

import io.dropcopy.recon.BreakType;
import io.dropcopy.recon.LoadResult;
import io.dropcopy.recon.ReconBreak;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation of one group, every trade date: takes the firm's fills and the drop copy's events, journals them
 * before they count, raises and clears breaks on {@link #tick()} and hands them to the listeners. Thread-safe (one
 * lock). Plain Java: the clock is given, so tests decide what time it is.
 */
public final class GroupRecon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupRecon.class);

    /** Settings of a group's reconciliation. */
    public record Settings(Path dataDir, long delayMs, TradeDates tradeDates, boolean fsync) {
        public Path journalDir(String group) {
            return dataDir.resolve("recon").resolve(group);
        }

        public Path reportDir(String group, String tradeDate) {
            return dataDir.resolve("reports").resolve(group).resolve(tradeDate);
        }
    }

    private final String group;
    private final Settings settings;
    private final LongSupplier clock;
    private final FirmRows firmRows;
    private final ReconJournal journal;
    private final Map<String, DayRecon> days = new TreeMap<>();
    private final List<Consumer<ReconBreak>> listeners = new CopyOnWriteArrayList<>();
    private final Map<BreakType, Long> raised = new EnumMap<>(BreakType.class);
    private final Map<BreakType, Long> cleared = new EnumMap<>(BreakType.class);
    private final SessionLog sessions = new SessionLog();
    private long ignoredUndated;

    /** Opens the group, rebuilding its state from its journal. */
    public GroupRecon(String group, Settings settings, LongSupplier clock) throws IOException {
        this.group = group;
        this.settings = settings;
        this.clock = clock;
        this.firmRows = new FirmRows(settings.tradeDates());
        this.journal = new ReconJournal(settings.journalDir(group), settings.fsync());
        load();
    }

    public String group() {
        return group;
    }

    public Settings settings() {
        return settings;
    }

    private void load() throws IOException {
        for (String date : journal.dates()) {
            DayRecon day = day(date);
            for (Map<String, Object> r : journal.read(date)) {
                long at = Long.parseLong(String.valueOf(r.getOrDefault("at", "0")));
                switch (String.valueOf(r.get("r"))) {
                    case "firm": day.putFirm(FirmFill.ofFields(r), at); break;
                    case "dc": day.putDc(DcRecord.ofFields(r), at); break;
                    case "raised": day.restoreRaised(breakOf(r)); break;
                    case "cleared": day.restoreCleared(String.valueOf(r.get("id"))); break;
                    case "session": sessions.restore(date, SessionLog.Entry.of(r)); break;
                    default: throw new IOException("journal " + date + ": unknown record " + r.get("r"));
                }
            }
        }
    }

    public synchronized LoadResult submitFirm(String body, String format, String source) throws IOException {
        List<FirmFill> fills = firmRows.parse(body, format, source);
        long now = clock.getAsLong();
        Map<String, List<String>> lines = new TreeMap<>();
        Map<String, FirmFill> batch = new HashMap<>();
        List<FirmFill> take = new ArrayList<>();
        int added = 0;
        int amended = 0;
        int unchanged = 0;
        for (FirmFill f : fills) {
            String bk = f.tradeDate() + "|" + f.key();
            FirmFill before = batch.get(bk);
            DayRecon.FirmOutcome o = before != null ? (before.sameAs(f) ? DayRecon.FirmOutcome.UNCHANGED
                    : DayRecon.FirmOutcome.AMENDED) : day(f.tradeDate()).classify(f);
            switch (o) {
                case ADDED: added++; break;
                case AMENDED: amended++; break;
                default: unchanged++; continue;
            }
            batch.put(bk, f);
            take.add(f);
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("r", "firm");
            rec.put("at", now);
            rec.putAll(f.fields());
            lines.computeIfAbsent(f.tradeDate(), d -> new ArrayList<>()).add(JsonText.object(rec));
        }
        for (Map.Entry<String, List<String>> e : lines.entrySet()) {
            journal.append(e.getKey(), e.getValue());
        }
        for (FirmFill f : take) {
            day(f.tradeDate()).putFirm(f, now);
        }
        LoadResult result = new LoadResult(fills.size(), added, amended, unchanged);
        LOG.info("Reconciliation {}: firm fills from {}: {}", group, source, result);
        return result;
    }

    /**
     * Takes one drop copy event (its JSON). Returns normally once it is journaled (or is not a fill, bust or correction,
     * or is a copy of one already taken).
     */
    public synchronized void acceptDropCopy(String eventJson) throws IOException {
        DcRecord r = DcRecord.ofEventJson(eventJson);
        if (!r.isFill() && !r.isChange()) {
            return;
        }
        if (r.tradeDate() == null) {
            if (r.time() == null) {
                ignoredUndated++;
                LOG.warn("Reconciliation {}: {} {} has no TradeDate(75) and no time: not reconciled", group, r.kind(),
                        r.where());
                return;
            }
            r = r.withTradeDate(settings.tradeDates().tradeDate(Instant.parse(r.time())).toString());
        }
        DayRecon day = day(r.tradeDate());
        if (day.knows(r)) {
            return;
        }
        long now = clock.getAsLong();
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("r", "dc");
        rec.put("at", now);
        rec.putAll(r.fields());
        journal.append(r.tradeDate(), List.of(JsonText.object(rec)));
        day.putDc(r, now);
    }

    /** Raises and clears what is due now; journals, logs, counts and publishes each event. */
    public List<ReconBreak> tick() throws IOException {
        List<ReconBreak> events = new ArrayList<>();
        synchronized (this) {
            long now = clock.getAsLong();
            for (DayRecon day : days.values()) {
                List<ReconBreak> e = day.evaluate(now, settings.delayMs());
                if (e.isEmpty()) {
                    continue;
                }
                List<String> lines = new ArrayList<>();
                for (ReconBreak b : e) {
                    Map<String, Object> rec = new LinkedHashMap<>();
                    if (b.state() == ReconBreak.State.RAISED) {
                        rec.put("r", "raised");
                        rec.put("at", now);
                        rec.put("break", b.toJson());
                        raised.merge(b.type(), 1L, Long::sum);
                        LOG.warn("Reconciliation break raised: {} [{}]", b.summary(), b.id());
                    } else {
                        rec.put("r", "cleared");
                        rec.put("at", now);
                        rec.put("id", b.id());
                        cleared.merge(b.type(), 1L, Long::sum);
                        LOG.info("Reconciliation break cleared: {} [{}]", b.summary(), b.id());
                    }
                    lines.add(JsonText.object(rec));
                }
                journal.append(day.tradeDate(), lines);
                events.addAll(e);
            }
        }
        for (ReconBreak b : events) {
            for (Consumer<ReconBreak> l : listeners) {
                try {
                    l.accept(b);
                } catch (RuntimeException ex) {
                    LOG.warn("Reconciliation {}: a break listener failed on {}", group, b.id(), ex);
                }
            }
        }
        return events;
    }

    /** Journals what the group's target sessions are now, where it changed (logon, logout, a gap, a checkpoint). */
    public synchronized void observeSessions(List<SessionFacts.SessionState> states) throws IOException {
        Map<String, List<SessionLog.Entry>> entries = sessions.observe(states, clock.getAsLong(), settings.tradeDates());
        for (Map.Entry<String, List<SessionLog.Entry>> e : entries.entrySet()) {
            List<String> lines = new ArrayList<>();
            for (SessionLog.Entry x : e.getValue()) {
                lines.add(JsonText.object(x.fields()));
            }
            journal.append(e.getKey(), lines);
            for (SessionLog.Entry x : e.getValue()) {
                sessions.restore(e.getKey(), x);
                if (!"seen".equals(x.event())) {
                    LOG.info("Reconciliation {}: session {} {}{}", group, x.session(), x.event(),
                            x.range() == null ? "" : " " + x.range());
                }
            }
        }
    }

    public AutoCloseable subscribe(Consumer<ReconBreak> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public synchronized List<ReconBreak> openBreaks() {
        List<ReconBreak> all = new ArrayList<>();
        for (DayRecon d : days.values()) {
            all.addAll(d.open());
        }
        return all;
    }

    public synchronized Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (BreakType t : BreakType.values()) {
            m.put(t.label() + ".raised", raised.getOrDefault(t, 0L));
            m.put(t.label() + ".cleared", cleared.getOrDefault(t, 0L));
        }
        m.put("undatedIgnored", ignoredUndated);
        return m;
    }

    /**
     * Drops every trade date before {@code oldestKept} (yyyy-MM-dd): its state and its journal. Returns the dates
     * dropped.
     */
    public synchronized List<String> evictBefore(String oldestKept) throws IOException {
        java.util.Set<String> dates = new java.util.TreeSet<>(days.keySet());
        dates.addAll(sessions.tradeDates());
        dates.addAll(journal.dates());
        List<String> dropped = new ArrayList<>();
        for (String date : dates) {
            if (date.compareTo(oldestKept) >= 0) {
                break;
            }
            DayRecon d = days.remove(date);
            int open = d == null ? 0 : d.open().size();
            sessions.drop(date);
            journal.delete(date);
            dropped.add(date);
            if (open > 0) {
                LOG.warn("Reconciliation {}: trade date {} dropped (older than the days kept) with {} break(s) still open",
                        group, date, open);
            } else {
                LOG.info("Reconciliation {}: trade date {} dropped (older than the days kept)", group, date);
            }
        }
        return dropped;
    }

    synchronized List<String> tradeDates() {
        return new ArrayList<>(days.keySet());
    }

    /** A consistent copy of one trade date's state, for the report. */
    synchronized DaySnapshot snapshot(String tradeDate) {
        DayRecon d = days.get(tradeDate);
        if (d == null) {
            return new DaySnapshot(group, tradeDate, List.of(), List.of(), List.of(), List.of(), Map.of(),
                    sessions.entries(tradeDate));
        }
        return new DaySnapshot(group, tradeDate, new ArrayList<>(d.firmFills()), d.trades(),
                new ArrayList<>(d.changes()), new ArrayList<>(d.open()), d.unlinked(), sessions.entries(tradeDate));
    }

    private DayRecon day(String date) {
        return days.computeIfAbsent(date, x -> new DayRecon(group, x));
    }

    private static ReconBreak breakOf(Map<String, Object> rec) throws IOException {
        Object text = rec.get("break");
        Map<String, Object> m = io.dropcopy.model.JsonObjectReader.read(String.valueOf(text));
        Map<String, String> ev = new LinkedHashMap<>();
        Object e = m.get("evidence");
        if (e instanceof Map) {
            for (Map.Entry<?, ?> x : ((Map<?, ?>) e).entrySet()) {
                ev.put(String.valueOf(x.getKey()), String.valueOf(x.getValue()));
            }
        }
        return new ReconBreak(s(m, "id"), BreakType.ofLabel(s(m, "type")), ReconBreak.State.RAISED, s(m, "group"),
                s(m, "tradeDate"), s(m, "orderId"), s(m, "summary"), s(m, "raisedAt"), null, null, new TreeMap<>(ev));
    }

    private static String s(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? null : v.toString();
    }

    @Override
    public void close() {
        journal.close();
    }
}
