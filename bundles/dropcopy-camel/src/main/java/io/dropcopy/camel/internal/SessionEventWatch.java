package io.dropcopy.camel.internal;

import io.dropcopy.session.api.DropCopyGroups;
import io.dropcopy.session.api.SessionStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The session-level events of one group's target sessions, for camel-quickfix's event categories: created (first
 * seen), logged on, logged off, input refused at the session level. The only place this component reads the hub for
 * them: the hub tells consumers about business messages only, so the events are derived by comparing successive
 * status snapshots of the group's sessions ({@link #poll()}, called periodically by the consumer), and from the
 * business messages themselves ({@link #messageArrived}): a session a message arrives on is logged on. A logon and a
 * logoff both within one period show as neither.
 *
 * <p>The hub is read without holding this object's lock: reading a session's status takes that session's lock, which
 * its stop holds while it waits for the session's thread, and that thread may be in {@link #messageArrived}.
 */
public final class SessionEventWatch {
    /** What happened to a session. */
    public enum Kind { CREATED, LOGON, LOGOFF, REJECT }

    /** Receives the events, in order, one at a time. */
    @FunctionalInterface
    public interface Sink {
        void onSessionEvent(Kind kind, String session, String group);
    }

    /** What was last reported of one session. */
    private static final class Known {
        boolean loggedOn;
        /** Rejects counted so far; -1 until a snapshot gives the count. */
        long rejected;
        /** The {@link #marks} value when a business message last changed this state; 0 when none did. */
        long markedAt;

        Known(boolean loggedOn, long rejected) {
            this.loggedOn = loggedOn;
            this.rejected = rejected;
        }
    }

    private final DropCopyGroups hub;
    private final String group;
    private final Sink sink;
    private final Map<String, Known> known = new HashMap<>();
    private long marks;

    public SessionEventWatch(DropCopyGroups hub, String group, Sink sink) {
        this.hub = hub;
        this.group = group;
        this.sink = sink;
    }

    /**
     * Compares the group's sessions with what was reported and reports the differences. The first poll reports every
     * session as created (and logged on where it is); rejects counted before a session was first seen are not
     * reported. Called from one thread at a time (the consumer's start, then its poller).
     */
    public void poll() {
        long before;
        synchronized (this) {
            before = marks;
        }
        List<SessionStatus> snapshot = hub.sessions();
        synchronized (this) {
            apply(snapshot, before);
        }
    }

    /**
     * A business message arrived on the session, on its thread, before it is routed: the session is logged on. Reports
     * its creation and logon first when not reported yet, as QuickFIX/J calls onCreate and onLogon before fromApp.
     */
    public synchronized void messageArrived(String session) {
        Known k = known.get(session);
        if (k == null) {
            k = new Known(false, -1);
            known.put(session, k);
            sink.onSessionEvent(Kind.CREATED, session, group);
        }
        if (!k.loggedOn) {
            k.loggedOn = true;
            k.markedAt = ++marks;
            sink.onSessionEvent(Kind.LOGON, session, group);
        }
    }

    private void apply(List<SessionStatus> snapshot, long takenAfterMark) {
        Set<String> present = new HashSet<>();
        for (SessionStatus now : snapshot) {
            if (!group.equals(now.group())) {
                continue;
            }
            String name = now.name();
            present.add(name);
            Known k = known.get(name);
            if (k == null) {
                known.put(name, new Known(now.loggedOn(), now.rejected()));
                sink.onSessionEvent(Kind.CREATED, name, group);
                if (now.loggedOn()) {
                    sink.onSessionEvent(Kind.LOGON, name, group);
                }
                continue;
            }
            // a business message told more recently than this snapshot whether the session is logged on
            boolean current = k.markedAt <= takenAfterMark;
            // in the order they happen on the wire: the logon, the rejects of the connection, its end
            if (current && !k.loggedOn && now.loggedOn()) {
                k.loggedOn = true;
                sink.onSessionEvent(Kind.LOGON, name, group);
            }
            if (k.rejected >= 0) {
                for (long r = k.rejected; r < now.rejected(); r++) {
                    sink.onSessionEvent(Kind.REJECT, name, group);
                }
            }
            k.rejected = Math.max(k.rejected, now.rejected());
            if (current && k.loggedOn && !now.loggedOn()) {
                k.loggedOn = false;
                sink.onSessionEvent(Kind.LOGOFF, name, group);
            }
        }
        known.entrySet().removeIf(e -> {
            if (present.contains(e.getKey()) || e.getValue().markedAt > takenAfterMark) {
                return false;
            }
            if (e.getValue().loggedOn) {
                sink.onSessionEvent(Kind.LOGOFF, e.getKey(), group); // its configuration went away while logged on
            }
            return true;
        });
    }
}
