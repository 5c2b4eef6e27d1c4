package io.dropcopy.session.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Session;
import quickfix.SessionID;

/**
 * CME: wait for a resend in flight to be fulfilled before logging out or failing over. Every logout this side
 * starts (an operator's disconnect, a drain, a reconfiguration, a shutdown, a rewind after a route failure) comes
 * through here; the wait is bounded by the resend timeout (what the watchdog waits before asking again), and
 * ends early when the connection is gone anyway.
 */
final class ResendBeforeLogout {
    private static final Logger LOG = LoggerFactory.getLogger(TargetSession.class);

    private final TargetSessionConfig config;
    private final SessionID sessionId;
    private final BooleanSupplier hasInitiator;
    private final Supplier<ResendWatchdog> watchdog;
    private final WindowNarrowing narrowing;
    private final ManualResend manualResend;
    /** The resend in flight, as the log names it. */
    private final Supplier<String> inFlight;

    ResendBeforeLogout(TargetSessionConfig config, SessionID sessionId, BooleanSupplier hasInitiator,
                       Supplier<ResendWatchdog> watchdog, WindowNarrowing narrowing, ManualResend manualResend,
                       Supplier<String> inFlight) {
        this.config = config;
        this.sessionId = sessionId;
        this.hasInitiator = hasInitiator;
        this.watchdog = watchdog;
        this.narrowing = narrowing;
        this.manualResend = manualResend;
        this.inFlight = inFlight;
    }

    /** Waits, as above; {@code why} names the logout in the log. */
    void await(String why) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.resendTimeout);
        boolean waited = false;
        while (open()) {
            if (System.nanoTime() - deadline > 0) {
                LOG.warn("Drop copy session {}: {} with resend {} still in flight after {} s", config.name, why,
                        inFlight.get(), config.resendTimeout);
                return;
            }
            if (!waited) {
                LOG.info("Drop copy session {}: {}: waiting up to {} s for resend {} to be fulfilled first",
                        config.name, why, config.resendTimeout, inFlight.get());
                waited = true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Logged on with a resend of ours in flight (a gap being recovered, a window probe, an operator's resend). */
    boolean open() {
        Session session = hasInitiator.getAsBoolean() ? Session.lookupSession(sessionId) : null;
        if (session == null || !session.isLoggedOn()) {
            return false;
        }
        ResendWatchdog w = watchdog.get();
        int expected = session.getExpectedTargetNum();
        boolean gapOpen = w != null && w.begin() != 0 && (w.gapEnd() == 0 || expected <= w.gapEnd());
        // QuickFIX/J calls a resend satisfied on the message that ends it, before that message reaches the routes
        boolean lastInHand = w != null && w.satisfiedEnd() != 0 && expected <= w.satisfiedEnd();
        return gapOpen || lastInHand || narrowing.active() || manualResend.describe() != null;
    }
}
