package io.dropcopy.session.internal;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.MalformedMessageException;
import io.dropcopy.session.api.DeadLetter;
import io.dropcopy.session.api.DeferredDropCopyListener;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.DropCopyListener;
import io.dropcopy.session.api.GroupOwnership;
import io.dropcopy.session.api.SessionStatus;
import io.dropcopy.session.api.TrialSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups target sessions and their consumers. A session is started when its group has a consumer (and, in a
 * cluster, this node owns the group: {@link GroupControl}) and stopped when the last one leaves, so a message is only
 * ever accepted when something will take it.
 *
 * <p>Clustered when {@code etc/io.dropcopy.cluster.cfg} names ZooKeeper nodes: then no group runs here until the
 * cluster's {@link GroupOwnership} service elects this node, not even while that service is starting.
 */
@Component(service = {DropCopyHub.class, HubImpl.class}, immediate = true, configurationPid = HubImpl.CLUSTER_PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class HubImpl implements DropCopyHub {
    private static final Logger LOG = LoggerFactory.getLogger(HubImpl.class);
    /** The cluster configuration; its {@code zookeeper} key switches clustering on. */
    static final String CLUSTER_PID = "io.dropcopy.cluster";

    private final GroupControl control = new GroupControl(this, new GroupControl.Sessions() {
        @Override
        public void start(String group) {
            startGroup(group);
        }

        @Override
        public void stop(String group) {
            stopGroup(group);
        }
    });
    private boolean clustered;
    private GroupOwnership clusterService;
    /** While clustered: spreads the groups over the nodes now and then (GroupControl.rebalance). */
    private ScheduledExecutorService rebalancer;

    private final Map<String, TargetSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, List<Subscriber>> listeners = new ConcurrentHashMap<>();

    /** A consumer of a group: synchronous ({@link DropCopyListener}) or deferred, with its in-flight window. */
    private static final class Subscriber {
        final DropCopyListener sync;
        final DeferredDropCopyListener deferred;
        final int maxInFlight;

        Subscriber(DropCopyListener sync, DeferredDropCopyListener deferred, int maxInFlight) {
            this.sync = sync;
            this.deferred = deferred;
            this.maxInFlight = maxInFlight;
        }
    }
    private final Map<String, List<DropCopyListener>> observers = new ConcurrentHashMap<>();

    @Override
    public AutoCloseable subscribe(String group, DropCopyListener listener) {
        return add(group, new Subscriber(listener, null, 0));
    }

    @Override
    public AutoCloseable subscribeDeferred(String group, int maxInFlight,
                                           DeferredDropCopyListener listener) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        return add(group, new Subscriber(null, listener, maxInFlight));
    }

    private AutoCloseable add(String group, Subscriber subscriber) {
        int subscribed;
        int required;
        synchronized (this) {
            List<Subscriber> list = listeners.computeIfAbsent(group, g -> new CopyOnWriteArrayList<>());
            list.add(subscriber);
            subscribed = list.size();
            required = consumersRequired(group);
            consumersChanged(group);
        }
        LOG.info("Consumer subscribed to drop copy group {}{} ({} of {} the sessions wait for)", group,
                subscriber.deferred != null ? " (deferred, up to " + subscriber.maxInFlight + " in flight)" : "",
                subscribed, required);
        return () -> unsubscribe(group, subscriber);
    }

    /**
     * The group runs only while at least as many consumers as its sessions' {@code consumers} setting are subscribed:
     * every message goes to every consumer, so a route subscribing after the logon would miss what the others got.
     */
    private void consumersChanged(String group) {
        List<Subscriber> list = listeners.get(group);
        int subscribed = list == null ? 0 : list.size();
        boolean enough = subscribed > 0 && subscribed >= consumersRequired(group);
        if (!enough) {
            if (subscribed == 0) {
                listeners.remove(group);
            }
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

    private int consumers(String group) {
        List<Subscriber> list = listeners.get(group);
        return list == null ? 0 : list.size();
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

    private synchronized void unsubscribe(String group, Subscriber listener) {
        List<Subscriber> list = listeners.get(group);
        if (list != null && list.remove(listener)) {
            consumersChanged(group);
        }
    }

    synchronized void register(TargetSession session) {
        TargetSession existing = sessions.putIfAbsent(session.name(), session);
        if (existing != null) {
            throw TargetSessionConfig.bad("name", "'" + session.name() + "' is already used by another session configuration");
        }
        if (consumers(session.group()) > 0) {
            consumersChanged(session.group()); // its consumers setting may ask for more routes than are there
        }
        if (control.runs(session.group())) {
            startSession(session);
        }
    }

    synchronized void unregister(TargetSession session) {
        if (sessions.remove(session.name(), session)) {
            session.stop();
            if (consumers(session.group()) > 0) {
                consumersChanged(session.group()); // fewer routes may be enough now
            }
        }
    }

    /**
     * Synchronous hand-over (dead letter replay): returns once every consumer committed the event, waiting for the
     * deferred ones (up to a minute); a consumer's failure is thrown.
     */
    void dispatch(DropCopyEvent event) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        dispatch(event, new DropCopyApplication.Completion() {
            @Override
            public void committed() {
                done.complete(null);
            }

            @Override
            public void failed(Throwable cause) {
                done.completeExceptionally(cause);
            }
        });
        try {
            done.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ? (Exception) cause : new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a consumer of group " + event.group() + " did not commit the event within 60 s");
        }
    }

    /**
     * Called on the session's QuickFIX/J thread: hands the event to every consumer of its group. A synchronous
     * consumer's exception is thrown (not handed over); the completion is called once every consumer committed it,
     * or with the first failure of a deferred one. Observers see it once it is committed.
     */
    void dispatch(DropCopyEvent event, DropCopyApplication.Completion completion) throws Exception {
        List<Subscriber> list = listeners.get(event.group());
        if (list == null || list.isEmpty()) {
            throw new IllegalStateException("no consumer for drop copy group " + event.group());
        }
        if (list.size() == 1 && list.get(0).sync != null) { // the common case, without the counting below
            list.get(0).sync.onEvent(event);
            observed(event);
            completion.committed();
            return;
        }
        if (list.size() == 1) { // one deferred consumer: its completion is the session's (which counts once)
            try {
                list.get(0).deferred.onEvent(event, new DropCopyApplication.Completion() {
                    @Override
                    public void committed() {
                        observed(event);
                        completion.committed();
                    }

                    @Override
                    public void failed(Throwable cause) {
                        completion.failed(cause);
                    }
                });
            } catch (Exception | LinkageError e) {
                completion.failed(e);
            }
            return;
        }
        Joint joint = new Joint(list.size(), event, completion);
        for (Subscriber s : list) {
            if (s.sync != null) {
                s.sync.onEvent(event);
                joint.committed();
            } else {
                try {
                    s.deferred.onEvent(event, joint.part());
                } catch (Exception | LinkageError e) {
                    joint.failed(e);
                }
            }
        }
    }

    /** Counts the consumers' commits of one event; the first failure fails it. */
    private final class Joint {
        private final AtomicInteger left;
        private final AtomicBoolean over = new AtomicBoolean();
        private final DropCopyEvent event;
        private final DropCopyApplication.Completion completion;

        Joint(int parts, DropCopyEvent event, DropCopyApplication.Completion completion) {
            this.left = new AtomicInteger(parts);
            this.event = event;
            this.completion = completion;
        }

        void committed() {
            if (left.decrementAndGet() == 0 && over.compareAndSet(false, true)) {
                observed(event);
                completion.committed();
            }
        }

        void failed(Throwable cause) {
            if (over.compareAndSet(false, true)) {
                completion.failed(cause);
            }
        }

        /** One consumer's share: counts once, whatever it calls. */
        DeferredDropCopyListener.Completion part() {
            AtomicBoolean called = new AtomicBoolean();
            return new DeferredDropCopyListener.Completion() {
                @Override
                public void committed() {
                    if (called.compareAndSet(false, true)) {
                        Joint.this.committed();
                    }
                }

                @Override
                public void failed(Throwable cause) {
                    if (called.compareAndSet(false, true)) {
                        Joint.this.failed(cause);
                    }
                }
            };
        }
    }

    private void observed(DropCopyEvent event) {
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

    /** The session-side dispatcher: sync and deferred hand-over, and the group's in-flight window. */
    DropCopyApplication.Dispatcher dispatcher() {
        return new DropCopyApplication.Dispatcher() {
            @Override
            public void dispatch(DropCopyEvent event) throws Exception {
                HubImpl.this.dispatch(event);
            }

            @Override
            public void dispatch(DropCopyEvent event, DropCopyApplication.Completion completion) throws Exception {
                HubImpl.this.dispatch(event, completion);
            }

            @Override
            public int maxInFlight(String group) {
                List<Subscriber> list = listeners.get(group);
                int max = Integer.MAX_VALUE;
                if (list != null) {
                    for (Subscriber s : list) {
                        if (s.deferred != null) {
                            max = Math.min(max, s.maxInFlight);
                        }
                    }
                }
                return max == Integer.MAX_VALUE ? DEFAULT_MAX_IN_FLIGHT : max;
            }
        };
    }

    @Override
    public List<SessionStatus> sessions() {
        List<SessionStatus> all = new ArrayList<>();
        for (TargetSession s : sessions.values()) {
            all.add(s.status().withConsumers(consumers(s.group()), consumersRequired(s.group())));
        }
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return all;
    }

    @Override
    public Optional<SessionStatus> session(String name) {
        TargetSession s = sessions.get(name);
        return s == null ? Optional.empty()
                : Optional.of(s.status().withConsumers(consumers(s.group()), consumersRequired(s.group())));
    }

    @Override
    public synchronized void connect(String name) {
        TargetSession s = existing(name);
        s.setEnabled(true);
        LOG.info("Drop copy session {} connected by an operator", name);
        if (control.runs(s.group())) {
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
        } catch (IOException e) {
            throw new IllegalStateException("cannot reset the sequence numbers of session " + name + ": " + e.getMessage(), e);
        }
        LOG.warn("Drop copy session {}: sequence numbers reset to 1 by {}", name, operator);
    }

    @Override
    public void resend(String name, int from, int to, String operator) {
        existing(name).resend(from, to, operator);
    }

    @Override
    public List<DeadLetter> deadLetters(String name) {
        try {
            return existing(name).deadLetters();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the dead letters of session " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void replayDeadLetter(String name, long seqNum, String operator) throws Exception {
        TargetSession s = existing(name);
        DeadLetter letter = s.deadLetters().stream().filter(d -> d.seqNum() == seqNum)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("session " + name + " has no dead letter "
                        + seqNum));
        if (letter.replayed()) {
            throw new IllegalStateException("dead letter " + letter.id() + " was already replayed");
        }
        DropCopyEvent event;
        try {
            event = EventTranslator.translate(letter.raw(), s.group(), name);
        } catch (MalformedMessageException e) {
            throw new IllegalStateException("dead letter " + letter.id() + " still does not translate: " + e.getMessage());
        }
        dispatch(event);
        s.markReplayed(seqNum, operator);
        LOG.warn("Drop copy session {}: dead letter {} replayed by {}", name, seqNum, operator);
    }

    @Override
    public TrialSession trialSession(String name, Path storeDir,
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

    @Override
    public Map<String, String> groupOwnership() {
        return control.states();
    }

    @Override
    public String ownershipDescription() {
        GroupOwnership o = control.ownership();
        String how = o == null ? "clustered, waiting for the cluster service" : o.describe();
        return control.drained() ? how + " (drained)" : how;
    }

    @Override
    public Optional<String> groupOwner(String group) {
        GroupOwnership o = control.ownership();
        return o == null ? Optional.empty() : o.owner(group);
    }

    @Override
    public void drain(String operator) {
        LOG.warn("Drop copy node drained by {}: its groups log out and leave their elections", operator);
        control.drain(true);
    }

    @Override
    public void undrain(String operator) {
        LOG.warn("Drop copy node undrained by {}: its groups join their elections again", operator);
        control.drain(false);
    }

    @Override
    public boolean drained() {
        return control.drained();
    }

    @Activate
    @Modified
    synchronized void configure(Map<String, Object> properties) {
        Object zk = properties == null ? null : properties.get("zookeeper");
        clustered = zk != null && !zk.toString().isBlank();
        control.ownership(clustered ? clusterService : GroupControl.LOCAL);
        rebalancing(clustered);
    }

    private void rebalancing(boolean on) {
        if (on && rebalancer == null) {
            rebalancer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dropcopy-rebalance");
                t.setDaemon(true);
                return t;
            });
            rebalancer.scheduleWithFixedDelay(() -> {
                try {
                    control.rebalance(System.currentTimeMillis());
                } catch (RuntimeException e) {
                    LOG.warn("Drop copy rebalancing failed: {}", e.toString());
                }
            }, 5, 5, TimeUnit.SECONDS);
        } else if (!on && rebalancer != null) {
            rebalancer.shutdownNow();
            rebalancer = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindOwnership(GroupOwnership ownership) {
        clusterService = ownership;
        if (clustered) {
            control.ownership(ownership);
        }
    }

    synchronized void unbindOwnership(GroupOwnership ownership) {
        if (clusterService != ownership) {
            return;
        }
        clusterService = null;
        // Clustered still: without its election service this node must not run any group (another node may).
        if (clustered) {
            control.ownership(null);
        }
    }

    /** Without a DS runtime (tests, a plain JVM): clustered with the given election service, or single-node (null). */
    synchronized void useOwnership(GroupOwnership ownership) {
        clustered = ownership != null;
        clusterService = ownership;
        control.ownership(ownership == null ? GroupControl.LOCAL : ownership);
        rebalancing(clustered);
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

    @Deactivate
    synchronized void deactivate() {
        rebalancing(false);
        control.drain(true); // logs out the groups owned here, then leaves their elections
        sessions.values().forEach(TargetSession::stop);
        sessions.clear();
        listeners.clear();
        observers.clear();
    }
}
