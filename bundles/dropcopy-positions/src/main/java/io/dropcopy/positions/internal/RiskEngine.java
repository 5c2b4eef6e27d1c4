package io.dropcopy.positions.internal;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.positions.Alert;
import io.dropcopy.positions.Position;
import io.dropcopy.positions.PositionService;
import io.dropcopy.positions.RiskListener;
import io.dropcopy.positions.SessionView;
import io.dropcopy.positions.TapeEntry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The risk view, plain Java: positions ({@link Ledger}), limits and alerts ({@link AlertBook}), the tape and each
 * account's recent events, the sessions' health. One lock serializes every change; listeners are told after it.
 * The clock is given (milliseconds), so tests need no timing windows.
 */
public final class RiskEngine implements PositionService {
    private static final Logger LOG = LoggerFactory.getLogger(RiskEngine.class);
    static final int TAPE = 1_000;
    static final int RECENT_PER_ACCOUNT = 100;
    static final int RATE_SECONDS = 120;

    private final LongSupplier clock;
    private final Ledger ledger = new Ledger();
    private final List<RiskListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Object> pendingNotices = new ArrayList<>();
    private final AlertBook alerts = new AlertBook(pendingNotices::add);
    private final Deque<TapeEntry> tape = new ArrayDeque<>();
    /** Per group, then account: the newest events first. */
    private final Map<String, Map<String, Deque<TapeEntry>>> recent = new HashMap<>();
    /** Per group, then account: the times (ms) of the fills of the last minute, oldest first. */
    private final Map<String, Map<String, FillTimes>> fillTimes = new HashMap<>();
    private final Set<String> groups = new TreeSet<>();
    private final long[] rates = new long[RATE_SECONDS];
    private final long[] latencies = newLatencies();
    private long latencyCount = -1;
    private double latencySeconds;
    private List<SessionView> sessions = List.of();
    private Limits limits = Limits.NONE;
    /** Session name to when it was first seen DOWN (a session connecting at start is DOWN for a moment). */
    private final Map<String, Long> downSince = new HashMap<>();
    private long sessionDownAfterMs = 10_000;
    private long tapeSeq;
    private long refused;
    private long duplicates;

    public RiskEngine(LongSupplier clock) {
        this.clock = clock;
    }

    /** A live event from a session (called on the session's thread). */
    public void onEvent(DropCopyEvent event) {
        apply(ReportAdapter.fromEvent(event), true);
    }

    /** A report read back from the journal at start: applied once by identity, no rate or size alerts. */
    void replayed(ExecReport report) {
        apply(report, false);
    }

    void apply(ExecReport r, boolean live) {
        synchronized (this) {
            groups.add(r.group);
            Ledger.Result result = ledger.apply(r);
            if (result.outcome() == Ledger.Outcome.DUPLICATE) {
                duplicates++;
            } else {
                TapeEntry entry = entry(r, result);
                if (r.account != null) {
                    Deque<TapeEntry> q = recent.computeIfAbsent(r.group, k -> new HashMap<>())
                            .computeIfAbsent(r.account, k -> new ArrayDeque<>());
                    q.addFirst(entry);
                    if (q.size() > RECENT_PER_ACCOUNT) {
                        q.removeLast();
                    }
                }
                if (r.kind != ExecReport.Kind.OTHER) {
                    tape.addFirst(entry);
                    if (tape.size() > TAPE) {
                        tape.removeLast();
                    }
                    pendingNotices.add(entry);
                }
                if (result.outcome() == Ledger.Outcome.REFUSED) {
                    refused++;
                    boolean link = r.kind != ExecReport.Kind.FILL;
                    alerts.raise("refused/" + r.group + "/" + r.tradeDate + "/" + r.execId,
                            link ? Alert.Type.LINK_REFUSED : Alert.Type.FILL_REFUSED, Alert.Severity.WARNING, r.group,
                            r.account, r.label + " " + r.execId + " of order " + r.orderId + " not applied: "
                                    + result.reason(), now());
                }
                if (live && r.account != null) {
                    checkAccount(r.group, r.account);
                }
                if (result.outcome() == Ledger.Outcome.APPLIED && result.running() != null) {
                    checkPosition(result.running());
                    if (live && r.kind == ExecReport.Kind.FILL) {
                        checkFillSize(r);
                        checkFillRate(r.group, r.account);
                    }
                }
            }
        }
        notifyListeners();
    }

