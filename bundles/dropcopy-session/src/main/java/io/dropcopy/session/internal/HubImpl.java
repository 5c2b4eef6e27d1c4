package io.dropcopy.session.internal;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.DropCopyListener;
import io.dropcopy.session.api.SessionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    TargetSession session(String name) {
        return sessions.get(name);
    }

    private void startGroup(String group) {
        for (TargetSession s : sessions.values()) {
            if (s.group().equals(group)) {
                startSession(s);
            }
        }
    }

    private static void startSession(TargetSession s) {
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
    }
}
