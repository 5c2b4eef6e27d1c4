package io.dropcopy.session.internal;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.IsoTimes;
import io.dropcopy.session.api.LatencyBuckets;
import io.dropcopy.session.api.SessionStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters and latency histograms of one target session, as its status, the metrics endpoint and health show
 * them. Written on the session's thread and by deferred completions on any thread; every field is thread-safe.
 */
final class SessionMetrics {
    /** Business messages the routes took (committed). */
    final AtomicLong received = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    /** Application messages the read-only guard refused to send. */
    final AtomicLong refusedSends = new AtomicLong();
    /** Input refused at the session level (Reject sent, frame refused). */
    final AtomicLong rejected = new AtomicLong();
    /** Possible resends (97=Y) of messages already delivered, dropped by CME's rule (5979, source sequence). */
    final AtomicLong duplicatesDropped = new AtomicLong();
    /** Messages whose routes failed, the last failure's message and time (for health: DOWN while failing). */
    final AtomicLong routeFailures = new AtomicLong();
    private volatile String lastRouteFailure;
    private volatile Instant lastRouteFailureAt;
    private volatile Instant lastMessage;
    /** Arrival to the routes' return, per message handed to them. */
    final LatencyBuckets routeLatency = new LatencyBuckets();
    /** CME's SendingTime to the routes' return, per message they took. */
    final LatencyBuckets endToEndLatency = new LatencyBuckets();
    private final LongAdder[] perKind = new LongAdder[EventKind.values().length];

    SessionMetrics() {
        for (int i = 0; i < perKind.length; i++) {
            perKind[i] = new LongAdder();
        }
    }

    /** The routes committed {@code event}, which arrived at {@code arrivedNanos} ({@link System#nanoTime}). */
    void committed(DropCopyEvent event, long arrivedNanos) {
        routeLatency.record(System.nanoTime() - arrivedNanos);
        received.incrementAndGet();
        Instant now = Instant.now();
        lastMessage = now;
        perKind[event.kind().ordinal()].increment();
        recordEndToEnd(event.sendingTime(), now);
    }

    /** The routes failed an event that arrived at {@code arrivedNanos}. */
    void failed(Throwable cause, long arrivedNanos) {
        routeLatency.record(System.nanoTime() - arrivedNanos);
        routeFailed(cause);
    }

    /** A route failure, counted first so health shows it as soon as the route's own error handling has run. */
    void routeFailed(Throwable e) {
        routeFailures.incrementAndGet();
        lastRouteFailure = String.valueOf(e.getMessage());
        lastRouteFailureAt = Instant.now();
    }

    /** Messages the routes took, per kind label, kinds seen only. */
    Map<String, Long> eventsByKind() {
        Map<String, Long> out = new TreeMap<>();
        for (EventKind k : EventKind.values()) {
            long n = perKind[k.ordinal()].sum();
            if (n > 0) {
                out.put(k.label(), n);
            }
        }
        return out;
    }

    /** The status with these route figures and rejects. */
    SessionStatus addTo(SessionStatus status) {
        Instant failedAt = lastRouteFailureAt;
        return status.withRouteStats(routeFailures.get(), lastRouteFailure, failedAt == null ? null : failedAt.toString(),
                        routeLatency, endToEndLatency, eventsByKind())
                .withRejected(rejected.get());
    }

    String lastMessageTime() {
        Instant t = lastMessage;
        return t == null ? null : t.toString();
    }

    private void recordEndToEnd(String sendingTime, Instant now) {
        if (sendingTime == null) {
            return;
        }
        long sent = epochNanos(sendingTime);
        if (sent == Long.MIN_VALUE) {
            return; // a SendingTime the model could not normalise: no latency for it
        }
        endToEndLatency.record(now.getEpochSecond() * 1_000_000_000L + now.getNano() - sent);
    }

    /**
     * Nanoseconds since the epoch of an ISO-8601 UTC time as the model writes SendingTime
     * ({@code 2024-06-12T13:33:00.023Z}, any fraction), or Long.MIN_VALUE. By hand ({@link IsoTimes}), since it runs
     * for every message on the session's thread and {@code Instant.parse} is costly there.
     */
    static long epochNanos(String t) {
        long epochSecond = IsoTimes.epochSecond(t);
        if (epochSecond == IsoTimes.NOT_READ) {
            return fallback(t);
        }
        return epochSecond * 1_000_000_000L + IsoTimes.nanoOfSecond(t);
    }

    private static long fallback(String t) {
        try {
            Instant sent = Instant.parse(t);
            return sent.getEpochSecond() * 1_000_000_000L + sent.getNano();
        } catch (DateTimeParseException | ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }
}