    private TapeEntry entry(ExecReport r, Ledger.Result result) {
        String side = "1".equals(r.side) ? "BUY" : "2".equals(r.side) ? "SELL" : null;
        Long net = result.position() != null ? Long.valueOf(result.position().net()) : null;
        return new TapeEntry(++tapeSeq, r.time(), r.group, r.account, r.label, side, r.lastQty, r.lastPx,
                r.securityId, r.description, r.execId, r.orderId, result.label(), net);
    }

    private void checkPosition(MutablePosition p) {
        PositionKey k = p.key;
        long[] max = limits.positionLimit(k.account(), k.securityId(), p.description);
        long net = p.net();
        boolean over = (max[0] > 0 && net > max[0]) || (max[1] > 0 && -net > max[1]);
        if (!over && alerts.activeCount(Alert.Type.POSITION_LIMIT) == 0) {
            return; // nothing to raise or clear: no id, text or time built
        }
        String id = "position/" + k.group() + "/" + k.account() + "/" + k.securityId();
        if (!over) {
            if (alerts.isActive(id)) {
                alerts.clear(id, now(), "back inside: net " + net);
            }
            return;
        }
        if (alerts.isActive(id)) {
            return;
        }
        String name = k.account() + " " + (p.description != null ? p.description : k.securityId());
        String what = max[0] > 0 && net > max[0] ? " long " + net + " over max long " + max[0]
                : " short " + -net + " over max short " + max[1];
        alerts.raise(id, Alert.Type.POSITION_LIMIT, Alert.Severity.CRITICAL, k.group(), name, name + what, now());
    }

    private void checkFillSize(ExecReport r) {
        if (limits.maxFillQty <= 0) {
            return;
        }
        String id = "fill-size/" + r.group + "/" + r.account + "/" + r.securityId;
        long qty = Long.parseLong(r.lastQty.contains(".") ? r.lastQty.substring(0, r.lastQty.indexOf('.')) : r.lastQty);
        if (qty > limits.maxFillQty) {
            if (alerts.isActive(id)) {
                return;
            }
            alerts.raise(id, Alert.Type.FILL_SIZE, Alert.Severity.WARNING, r.group, r.account + " " + r.description,
                    r.account + " fill of " + qty + " " + r.description + " (" + r.execId + ") over max fill quantity "
                            + limits.maxFillQty, now());
        } else if (alerts.isActive(id)) {
            alerts.clear(id, now(), "next fill inside: " + qty);
        }
    }

    private void checkFillRate(String group, String account) {
        long t = clock.getAsLong();
        FillTimes times = fillTimes.computeIfAbsent(group, k -> new HashMap<>())
                .computeIfAbsent(account, k -> new FillTimes());
        times.add(t);
        evictAndCheckRate(group, account, times, t);
    }

    private void evictAndCheckRate(String group, String account, FillTimes times, long t) {
        times.evictUpTo(t - 60_000);
        int max = limits.maxFillsPerMinute;
        boolean over = max > 0 && times.size() > max;
        if (!over && alerts.activeCount(Alert.Type.FILL_RATE) == 0) {
            return;
        }
        String id = "fill-rate/" + group + "/" + account;
        if (over) {
            if (!alerts.isActive(id)) {
                alerts.raise(id, Alert.Type.FILL_RATE, Alert.Severity.WARNING, group, account,
                        account + " " + times.size() + " fills in the last minute, over max " + max, now());
            }
        } else if (alerts.isActive(id)) {
            alerts.clear(id, now(), "back inside: " + times.size() + " fills in the last minute");
        }
    }

    private void evictAndCheckRates(long t) {
        for (Map.Entry<String, Map<String, FillTimes>> g : fillTimes.entrySet()) {
            for (Map.Entry<String, FillTimes> e : g.getValue().entrySet()) {
                evictAndCheckRate(g.getKey(), e.getKey(), e.getValue(), t);
            }
        }
    }

    private void checkAccount(String group, String account) {
        boolean expected = limits.accountExpected(group, account);
        if (expected && alerts.activeCount(Alert.Type.UNKNOWN_ACCOUNT) == 0) {
            return;
        }
        String id = "unknown-account/" + group + "/" + account;
        if (expected) {
            if (alerts.isActive(id)) {
                alerts.clear(id, now(), "configuration");
            }
        } else if (!alerts.isActive(id)) {
            alerts.raise(id, Alert.Type.UNKNOWN_ACCOUNT, Alert.Severity.WARNING, group, account,
                    "account " + account + " is not expected on group " + group, now());
        }
    }

    /** New limits (validated): every position and account is checked again, alerts raised or cleared. */
    public void configure(Limits newLimits) {
        synchronized (this) {
            this.limits = newLimits;
            LOG.info("Limits: {}", newLimits);
            reevaluate();
        }
        notifyListeners();
    }

