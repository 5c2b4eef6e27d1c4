package io.dropcopy.positions.internal.osgi;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.positions.SessionView;
import io.dropcopy.session.api.DeadLetter;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.SessionStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only class of the risk view that reads the sessions (the REST API's operations go through SessionOperations in
 * the web package): observes every configured group's events (an observer neither starts
 * sessions nor affects delivery) and turns the sessions' status into {@link SessionView}s.
 */
final class HubWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubWatcher.class);

    private final DropCopyHub hub;
    private final Consumer<DropCopyEvent> events;
    private final Map<String, AutoCloseable> observed = new HashMap<>();
    private long received;
    private long latencyCount;
    private double latencySeconds;
    private boolean newGroups;

    HubWatcher(DropCopyHub hub, Consumer<DropCopyEvent> events) {
        this.hub = hub;
        this.events = events;
    }

    /** Observes groups not observed yet; returns the sessions now. */
    synchronized List<SessionView> poll() {
        List<SessionView> out = new ArrayList<>();
        long total = 0;
        long count = 0;
        double seconds = 0;
        for (SessionStatus s : hub.sessions()) {
            if (!observed.containsKey(s.group())) {
                observed.put(s.group(), hub.observe(s.group(), events::accept));
                newGroups = true;
                LOG.info("Positions: observing group {}", s.group());
            }
            long dead = 0;
            if (s.deadLettered() > 0) {
                for (DeadLetter d : hub.deadLetters(s.name())) {
                    if (!d.replayed()) {
                        dead++;
                    }
                }
            }
            total += s.received();
            count += s.endToEndLatency().count();
            seconds += s.endToEndLatency().sumSeconds();
            out.add(new SessionView(s.name(), s.group(), s.state(), s.health(), s.healthReason(),
                    s.nextTargetSeqNum(), s.nextSenderSeqNum(), s.received(), dead, s.unrecoverableGaps(),
                    s.resendInFlight(), s.lastMessageTime()));
        }
        received = total;
        latencyCount = count;
        latencySeconds = seconds;
        return out;
    }

    /**
     * True once after a group was first observed: what its route journaled before the observation began must be read
     * back from the journal.
     */
    synchronized boolean takeNewGroups() {
        boolean n = newGroups;
        newGroups = false;
        return n;
    }

    /** Business messages received by every session (as of the last {@link #poll}). */
    synchronized long received() {
        return received;
    }

    /** End-to-end latencies recorded by every session (as of the last {@link #poll}): count and sum in seconds. */
    synchronized long latencyCount() {
        return latencyCount;
    }

    synchronized double latencySeconds() {
        return latencySeconds;
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : observed.values()) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing an observation", e);
            }
        }
        observed.clear();
    }
}
