package io.dropcopy.session.internal;

import io.dropcopy.session.api.DropCopyListener;
import io.dropcopy.session.api.SessionStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target sessions of this container and when they run: while their group has enough consumers, this node owns the
 * group ({@link GroupControl}) and no operator disconnected them, so a message is only ever accepted when something
 * will take it. Every change happens under this object's lock, the election's callbacks included.
 */
final class SessionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    private final Map<String, TargetSession> sessions = new ConcurrentHashMap<>();
    private final Subscriptions subscriptions = new Subscriptions();
    final GroupControl control = new GroupControl(this, new GroupControl.Sessions() {
        @Override
        public void start(String group) {
            startGroup(group);
        }

        @Override
        public void stop(String group) {
            stopGroup(group);
        }
    });

    /** The dispatcher a new session of the group delivers through. */
    GroupDispatcher dispatcher(String group) {
        return new GroupDispatcher(group, subscriptions);
    }

    AutoCloseable subscribe(String group, Subscriptions.Subscriber subscriber) {
        int subscribed;
        int required;
        synchronized (this) {
            subscribed = subscriptions.add(group, subscriber);
            required = consumersRequired(group);
            consumersChanged(group);
        }
        LOG.info("Consumer subscribed to drop copy group {}{} ({} of {} the sessions wait for)", group,
                subscriber.describe(), subscribed, required);
        return () -> unsubscribe(group, subscriber);
    }

    AutoCloseable observe(String group, DropCopyListener observer) {
        return subscriptions.observe(group, observer);
    }

    private synchronized void unsubscribe(String group, Subscriptions.Subscriber subscriber) {
        if (subscriptions.remove(group, subscriber)) {
            consumersChanged(group);
        }
    }

    /**
     * The group runs only while at least as many consumers as its sessions' {@code consumers} setting are subscribed:
     * every message goes to every consumer, so a route subscribing after the logon would miss what the others got.
     */
    private void consumersChanged(String group) {
        int subscribed = subscriptions.count(group);
        boolean enough = subscribed > 0 && subscribed >= consumersRequired(group);
        if (!enough) {
            stopGroup(group);
        }
        control.consumed(group, enough);
    }

    /** The largest {@code consumers} setting among the group's sessions (1 without sessions). */
    private int consumersRequired(String group) {
        int required = 1;
        for (TargetSession s : sessions.values()) {
            if (s.group().equals(group)) {
                required = Math.max(required, s.config.consumers);
            }
        }
        return required;
    }

    synchronized void register(TargetSession session) {
        TargetSession existing = sessions.putIfAbsent(session.name(), session);
        if (existing != null) {
            throw TargetSessionConfig.bad("name", "'" + session.name() + "' is already used by another session configuration");
        }
        if (subscriptions.count(session.group()) > 0) {
            consumersChanged(session.group()); // its consumers setting may ask for more routes than are there
        }
        if (control.runs(session.group())) {
            startSession(session);
        }
    }

    synchronized void unregister(TargetSession session) {
        if (sessions.remove(session.name(), session)) {
            session.stop();
            if (subscriptions.count(session.group()) > 0) {
                consumersChanged(session.group()); // fewer routes may be enough now
            }
        }
    }

    List<SessionStatus> statuses() {
        List<SessionStatus> all = new ArrayList<>();
        for (TargetSession s : sessions.values()) {
            all.add(status(s));
        }
        all.sort(Comparator.comparing(SessionStatus::name));
        return all;
    }

    Optional<SessionStatus> status(String name) {
        TargetSession s = sessions.get(name);
        return s == null ? Optional.empty() : Optional.of(status(s));
    }

    private SessionStatus status(TargetSession s) {
        return s.status().withConsumers(subscriptions.count(s.group()), consumersRequired(s.group()));
    }

    /** @throws IllegalArgumentException when there is no such session */
    TargetSession existing(String name) {
        TargetSession s = sessions.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no drop copy session named '" + name + "'");
        }
        return s;
    }

    /** An operator lets the session run again: it starts now if its group runs here. */
    synchronized void enable(String name) {
        TargetSession s = existing(name);
        s.setEnabled(true);
        if (control.runs(s.group())) {
            startSession(s);
        }
    }

    /** An operator keeps the session out: it logs out now. */
    synchronized void disable(String name) {
        TargetSession s = existing(name);
        s.setEnabled(false);
        s.stop();
    }

    private synchronized void stopGroup(String group) {
        for (TargetSession s : sessions.values()) {
            if (s.group().equals(group)) {
                s.stop();
            }
        }
    }

    private void startGroup(String group) {
        for (TargetSession s : sessions.values()) {
            if (s.group().equals(group)) {
                startSession(s);
            }
        }
    }

    private static void startSession(TargetSession s) {
        if (!s.isEnabled()) {
            return;
        }
        try {
            s.start();
        } catch (Exception e) {
            LOG.error("Drop copy session {} cannot start: {}", s.name(), e.getMessage(), e);
        }
    }

    /** Stops every session and forgets every consumer; the node has already left its elections. */
    synchronized void close() {
        sessions.values().forEach(TargetSession::stop);
        sessions.clear();
        subscriptions.clear();
    }
}
