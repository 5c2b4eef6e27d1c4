package io.dropcopy.camel.internal;

import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.SessionStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The session-level events of one group's target sessions, for camel-quickfix's event categories: created (first
 * seen), logged on, logged off, input refused at the session level. The only place this component reads the hub for
 * them: the hub tells consumers about business messages only, so the events are derived by comparing successive
 * status snapshots of the group's sessions ({@link #poll()}, called periodically by the consumer). A logon and a
 * logoff both within one period show as neither.
 */
public final class SessionEventWatch {
    /** What happened to a session. */
    public enum Kind { CREATED, LOGON, LOGOFF, REJECT }

    /** Receives the events of one poll, in order. */
    @FunctionalInterface
    public interface Sink {
        void onSessionEvent(Kind kind, SessionStatus status);
    }

    private final DropCopyHub hub;
    private final String group;
    private final Sink sink;
    private final Map<String, SessionStatus> last = new HashMap<>();

    public SessionEventWatch(DropCopyHub hub, String group, Sink sink) {
        this.hub = hub;
        this.group = group;
        this.sink = sink;
    }

    /**
     * Polls unless the session is already known to be logged on: called before a business message is routed, so its
     * session's logon is reported before it, as QuickFIX/J calls onLogon before fromApp.
     */
    public synchronized void pollUnlessLoggedOn(String session) {
        SessionStatus known = last.get(session);
        if (known == null || !known.loggedOn()) {
            poll();
        }
    }

    /**
     * Compares the group's sessions with the previous poll and reports the differences. The first poll reports every
     * session as created (and logged on where it is); rejects counted before the first poll are not reported.
     */
    public synchronized void poll() {
        Set<String> present = new HashSet<>();
        for (SessionStatus now : hub.sessions()) {
            if (!group.equals(now.group())) {
                continue;
            }
            present.add(now.name());
            SessionStatus before = last.put(now.name(), now);
            if (before == null) {
                sink.onSessionEvent(Kind.CREATED, now);
                if (now.loggedOn()) {
                    sink.onSessionEvent(Kind.LOGON, now);
                }
                continue;
            }
            // in the order they happen on the wire: the rejects of a connection, then its end
            if (!before.loggedOn() && now.loggedOn()) {
                sink.onSessionEvent(Kind.LOGON, now);
            }
            for (long r = before.rejected(); r < now.rejected(); r++) {
                sink.onSessionEvent(Kind.REJECT, now);
            }
            if (before.loggedOn() && !now.loggedOn()) {
                sink.onSessionEvent(Kind.LOGOFF, now);
            }
        }
        last.entrySet().removeIf(e -> {
            if (present.contains(e.getKey())) {
                return false;
            }
            if (e.getValue().loggedOn()) {
                sink.onSessionEvent(Kind.LOGOFF, e.getValue()); // its configuration went away while logged on
            }
            return true;
        });
    }
}
