package io.dropcopy.commands;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.IsoTimes;
import io.dropcopy.session.api.DropCopyGroups;
import io.dropcopy.session.api.SessionStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Counts, per target session and per kind, the events the hub delivers to each group's consumers, for
 * {@code dropcopy:stats}. It observes (never consumes) every group of the hub's sessions: the groups are looked up
 * when it starts, every {@value #REFRESH_SECONDS} s and whenever {@link #refresh()} is called, so a group is counted
 * from the moment it was first seen; counts live in memory and start at 0 when the commands bundle (or the hub)
 * restarts. An event a consumer refused is not counted (observers see only what the consumers accepted); a
 * message resent after such a refusal is counted once, when accepted.
 *
 * <p>Per session it also keeps the events per second (a ring of per-second buckets, {@link RateWindow}) and the
 * latency of each event: the time this observer sees it (the hub calls observers on the session's thread right
 * after the group's routes returned) minus its outer SendingTime(52), i.e. from CME's send to the routes' completion,
 * in a fixed-size histogram ({@link LatencyHistogram}) cumulative since counting began. A negative latency (clocks
 * apart) is recorded as 0 and counted as skewed. Per event: a map lookup, the SendingTime parsed without
 * allocation, a few atomic increments; several sessions' threads call it at once.
 */
@Component(service = EventCounter.class, immediate = true)
public class EventCounter {
    static final long REFRESH_SECONDS = 5;

    @Reference
    DropCopyGroups hub;

    private final Map<String, Instant> groupsSince = new ConcurrentHashMap<>();
    private final Map<String, AutoCloseable> watches = new ConcurrentHashMap<>();
    private final Map<String, SessionStats> perSession = new ConcurrentHashMap<>();
    /** The time source (events' arrival, rates, the start of counting); tests set a fake one. */
    Clock clock = Clock.systemUTC();
    private ScheduledExecutorService timer;
    private boolean active;

    @Activate
    synchronized void activate() {
        active = true;
        refresh();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dropcopy-event-counter");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::refreshQuietly, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        for (AutoCloseable watch : watches.values()) {
            try {
                watch.close();
            } catch (Exception e) {
                // the hub is going away too
            }
        }
        watches.clear();
    }

    /** Starts observing the groups of the hub's sessions that are not observed yet. */
    synchronized void refresh() {
        if (!active) {
            return;
        }
        for (SessionStatus s : hub.sessions()) {
            String group = s.group();
            if (!watches.containsKey(group)) {
                watches.put(group, hub.observe(group, this::count));
                groupsSince.put(group, clock.instant());
            }
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // the hub is stopping; the next refresh or the next activation catches up
        }
    }

    void count(DropCopyEvent event) {
        SessionStats stats = perSession.get(event.targetSession());
        if (stats == null) {
            stats = perSession.computeIfAbsent(event.targetSession(), s -> new SessionStats(since(event.group())));
        }
        Instant now = clock.instant();
        stats.perKind[event.kind().ordinal()].increment();
        stats.rates.record(now.getEpochSecond());
        String sendingTime = event.sendingTime();
        long sent = sendingTime == null ? NO_TIME : epochMicros(sendingTime);
        if (sent == NO_TIME) {
            stats.untimed.increment();
            return;
        }
        long latency = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000 - sent;
        if (latency < 0) {
            stats.skewed.increment();
            latency = 0;
        }
        stats.latency.record(latency);
    }

    private long since(String group) {
        Instant since = groupsSince.get(group);
        return (since != null ? since : clock.instant()).getEpochSecond();
    }

    /** The events of one session counted so far, per kind (only the kinds seen). */
    Map<EventKind, Long> counts(String session) {
        SessionStats stats = perSession.get(session);
        return stats == null ? new EnumMap<>(EventKind.class) : stats.counts();
    }

    /**
     * Everything counted of one session, as of now; a session without events yet has zeros (and, when its group is
     * not watched, no rates).
     */
    View view(String session, String group) {
        SessionStats stats = perSession.get(session);
        long now = clock.instant().getEpochSecond();
        if (stats == null) {
            Instant since = groupsSince.get(group);
            double rate = since == null || now <= since.getEpochSecond() ? Double.NaN : 0;
            return new View(new EnumMap<>(EventKind.class), rate, rate, new LatencyHistogram().snapshot(), 0, 0);
        }
        return new View(stats.counts(), stats.rate(now, 10), stats.rate(now, 60), stats.latency.snapshot(),
                stats.skewed.sum(), stats.untimed.sum());
    }

    /** The groups counted, each with the time counting began. */
    Map<String, Instant> groups() {
        return new TreeMap<>(groupsSince);
    }

    static final long NO_TIME = Long.MIN_VALUE;

    /**
     * An ISO-8601 UTC timestamp as the model writes SendingTime ({@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}) in
     * microseconds since the epoch, without allocating; other forms through {@link Instant#parse}; {@link #NO_TIME}
     * when it is none.
     */
    static long epochMicros(String t) {
        long seconds = IsoTimes.epochSecond(t);
        if (seconds != IsoTimes.NOT_READ) {
            return seconds * 1_000_000L + IsoTimes.nanoOfSecond(t) / 1_000;
        }
        try {
            Instant i = Instant.parse(t);
            return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
        } catch (DateTimeParseException | ArithmeticException e) {
            return NO_TIME;
        }
    }

    /** One session's counters; fixed size, created at its first event. */
    private static final class SessionStats {
        private static final EventKind[] KINDS = EventKind.values();

        final LongAdder[] perKind = new LongAdder[KINDS.length];
        final RateWindow rates = new RateWindow();
        final LatencyHistogram latency = new LatencyHistogram();
        final LongAdder skewed = new LongAdder();
        final LongAdder untimed = new LongAdder();
        /** The epoch second counting began (its group was first watched). */
        final long sinceSecond;

        SessionStats(long sinceSecond) {
            this.sinceSecond = sinceSecond;
            for (int i = 0; i < perKind.length; i++) {
                perKind[i] = new LongAdder();
            }
        }

        Map<EventKind, Long> counts() {
            Map<EventKind, Long> out = new EnumMap<>(EventKind.class);
            for (EventKind k : KINDS) {
                long n = perKind[k.ordinal()].sum();
                if (n > 0) {
                    out.put(k, n);
                }
            }
            return out;
        }

        /**
         * Events per second over the last {@code seconds} whole seconds before the current one, or over fewer when
         * counting began less long ago; NaN in the first second.
         */
        double rate(long nowSecond, int seconds) {
            int window = (int) Math.min(seconds, nowSecond - sinceSecond);
            return window <= 0 ? Double.NaN : rates.count(nowSecond, window) / (double) window;
        }
    }

    /** What {@code dropcopy:stats} shows of one session. */
    static final class View {
        final Map<EventKind, Long> counts;
        /** Events per second over the last 10 and 60 whole seconds (NaN: not known yet). */
        final double rate10;
        final double rate60;
        /** Latency in µs, cumulative since counting began. */
        final LatencyHistogram.Snapshot latency;
        final long skewed;
        final long untimed;

        View(Map<EventKind, Long> counts, double rate10, double rate60, LatencyHistogram.Snapshot latency, long skewed,
                long untimed) {
            this.counts = counts;
            this.rate10 = rate10;
            this.rate60 = rate60;
            this.latency = latency;
            this.skewed = skewed;
            this.untimed = untimed;
        }
    }
}
