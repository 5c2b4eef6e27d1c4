package io.dropcopy.commands;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.DropCopyListener;
import io.dropcopy.session.api.SessionStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/** The hub as the commands see it, with the session layer's rules (reset refused while started), in memory. */
class InMemoryHub implements DropCopyHub {

    static final class Session {
        final String name;
        final String group;
        String state = "LOGGED_ON";
        boolean enabled = true;
        String addresses = "127.0.0.1:19000,127.0.0.1:19001";
        int nextSender = 5;
        int nextTarget = 78;
        long received = 77;
        long deadLettered = 1;
        long refusedSends = 0;
        String lastMessageTime = "2026-11-25T07:40:00.125Z";

        Session(String name, String group) {
            this.name = name;
            this.group = group;
        }

        boolean started() {
            return "LOGGED_ON".equals(state) || "CONNECTING".equals(state);
        }

        SessionStatus status() {
            return new SessionStatus(name, group, state, "LOGGED_ON".equals(state), addresses, started() ? nextSender : 0,
                    started() ? nextTarget : 0, received, deadLettered, refusedSends, enabled, lastMessageTime);
        }
    }

    final Map<String, Session> sessions = new TreeMap<>();
    final Map<String, List<DropCopyListener>> observers = new ConcurrentHashMap<>();
    /** One permit per observe call: tests await a tail's registration instead of sleeping. */
    final Semaphore observeCalls = new Semaphore(0);
    volatile String resetBy;

    Session add(String name, String group) {
        Session s = new Session(name, group);
        sessions.put(name, s);
        return s;
    }

    @Override
    public AutoCloseable subscribe(String group, DropCopyListener consumer) {
        throw new UnsupportedOperationException("a console command never consumes");
    }

    @Override
    public AutoCloseable observe(String group, DropCopyListener observer) {
        observers.computeIfAbsent(group, g -> new CopyOnWriteArrayList<>()).add(observer);
        observeCalls.release();
        return () -> observers.get(group).remove(observer);
    }

    int observerCount(String group) {
        List<DropCopyListener> list = observers.get(group);
        return list == null ? 0 : list.size();
    }

    /** What the session thread does: observers see the event, their exceptions are ignored. */
    void deliver(DropCopyEvent event) {
        for (DropCopyListener o : observers.getOrDefault(event.group(), List.of())) {
            try {
                o.onEvent(event);
            } catch (Exception e) {
                // ignored, as by the hub
            }
        }
    }

    @Override
    public List<SessionStatus> sessions() {
        return sessions.values().stream().map(Session::status).collect(Collectors.toList());
    }

    @Override
    public Optional<SessionStatus> session(String name) {
        return Optional.ofNullable(sessions.get(name)).map(Session::status);
    }

    @Override
    public void connect(String name) {
        Session s = existing(name);
        s.enabled = true;
        s.state = "CONNECTING";
    }

    @Override
    public void disconnect(String name) {
        Session s = existing(name);
        s.enabled = false;
        s.state = "DISCONNECTED";
    }

    @Override
    public void resetSequence(String name, String operator) {
        Session s = existing(name);
        if (s.started()) {
            throw new IllegalStateException("session " + name + " is connected: disconnect it first");
        }
        s.nextSender = 1;
        s.nextTarget = 1;
        resetBy = operator;
    }

    /** Dead letters per session, and the ids replayed (with who replayed them). */
    final Map<String, List<io.dropcopy.session.api.DeadLetter>> deadLetters = new ConcurrentHashMap<>();
    final Map<String, String> replayedBy = new ConcurrentHashMap<>();

    @Override
    public List<io.dropcopy.session.api.DeadLetter> deadLetters(String name) {
        existing(name);
        return deadLetters.getOrDefault(name, List.of());
    }

    @Override
    public void replayDeadLetter(String name, long seqNum, String operator) {
        io.dropcopy.session.api.DeadLetter d = deadLetters(name).stream().filter(l -> l.seqNum() == seqNum).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("session " + name + " has no dead letter " + seqNum));
        if (d.reason().contains("still bad")) {
            throw new IllegalStateException("dead letter " + d.id() + " still does not translate: " + d.reason());
        }
        replayedBy.put(d.id(), operator);
    }

    private Session existing(String name) {
        Session s = sessions.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no drop copy session named '" + name + "'");
        }
        return s;
    }

    @Override
    public AutoCloseable subscribeDeferred(String group, int maxInFlight,
                                           io.dropcopy.session.api.DeferredDropCopyListener consumer) {
        throw new UnsupportedOperationException("no command subscribes");
    }

    @Override
    public void resend(String name, int from, int to, String operator) {
        throw new UnsupportedOperationException("see ResendCommandTest");
    }

    @Override
    public io.dropcopy.session.api.TrialSession trialSession(String name, java.nio.file.Path storeDir,
                                                             DropCopyListener listener) {
        throw new UnsupportedOperationException("no command makes trial sessions");
    }

    @Override
    public java.util.Map<String, String> groupOwnership() {
        return java.util.Map.of();
    }

    @Override
    public String ownershipDescription() {
        return "single node";
    }

    @Override
    public Optional<String> groupOwner(String group) {
        return Optional.empty();
    }

    @Override
    public void drain(String operator) {
        throw new UnsupportedOperationException("see ClusterCommandsTest");
    }

    @Override
    public void undrain(String operator) {
        throw new UnsupportedOperationException("see ClusterCommandsTest");
    }

    @Override
    public boolean drained() {
        return false;
    }
}