    /** After the journal is read back: the limits on what it holds. */
    public void replayDone() {
        synchronized (this) {
            reevaluate();
        }
        notifyListeners();
    }

    private void reevaluate() {
        Set<String> accounts = new TreeSet<>();
        for (MutablePosition p : ledger.positions()) {
            if (Position.ALL_DATES.equals(p.key.tradeDate())) {
                checkPosition(p);
                accounts.add(p.key.group() + '\u001f' + p.key.account());
            }
        }
        for (String ga : accounts) {
            String[] parts = ga.split("\u001f", 2);
            checkAccount(parts[0], parts[1]);
        }
        for (String id : alerts.activeIds(Alert.Type.UNKNOWN_ACCOUNT)) {
            String[] parts = id.split("/", 3);
            if (limits.accountExpected(parts[1], parts[2])) {
                alerts.clear(id, now(), "configuration");
            }
        }
        evictAndCheckRates(clock.getAsLong());
        if (limits.maxFillQty <= 0) {
            for (String id : alerts.activeIds(Alert.Type.FILL_SIZE)) {
                alerts.clear(id, now(), "configuration");
            }
        }
    }

    /** Once a second: the fill rate windows move on (an alert clears when the minute is back inside). */
    public void tick() {
        synchronized (this) {
            evictAndCheckRates(clock.getAsLong());
        }
        notifyListeners();
    }

    /** The sessions as they are now: DOWN, unrecoverable gaps and dead letters raise or clear their alerts. */
    public void sessions(List<SessionView> now) {
        synchronized (this) {
            Set<String> seen = new TreeSet<>();
            for (SessionView s : now) {
                seen.add(s.name());
                groups.add(s.group());
                String at = now();
                if ("DOWN".equals(s.health())) {
                    long since = downSince.computeIfAbsent(s.name(), k -> clock.getAsLong());
                    if (clock.getAsLong() - since >= sessionDownAfterMs) {
                        alerts.raise("session-down/" + s.name(), Alert.Type.SESSION_DOWN, Alert.Severity.CRITICAL,
                                s.group(), s.name(), "session " + s.name() + " DOWN: " + s.reason(), at);
                    }
                } else {
                    downSince.remove(s.name());
                    alerts.clear("session-down/" + s.name(), at, "session " + s.health());
                }
                if (!s.unrecoverableGaps().isEmpty()) {
                    alerts.raise("gap/" + s.name(), Alert.Type.UNRECOVERABLE_GAP, Alert.Severity.CRITICAL, s.group(),
                            s.name(), "session " + s.name() + ": messages CME could not resend: "
                                    + String.join("; ", s.unrecoverableGaps()), at);
                } else {
                    alerts.clear("gap/" + s.name(), at, "no unrecoverable gap");
                }
                if (s.deadLetters() > 0) {
                    alerts.raise("dead-letters/" + s.name(), Alert.Type.DEAD_LETTERS, Alert.Severity.WARNING, s.group(),
                            s.name(), "session " + s.name() + ": " + s.deadLetters()
                                    + " dead letter(s) not replayed (dropcopy:dead-letters " + s.name() + ")", at);
                } else {
                    alerts.clear("dead-letters/" + s.name(), at, "no dead letter left");
                }
            }
            for (SessionView old : sessions) {
                if (!seen.contains(old.name())) {
                    downSince.remove(old.name());
                    for (String kind : new String[] {"session-down/", "gap/", "dead-letters/"}) {
                        alerts.clear(kind + old.name(), now(), "session removed");
                    }
                }
            }
            List<SessionView> sorted = new ArrayList<>(now);
            sorted.sort(Comparator.comparing(SessionView::name));
            sessions = List.copyOf(sorted);
        }
        notifyListeners();
    }

    /** How long a session must stay DOWN before its alert is raised (a logon at start takes a moment). */
    public synchronized void sessionDownAfter(long millis) {
        this.sessionDownAfterMs = millis;
    }

    /** Business messages received in the last second (the glue samples the sessions' counters). */
    public synchronized void messageRate(long perSecond) {
        System.arraycopy(rates, 1, rates, 0, rates.length - 1);
        rates[rates.length - 1] = perSecond;
    }

    /**
     * Once a second: the sessions' end-to-end latency totals (messages measured, sum of their latencies in seconds,
     * since their start). The mean of the messages measured since the last call is the second's latency; none, or
     * totals gone down (a session restarted), give -1.
     */
    public synchronized void latencyTotals(long count, double seconds) {
        long newOnes = latencyCount < 0 ? 0 : count - latencyCount;
        long micros = newOnes > 0 ? Math.round((seconds - latencySeconds) / newOnes * 1e6) : -1;
        latencyCount = count;
        latencySeconds = seconds;
        System.arraycopy(latencies, 1, latencies, 0, latencies.length - 1);
        latencies[latencies.length - 1] = micros;
    }

