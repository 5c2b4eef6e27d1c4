package io.dropcopy.session.internal;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.DropCopyListener;
import io.dropcopy.session.api.SessionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups target sessions and their consumers. A session is started when its group has a consumer and
 * stopped when the last one leaves, so a message is only ever accepted when something will take it.
 */
@Component(service = {DropCopyHub.class, HubImpl.class}, immediate = true)
public class HubImpl implements DropCopyHub {
    private static final Logger LOG = LoggerFactory.getLogger(HubImpl.class);

    private final Map<String, TargetSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, List<DropCopyListener>> listeners = new ConcurrentHashMap<>();
    private final Map<String, List<DropCopyListener>> observers = new ConcurrentHashMap<>();

    @Override
    public AutoCloseable subscribe(String group, DropCopyListener listener) {
        List<DropCopyListener> list;
        synchronized (this) {
            list = listeners.computeIfAbsent(group, g -> new CopyOnWriteArrayList<>());
            list.add(listener);
            startGroup(group);
        }
        LOG.info("Consumer subscribed to drop copy group {}", group);
        return () -> unsubscribe(group, listener);
    }

    @Override
    public AutoCloseable observe(String group, DropCopyListener observer) {
        observers.computeIfAbsent(group, g -> new CopyOnWriteArrayList<>()).add(observer);
        return () -> {
            List<DropCopyListener> list = observers.get(group);
            if (list != null) {
                list.remove(observer);
            }
        };
    }

    private synchronized void unsubscribe(String group, DropCopyListener listener) {
        List<DropCopyListener> list = listeners.get(group);
        if (list != null && list.remove(listener) && list.isEmpty()) {
            listeners.remove(group);
            for (TargetSession s : sessions.values()) {
                if (s.group().equals(group)) {
                    s.stop();
                }
            }
        }
    }

    synchronized void register(TargetSession session) {
        TargetSession existing = sessions.putIfAbsent(session.name(), session);
        if (existing != null) {
            throw TargetSessionConfig.bad("name", "'" + session.name() + "' is already used by another session configuration");
        }
        if (listeners.containsKey(session.group())) {
            startSession(session);
        }
    }

    synchronized void unregister(TargetSession session) {
        if (sessions.remove(session.name(), session)) {
            session.stop();
        }
    }

    /** Called on the session's QuickFIX/J thread; a listener's exception reaches the session. */
    void dispatch(DropCopyEvent event) throws Exception {
        List<DropCopyListener> list = listeners.get(event.group());
        if (list == null || list.isEmpty()) {
            throw new IllegalStateException("no consumer for drop copy group " + event.group());
        }
        for (DropCopyListener l : list) {
            l.onEvent(event);
        }
        List<DropCopyListener> watching = observers.get(event.group());
        if (watching != null) {
            for (DropCopyListener o : watching) {
                try {
                    o.onEvent(event);
                } catch (Exception | LinkageError e) {
                    LOG.debug("Observer of group {} failed: {}", event.group(), e.toString());
                }
            }
        }
    }

    @Override
    public List<SessionStatus> sessions() {
        List<SessionStatus> all = new ArrayList<>();
        for (TargetSession s : sessions.values()) {
            all.add(s.status());
        }
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return all;
    }

    @Override
    public Optional<SessionStatus> session(String name) {
        TargetSession s = sessions.get(name);
        return s == null ? Optional.empty() : Optional.of(s.status());
    }

    @Override
    public synchronized void connect(String name) {
        TargetSession s = existing(name);
        s.setEnabled(true);
        LOG.info("Drop copy session {} connected by an operator", name);
        if (listeners.containsKey(s.group())) {
            startSession(s);
        }
    }

    @Override
    public synchronized void disconnect(String name) {
        TargetSession s = existing(name);
        s.setEnabled(false);
        s.stop();
        LOG.info("Drop copy session {} disconnected by an operator", name);
    }

    @Override
    public synchronized void resetSequence(String name, String operator) {
        TargetSession s = existing(name);
        if (s.isStarted()) {
            throw new IllegalStateException("session " + name + " is connected: disconnect it first");
        }
        try {
            s.resetSequences();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot reset the sequence numbers of session " + name + ": " + e.getMessage(), e);
        }
        LOG.warn("Drop copy session {}: sequence numbers reset to 1 by {}", name, operator);
    }

    @Override
    public void resend(String name, int from, int to, String operator) {
        existing(name).resend(from, to, operator);
    }

    @Override
    public List<io.dropcopy.session.api.DeadLetter> deadLetters(String name) {
        try {
            return existing(name).deadLetters();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the dead letters of session " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void replayDeadLetter(String name, long seqNum, String operator) throws Exception {
        TargetSession s = existing(name);
        io.dropcopy.session.api.DeadLetter letter = s.deadLetters().stream().filter(d -> d.seqNum() == seqNum)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("session " + name + " has no dead letter "
                        + seqNum));
        if (letter.replayed()) {
            throw new IllegalStateException("dead letter " + letter.id() + " was already replayed");
        }
        DropCopyEvent event;
        try {
            event = io.dropcopy.model.EventTranslator.translate(letter.raw(), s.group(), name);
        } catch (io.dropcopy.model.MalformedMessageException e) {
            throw new IllegalStateException("dead letter " + letter.id() + " still does not translate: " + e.getMessage());
        }
        dispatch(event);
        s.markReplayed(seqNum, operator);
        LOG.warn("Drop copy session {}: dead letter {} replayed by {}", name, seqNum, operator);
    }

    @Override
    public io.dropcopy.session.api.TrialSession trialSession(String name, java.nio.file.Path storeDir,
                                                            DropCopyListener listener) {
        return new TrialSessionImpl(existing(name).config, storeDir, listener);
    }

    private TargetSession existing(String name) {
        TargetSession s = sessions.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no drop copy session named '" + name + "'");
        }
        return s;
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

    @Deactivate
    synchronized void deactivate() {
        sessions.values().forEach(TargetSession::stop);
        sessions.clear();
        listeners.clear();
        observers.clear();
    }
}
