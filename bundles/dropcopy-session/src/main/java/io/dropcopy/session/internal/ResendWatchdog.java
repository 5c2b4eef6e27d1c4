package io.dropcopy.session.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Session;
import quickfix.SessionStateListener;
import quickfix.field.BeginSeqNo;
import quickfix.field.EndSeqNo;
import quickfix.fix42.ResendRequest;

/**
 * CME's "enhanced" resend logic: while a gap persists and the resend in flight makes no progress for
 * {@code timeoutSeconds}, send a duplicate Resend Request for the same range with PossDupFlag(43)=Y (and no 122).
 * One resend stays in flight at a time: the duplicate replaces the lost one, it never adds a second range.
 */
final class ResendWatchdog implements SessionStateListener {
    private static final Logger LOG = LoggerFactory.getLogger(ResendWatchdog.class);

    private final String name;
    private final Session session;
    private final DropCopyApplication application;
    private final long timeoutNanos;
    private final ScheduledExecutorService timer;
    private final ScheduledFuture<?> task;

    private volatile int begin;
    private volatile int end;
    private volatile int currentEnd;
    /**
     * The last sequence number of the resend QuickFIX/J last found satisfied, until a logout or reset: it reports that
     * before the message that satisfied it has reached the application, so a logout must also wait for that one.
     */
    private volatile int satisfiedEnd;
    private volatile int lastExpected;
    private volatile long lastProgress;
    private volatile long duplicates;
    /** When the resend in flight stopped making progress (the first duplicate sent for it), or null. */
    private volatile java.time.Instant stalledSince;

    ResendWatchdog(String name, Session session, DropCopyApplication application, int timeoutSeconds) {
        this.name = name;
        this.session = session;
        this.application = application;
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dropcopy-resend-watchdog-" + name);
            t.setDaemon(true);
            return t;
        });
        session.addStateListener(this);
        this.task = timer.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void onResendRequestSent(int beginSeqNo, int endSeqNo, int currentEndSeqNo) {
        begin = beginSeqNo;
        end = endSeqNo;
        currentEnd = currentEndSeqNo > 0 ? currentEndSeqNo : endSeqNo;
        lastExpected = session.getExpectedTargetNum();
        lastProgress = System.nanoTime();
    }

    /**
     * "begin-end since time": the resend in flight made no progress for the resend timeout (a duplicate 43=Y
     * request was needed); null while it progresses or none is in flight.
     */
    String stalled() {
        java.time.Instant since = stalledSince;
        int b = begin;
        return since == null || b == 0 ? null : lastExpected + "-" + currentEnd + " since " + since;
    }

    @Override
    public void onResendRequestSatisfied(int beginSeqNo, int endSeqNo) {
        satisfiedEnd = endSeqNo;
        begin = 0;
        stalledSince = null;
    }

    @Override
    public void onLogout() {
        begin = 0;
        satisfiedEnd = 0;
        stalledSince = null;
    }

    @Override
    public void onReset() {
        satisfiedEnd = 0;
    }

    /** See {@link #satisfiedEnd}; 0 when none. */
    int satisfiedEnd() {
        return satisfiedEnd;
    }

    /** The range in flight, "begin-end", or null. */
    String inFlight() {
        int b = begin;
        return b == 0 ? null : b + "-" + currentEnd;
    }

    long duplicatesSent() {
        return duplicates;
    }

    /** First sequence number of the resend in flight, 0 when none. */
    int begin() {
        return begin;
    }

    /** Last sequence number the request in flight covers (its chunk). */
    int chunkEnd() {
        return currentEnd;
    }

    /** Last sequence number of the whole gap. */
    int gapEnd() {
        return end;
    }

    private void check() {
        try {
            if (begin == 0 || !session.isLoggedOn()) {
                stalledSince = null;
                return;
            }
            int expected = session.getExpectedTargetNum();
            long now = System.nanoTime();
            WindowNarrowing narrowing = application.narrowing;
            if (narrowing != null && narrowing.active()) {
                lastProgress = now; // probing the window: one resend at a time, no duplicate meanwhile
                return;
            }
            if (expected != lastExpected) {
                lastExpected = expected;
                lastProgress = now;
                stalledSince = null;
                return;
            }
            if (now - lastProgress < timeoutNanos) {
                return;
            }
            int end = currentEnd;
            ResendRequest duplicate = new ResendRequest(
                    new BeginSeqNo(expected), new EndSeqNo(end));
            application.duplicateResendBegin = expected;
            LOG.warn("Drop copy session {}: no progress on resend {}-{} for {} s; sending it again with 43=Y",
                    name, expected, end, TimeUnit.NANOSECONDS.toSeconds(timeoutNanos));
            session.send(duplicate);
            duplicates++;
            if (stalledSince == null) {
                stalledSince = java.time.Instant.now();
            }
            lastProgress = now;
        } catch (RuntimeException e) {
            LOG.warn("Drop copy session {}: resend watchdog: {}", name, e.toString());
        }
    }

    void close() {
        task.cancel(false);
        timer.shutdownNow();
        session.removeStateListener(this);
    }
}
