package io.dropcopy.recon.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Each target session's logged-on intervals and gaps per trade date, as reconciliation sees them on every tick: a
 * logon, a logout, a resend in flight (a gap being recovered) and, while logged on, a checkpoint every
 * {@value #CHECKPOINT_MS} ms, so that a node killed while logged on counts the session logged on until its last
 * checkpoint. The resolution is the tick: a logon and logout between two ticks is not seen. Plain Java; the caller
 * journals the entries {@link #observe} returns before they count ({@link #restore}).
 */
final class SessionLog {
    static final long CHECKPOINT_MS = 30_000;

    /** One journaled observation: {@code on}, {@code off}, {@code seen} (checkpoint) or {@code gap} (with its range). */
    record Entry(String session, String event, long at, String range) {
        Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("r", "session");
            m.put("at", at);
            m.put("session", session);
            m.put("event", event);
            m.put("range", range);
            return m;
        }

        static Entry of(Map<String, Object> m) {
            Object range = m.get("range");
            return new Entry(String.valueOf(m.get("session")), String.valueOf(m.get("event")),
                    Long.parseLong(String.valueOf(m.get("at"))), range == null ? null : range.toString());
        }
    }

    /** What one session's entries of a trade date add up to. */
    record Timeline(long onMillis, int logons, List<String> intervals, List<String> gaps) {
        /** The logged-on time as H:mm:ss. */
        String onText() {
            Duration d = Duration.ofMillis(onMillis);
            return String.format(java.util.Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(),
                    d.toSecondsPart());
        }
    }

    /** What this start last saw of a session (not journaled: a restart sees it anew). */
    private static final class Seen {
        boolean on;
        String date;
        long written;
        String gap;
    }

    private final Map<String, List<Entry>> byDate = new TreeMap<>();
    private final Map<String, Seen> seen = new TreeMap<>();

    /** An entry of the journal (at load), or one just journaled. */
    void restore(String tradeDate, Entry e) {
        byDate.computeIfAbsent(tradeDate, d -> new ArrayList<>()).add(e);
    }

    /** The entries of a trade date, oldest first. */
    List<Entry> entries(String tradeDate) {
        return new ArrayList<>(byDate.getOrDefault(tradeDate, List.of()));
    }

    Set<String> tradeDates() {
        return byDate.keySet();
    }

    void drop(String tradeDate) {
        byDate.remove(tradeDate);
    }

    /** The entries what the sessions are now calls for, by trade date; a session no longer listed is logged out. */
    Map<String, List<Entry>> observe(List<SessionFacts.SessionState> states, long now, TradeDates dates) {
        String today = dates.tradeDate(Instant.ofEpochMilli(now)).toString();
        Map<String, List<Entry>> out = new TreeMap<>();
        Set<String> listed = new HashSet<>();
        for (SessionFacts.SessionState s : states) {
            listed.add(s.name());
            Seen o = seen.computeIfAbsent(s.name(), k -> new Seen());
            if (s.loggedOn()) {
                if (!o.on) {
                    add(out, today, new Entry(s.name(), "on", now, null), o, now);
                } else if (!today.equals(o.date)) {
                    long roll = Math.min(now, dates.endOf(LocalDate.parse(o.date)).toEpochMilli());
                    add(out, o.date, new Entry(s.name(), "off", roll, null), o, now);
                    add(out, today, new Entry(s.name(), "on", roll, null), o, now);
                } else if (now - o.written >= CHECKPOINT_MS) {
                    add(out, today, new Entry(s.name(), "seen", now, null), o, now);
                }
                o.on = true;
                o.date = today;
            } else if (o.on) {
                off(out, s.name(), o, now, today, dates);
            }
            String gap = s.resendInFlight();
            if (gap != null && !gap.equals(o.gap)) {
                add(out, today, new Entry(s.name(), "gap", now, gap), o, now);
            }
            o.gap = gap;
        }
        for (Map.Entry<String, Seen> e : seen.entrySet()) {
            if (!listed.contains(e.getKey()) && e.getValue().on) {
                off(out, e.getKey(), e.getValue(), now, today, dates);
            }
        }
        return out;
    }

    private static void off(Map<String, List<Entry>> out, String name, Seen o, long now, String today, TradeDates dates) {
        String date = o.date == null ? today : o.date;
        long at = date.equals(today) ? now : Math.min(now, dates.endOf(LocalDate.parse(date)).toEpochMilli());
        add(out, date, new Entry(name, "off", at, null), o, now);
        o.on = false;
    }

    private static void add(Map<String, List<Entry>> out, String date, Entry e, Seen o, long now) {
        out.computeIfAbsent(date, d -> new ArrayList<>()).add(e);
        o.written = now;
    }

    /**
     * Per session, sorted: the logged-on time and intervals (ISO-8601 UTC "start/end"; an interval left open by a
     * stop or a kill ends at its last checkpoint, one still open at the last entry is marked "(open)"), and the gaps.
     */
    static Map<String, Timeline> timelines(List<Entry> entries) {
        Map<String, List<Entry>> bySession = new TreeMap<>();
        for (Entry e : entries) {
            bySession.computeIfAbsent(e.session(), k -> new ArrayList<>()).add(e);
        }
        Map<String, Timeline> out = new TreeMap<>();
        for (Map.Entry<String, List<Entry>> s : bySession.entrySet()) {
            long total = 0;
            int logons = 0;
            List<String> intervals = new ArrayList<>();
            List<String> gaps = new ArrayList<>();
            Long start = null;
            long last = 0;
            for (Entry e : s.getValue()) {
                switch (e.event()) {
                    case "on":
                        if (start != null) {        // no logout journaled: the node stopped or was killed
                            total += last - start;
                            intervals.add(interval(start, last, ""));
                        }
                        start = e.at();
                        last = e.at();
                        logons++;
                        break;
                    case "seen":
                        if (start != null) {
                            last = e.at();
                        }
                        break;
                    case "off":
                        if (start != null) {
                            total += e.at() - start;
                            intervals.add(interval(start, e.at(), ""));
                            start = null;
                        }
                        break;
                    case "gap":
                        gaps.add(e.range() + " at " + Instant.ofEpochMilli(e.at()));
                        break;
                    default:
                        break;
                }
            }
            if (start != null) {
                total += last - start;
                intervals.add(interval(start, last, " (open)"));
            }
            out.put(s.getKey(), new Timeline(total, logons, intervals, gaps));
        }
        return out;
    }

    private static String interval(long from, long to, String note) {
        return Instant.ofEpochMilli(from) + "/" + Instant.ofEpochMilli(to) + note;
    }
}
