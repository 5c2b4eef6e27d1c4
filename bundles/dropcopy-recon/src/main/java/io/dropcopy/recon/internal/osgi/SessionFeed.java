package io.dropcopy.recon.internal.osgi;

import io.dropcopy.recon.internal.GroupRecon;
import io.dropcopy.recon.internal.ReconService;
import io.dropcopy.recon.internal.SessionFacts;
import io.dropcopy.recon.internal.TradeDates;
import io.dropcopy.session.api.DeadLetter;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.SessionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only class that knows the session API: subscribes reconciliation to each group's events while a hub is there
 * (an event counts as received once reconciliation journaled it), and reads the facts of a day the session layer keeps
 * (unrecoverable ranges, dead letters). The hub may come and go: groups are subscribed when it comes.
 */
public final class SessionFeed implements ReconService.Feed, SessionFacts {
    private static final Logger LOG = LoggerFactory.getLogger(SessionFeed.class);

    private final boolean subscribe;
    private final Map<String, GroupRecon> groups = new TreeMap<>();
    private final Map<String, AutoCloseable> subscriptions = new TreeMap<>();
    private DropCopyHub hub;

    /** @param subscribe false: facts only (the drop copy side comes from elsewhere) */
    public SessionFeed(boolean subscribe) {
        this.subscribe = subscribe;
    }

    public synchronized void hub(DropCopyHub next) {
        closeAll();
        hub = next;
        if (hub != null) {
            for (Map.Entry<String, GroupRecon> g : groups.entrySet()) {
                subscribe(g.getKey(), g.getValue());
            }
        }
    }

    @Override
    public synchronized AutoCloseable attach(String group, GroupRecon recon) {
        if (!subscribe) {
            return () -> { };
        }
        groups.put(group, recon);
        if (hub != null) {
            subscribe(group, recon);
        }
        return () -> detach(group);
    }

    private synchronized void detach(String group) {
        groups.remove(group);
        close(subscriptions.remove(group));
    }

    synchronized void closeAll() {
        for (AutoCloseable s : subscriptions.values()) {
            close(s);
        }
        subscriptions.clear();
    }

    private void subscribe(String group, GroupRecon recon) {
        subscriptions.put(group, hub.subscribe(group, event -> recon.acceptDropCopy(event.toJson())));
    }

    private static void close(AutoCloseable s) {
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.debug("closing a subscription", e);
            }
        }
    }

    @Override
    public List<SessionState> states(String group) {
        DropCopyHub h;
        synchronized (this) {
            h = hub;
        }
        List<SessionState> out = new ArrayList<>();
        if (h != null) {
            for (SessionStatus s : h.sessions()) {
                if (group.equals(s.group())) {
                    out.add(new SessionState(s.name(), s.loggedOn(), s.resendInFlight()));
                }
            }
        }
        return out;
    }

    @Override
    public List<Session> sessions(String group, String tradeDate, TradeDates tradeDates) {
        DropCopyHub h;
        synchronized (this) {
            h = hub;
        }
        List<Session> out = new ArrayList<>();
        if (h == null) {
            return out;
        }
        for (SessionStatus s : h.sessions()) {
            if (!group.equals(s.group())) {
                continue;
            }
            List<DeadLetterFact> letters = new ArrayList<>();
            for (DeadLetter d : h.deadLetters(s.name())) {
                try {
                    if (tradeDate.equals(tradeDates.tradeDate(Instant.parse(d.time())).toString())) {
                        letters.add(new DeadLetterFact(s.name(), d.seqNum(), d.time(), d.reason()));
                    }
                } catch (RuntimeException unreadableTime) {
                    letters.add(new DeadLetterFact(s.name(), d.seqNum(), String.valueOf(d.time()), d.reason()));
                }
            }
            out.add(new Session(s.name(), List.copyOf(s.unrecoverableGaps()), letters));
        }
        return out;
    }
}