    private static long[] newLatencies() {
        long[] l = new long[RATE_SECONDS];
        java.util.Arrays.fill(l, -1);
        return l;
    }

    private void notifyListeners() {
        List<Object> notices;
        synchronized (this) {
            if (pendingNotices.isEmpty()) {
                return;
            }
            notices = new ArrayList<>(pendingNotices);
            pendingNotices.clear();
        }
        for (Object n : notices) {
            for (RiskListener l : listeners) {
                try {
                    if (n instanceof TapeEntry) {
                        l.onTape((TapeEntry) n);
                    } else {
                        l.onAlert((Alert) n);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("A risk listener failed: {}", e.toString());
                }
            }
        }
    }

    private String now() {
        return Instant.ofEpochMilli(clock.getAsLong()).toString();
    }

    // ---- PositionService

    @Override
    public synchronized List<Position> positions(String group, String account, String symbol, String tradeDate) {
        String prefix = symbol == null ? null : symbol.toUpperCase(Locale.ROOT);
        List<Position> out = new ArrayList<>();
        for (MutablePosition p : ledger.positions()) {
            PositionKey k = p.key;
            if ((group != null && !group.equals(k.group())) || (account != null && !account.equals(k.account()))
                    || (tradeDate != null && !tradeDate.equals(k.tradeDate()))) {
                continue;
            }
            if (prefix != null && !k.securityId().equals(symbol) && (p.description == null
                    || !p.description.toUpperCase(Locale.ROOT).startsWith(prefix))) {
                continue;
            }
            out.add(p.snapshot());
        }
        out.sort(Comparator.comparing(Position::group).thenComparing(Position::account)
                .thenComparing(p -> p.description() == null ? p.securityId() : p.description())
                .thenComparing(Position::tradeDate, Comparator.reverseOrder()));
        return out;
    }

    @Override
    public synchronized List<Alert> alerts(boolean activeOnly) {
        return alerts.list(activeOnly);
    }

    @Override
    public boolean acknowledge(String alertId, String operator) {
        boolean done;
        synchronized (this) {
            done = alerts.clear(alertId, now(), "acknowledged by " + operator);
        }
        notifyListeners();
        return done;
    }

    @Override
    public synchronized List<TapeEntry> tape(int max) {
        List<TapeEntry> out = new ArrayList<>(Math.min(max, tape.size()));
        for (TapeEntry e : tape) {
            if (out.size() >= max) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    @Override
    public synchronized List<TapeEntry> recentEvents(String group, String account, int max) {
        List<TapeEntry> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Deque<TapeEntry>>> e : recent.entrySet()) {
            Deque<TapeEntry> q = e.getValue().get(account);
            if ((group == null || group.equals(e.getKey())) && q != null) {
                out.addAll(q);
            }
        }
        out.sort(Comparator.comparingLong(TapeEntry::seq).reversed());
        return out.size() > max ? new ArrayList<>(out.subList(0, max)) : out;
    }

    @Override
    public synchronized List<SessionView> sessions() {
        return sessions;
    }

    @Override
    public synchronized List<String> groups() {
        return new ArrayList<>(groups);
    }

    @Override
    public synchronized List<String> accounts() {
        Set<String> out = new TreeSet<>();
        for (MutablePosition p : ledger.positions()) {
            out.add(p.key.account());
        }
        return new ArrayList<>(out);
    }

    @Override
    public synchronized long[] messageRates() {
        return rates.clone();
    }

    @Override
    public synchronized long[] latencies() {
        return latencies.clone();
    }

    @Override
    public AutoCloseable listen(RiskListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The alerts in Prometheus' text format: raised and cleared since the start, and active now, per type. */
    public String alertMetrics() {
        long[][] counts;
        synchronized (this) {
            counts = alerts.countsByType();
        }
        return AlertMetrics.render(counts[0], counts[1], counts[2]);
    }

    /** Counters for the console and the API. */
    public synchronized Map<String, Long> counters() {
        Map<String, Long> c = new java.util.LinkedHashMap<>();
        c.put("fillsHeld", (long) ledger.fillsHeld());
        c.put("duplicates", duplicates);
        c.put("refused", refused);
        c.put("alertsRaised", alerts.raisedTotal());
        c.put("alertsCleared", alerts.clearedTotal());
        return c;
    }
}
