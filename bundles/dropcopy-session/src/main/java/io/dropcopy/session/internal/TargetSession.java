package io.dropcopy.session.internal;

import io.dropcopy.fix.CmeDictionary;
import io.dropcopy.fix.MaskingLogFactory;
import io.dropcopy.session.api.DeadLetter;
import io.dropcopy.session.api.SessionStatus;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.Initiator;
import quickfix.LogFactory;
import quickfix.Message;
import quickfix.MessageStore;
import quickfix.MessageStoreFactory;
import quickfix.SLF4JLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SessionStateListener;
import quickfix.ThreadedSocketInitiator;

/** One CME drop copy target session: a QuickFIX/J FIX 4.2 initiator with a persistent file store. */
final class TargetSession {
    private static final Logger LOG = LoggerFactory.getLogger(TargetSession.class);

    final TargetSessionConfig config;
    private final DropCopyApplication application;
    /** Every delivery of this session's events to its group's consumers goes through it. */
    private final GroupDispatcher dispatcher;
    private final SessionID sessionId;
    private Initiator initiator;
    private volatile ResendWatchdog watchdog;
    private volatile boolean enabled = true;
    private final ManualResend manualResend;
    private final WindowNarrowing narrowing;
    private final ResendBeforeLogout resendBeforeLogout;
    /** QuickFIX/J's message and event logs; always wrapped so the signature never reaches them. */
    private final Function<SessionSettings, LogFactory> logs;

    /** With store = jdbc: the DataSource holding the sequence store; null otherwise. */
    private volatile DataSource dataSource;

    /**
     * Which address QuickFIX/J is given (one at a time, see AddressFailover); guarded by itself, never by this:
     * QuickFIX/J's threads report to it while this is held by an initiator being stopped.
     */
    private final AddressFailover failover;
    /** The initiator generation whose move to another address is already scheduled (guarded by failover). */
    private int moveScheduledFor = -1;
    /** Moves to another address off QuickFIX/J's threads; exists while started. */
    private volatile ScheduledExecutorService failoverExecutor;
    /** Bumped whenever the initiator is replaced or stopped, so events of an old one are ignored. */
    private volatile int generation;

    TargetSession(TargetSessionConfig config, GroupDispatcher dispatcher) {
        this(config, dispatcher, SLF4JLogFactory::new);
    }

    void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    TargetSession(TargetSessionConfig config, GroupDispatcher dispatcher,
                  Function<SessionSettings, LogFactory> logs) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.logs = logs;
        this.application = new DropCopyApplication(config, dispatcher, config.storeDir.resolve("dead-letters"));
        this.application.onDeferredFailure = this::deferredFailed;
        this.manualResend = new ManualResend(config, dispatcher, ManualResend.MAX_CHUNK);
        this.sessionId = new SessionID("FIX.4.2", config.senderCompId, config.senderSubId, config.senderLocationId,
                config.targetCompId, config.targetSubId, null, config.qualifier);
        this.failover = new AddressFailover(config.addresses, config.reconnectInterval * 1000L);
        this.narrowing = new WindowNarrowing(config, application, sessionId);
        this.application.narrowing = narrowing;
        this.resendBeforeLogout = new ResendBeforeLogout(config, sessionId, () -> initiator != null, () -> watchdog, narrowing,
                manualResend, () -> resendInFlight(true));
    }

    GroupDispatcher dispatcher() {
        return dispatcher;
    }

    String name() {
        return config.name;
    }

    String group() {
        return config.group;
    }

    Path deadLetterDir() {
        return config.storeDir.resolve("dead-letters");
    }

    synchronized void start() throws ConfigError, IOException {
        if (failoverExecutor != null) {
            return;
        }
        failoverExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dropcopy-failover-" + config.name);
            t.setDaemon(true);
            return t;
        });
        try {
            startInitiator();
        } catch (ConfigError | IOException | RuntimeException e) {
            failoverExecutor.shutdownNow();
            failoverExecutor = null;
            throw e;
        }
        if ("jdbc".equals(config.store)) {
            failoverExecutor.scheduleWithFixedDelay(() -> {
                CheckpointStore store = application.store;
                if (store != null) {
                    store.flush();
                }
            }, QuickFixSettings.JDBC_CHECKPOINT_MILLIS, QuickFixSettings.JDBC_CHECKPOINT_MILLIS, TimeUnit.MILLISECONDS);
        }
        LOG.info("Drop copy {} started", config);
    }

    private void startInitiator() throws ConfigError, IOException {
        SessionSettings settings = settings(CmeDictionary.writeTo(config.storeDir));
        application.window.restart(); // a new generation: the store below reads the checkpoint back
        MessageStoreFactory stores = CheckpointStore.factory(QuickFixSettings.storeFactory(config, settings, dataSource), application.window,
                config.name, "jdbc".equals(config.store) ? QuickFixSettings.JDBC_CHECKPOINT_MILLIS : 0, s -> application.store = s);
        ThreadedSocketInitiator created = ThreadedSocketInitiator.newBuilder()
                .withApplication(application)
                .withMessageStoreFactory(stores)
                .withSettings(settings)
                .withLogFactory(application.unreadable.tap(manualResend.tap(new MaskingLogFactory(logs.apply(settings)))))
                .withMessageFactory(new DefaultMessageFactory())
                .withQueueCapacity(QuickFixSettings.RECEIVE_QUEUE_CAPACITY)
                .build();
        // first in the chain: it must see the raw bytes before QuickFIX/J's decoder buffers them
        // QuickFIX/J adds its codec before calling this builder: addLast puts the second filter after it, where it
        // sees each frame as the String QuickFIX/J is about to parse
        created.setIoFilterChainBuilder(chain -> {
            chain.addFirst("dropcopy-frame-guard", new FrameGuard(config.name, application.metrics.rejected));
            chain.addLast("dropcopy-unreadable-frames", application.unreadable.filter(sessionId));
            chain.addLast("dropcopy-resend-window", narrowing.filter());
        });
        created.start();
        initiator = created;
        Session session = Session.lookupSession(sessionId);
        application.applyNextExpected(sessionId);
        int mine = ++generation;
        session.addStateListener(new SessionStateListener() {
            @Override
            public void onConnect() {
                synchronized (failover) {
                    failover.connected();
                }
            }

            @Override
            public void onLogon() {
                synchronized (failover) {
                    failover.loggedOn();
                }
            }

            @Override
            public void onConnectException(Exception e) {
                attemptEnded(mine, "connection failed: " + e.getMessage());
            }

            @Override
            public void onDisconnect() {
                attemptEnded(mine, "disconnected");
            }
        });
        watchdog = new ResendWatchdog(config.name, session, application, config.resendTimeout);
        application.watchdog = watchdog;
        manualResend.attach(session);
    }

    /** Called on QuickFIX/J's threads: decides, and leaves the moving to the failover thread. */
    private void attemptEnded(int ofGeneration, String why) {
        ScheduledExecutorService executor = failoverExecutor;
        if (ofGeneration != generation || executor == null) {
            return;
        }
        synchronized (failover) {
            if (moveScheduledFor == ofGeneration) {
                // QuickFIX/J's own reconnect to the address being left, while the move waits out its back-off:
                // counting it would move the failover on once more, out of step with the initiator (seen against
                // the simulator's CGW backup: the session kept retrying the backup, refused while the primary was up)
                return;
            }
            TargetSessionConfig.Address from = failover.current();
            long delay = failover.ended();
            if (delay < 0) {
                return;
            }
            moveScheduledFor = ofGeneration;
            TargetSessionConfig.Address to = failover.current();
            LOG.warn("Drop copy session {}: no logon at {} ({}); trying {} {}", config.name, from, why, to,
                    delay == 0 ? "now" : "in " + delay + " ms");
            try {
                executor.schedule(() -> moveTo(ofGeneration), delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                // the session was stopped meanwhile
            }
        }
    }

    private synchronized void moveTo(int ofGeneration) {
        if (ofGeneration != generation || initiator == null) {
            return;
        }
        stopInitiator();
        try {
            startInitiator();
        } catch (ConfigError | IOException | RuntimeException e) {
            LOG.error("Drop copy session {} cannot start: {}", config.name, e.toString());
        }
    }

    synchronized void stop() {
        resendBeforeLogout.await("stopping");
        if (failoverExecutor != null) {
            failoverExecutor.shutdownNow();
            failoverExecutor = null;
        }
        if (initiator == null) {
            return;
        }
        drainDeferred();
        stopInitiator();
        LOG.info("Drop copy session {} stopped", config.name);
    }

    /** For crash tests: stops at once, as a killed process would, committing nothing of what the consumers hold. */
    synchronized void kill() {
        if (failoverExecutor != null) {
            failoverExecutor.shutdownNow();
            failoverExecutor = null;
        }
        if (initiator != null) {
            stopInitiator();
        }
    }

    /** How long a stop waits for the events its consumers hold to be committed. */
    static final long DRAIN_MILLIS = 10_000;

    /**
     * Before a stop: takes nothing more and gives the consumers a moment to commit what they hold, so the checkpoint is
     * where the stream is. What they do not commit in time comes again on the next start (they drop duplicates).
     */
    private void drainDeferred() {
        CommitWindow window = application.window;
        if (window.inFlight() == 0) {
            return;
        }
        window.close();
        try {
            if (!window.awaitEmpty(DRAIN_MILLIS)) {
                LOG.warn("Drop copy session {}: {} events still not committed after {} ms; they will be resent on the"
                        + " next start", config.name, window.inFlight(), DRAIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A consumer failed an event it had taken (deferred delivery): log out now and log on again after the reconnect
     * interval, from the checkpoint the store holds, so CME resends the failed event and everything after it.
     */
    private void deferredFailed(Throwable cause) {
        ScheduledExecutorService executor = failoverExecutor;
        if (executor == null) {
            return;
        }
        int ofGeneration = generation;
        try {
            executor.execute(() -> rewind(ofGeneration));
        } catch (RejectedExecutionException stopped) {
            // stopped meanwhile: the next start reads the checkpoint anyway
        }
    }

    private synchronized void rewind(int ofGeneration) {
        if (ofGeneration != generation || initiator == null) {
            return;
        }
        CheckpointStore store = application.store;
        resendBeforeLogout.await("logging out after a route failure");
        LOG.warn("Drop copy session {}: logging out after a route failure; logging on again in {} s from seq {}",
                config.name, config.reconnectInterval, store == null ? "?" : store.persistedNextTarget());
        stopInitiator();
        int stoppedAt = generation;
        ScheduledExecutorService executor = failoverExecutor;
        if (executor == null) {
            return;
        }
        try {
            executor.schedule(() -> restartAfterRewind(stoppedAt), config.reconnectInterval,
                    TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopped) {
            // stopped meanwhile
        }
    }

    private synchronized void restartAfterRewind(int ofGeneration) {
        if (ofGeneration != generation || initiator != null || failoverExecutor == null) {
            return;
        }
        try {
            startInitiator();
        } catch (ConfigError | IOException | RuntimeException e) {
            LOG.error("Drop copy session {} cannot start: {}", config.name, e.toString());
        }
    }

    private void stopInitiator() {
        application.window.close(); // a session thread waiting for room gives up, so the initiator can stop
        generation++;
        watchdog.close();
        watchdog = null;
        application.watchdog = null;
        Initiator stopping = initiator;
        initiator = null;
        stopping.stop();
        application.loggedOn = false;
    }

    synchronized boolean isStarted() {
        return failoverExecutor != null;
    }

    boolean isEnabled() {
        return enabled;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Both sequence numbers back to 1 in the store; only while stopped. */
    synchronized void resetSequences() throws IOException {
        if (failoverExecutor != null) {
            throw new IllegalStateException("session " + config.name + " is started");
        }
        SessionSettings settings = settings(config.storeDir.resolve(CmeDictionary.FILE_NAME));
        application.unrecoverableGaps.clear();
        MessageStore store = QuickFixSettings.storeFactory(config, settings, dataSource).create(sessionId);
        try {
            store.reset();
        } finally {
            if (store instanceof Closeable) {
                ((Closeable) store).close();
            }
        }
    }

    /** This session's QuickFIX/J settings, for the address it is at now. */
    SessionSettings settings(Path dictionary) {
        TargetSessionConfig.Address address;
        synchronized (failover) {
            address = failover.current();
        }
        return QuickFixSettings.of(config, sessionId, address, dictionary);
    }

    SessionStatus status() {
        Session session = Session.lookupSession(sessionId);
        boolean started = isStarted();
        boolean loggedOn = started && session != null && session.isLoggedOn();
        int nextSender = 0;
        int nextTarget = 0;
        if (session != null && started) {
            nextSender = session.getExpectedSenderNum();
            nextTarget = session.getExpectedTargetNum();
        }
        String state = !enabled ? "DISCONNECTED" : !started ? "STOPPED" : loggedOn ? "LOGGED_ON" : "CONNECTING";
        SessionMetrics metrics = application.metrics;
        return metrics.addTo(new SessionStatus(config.name, config.group, state, loggedOn, config.addressList(),
                nextSender, nextTarget, metrics.received.get(), metrics.deadLettered.get(), metrics.refusedSends.get(),
                enabled, metrics.lastMessageTime(), resendInFlight(started),
                application.unrecoverableGaps.list(), addressInUse(session, started)))
                .withStreamProblems(resendStalled(started), application.unreadable.skipped())
                .withDeferred(application.window.inFlight(), persistedNextTarget(started));
    }

    private int persistedNextTarget(boolean started) {
        CheckpointStore store = application.store;
        return started && store != null ? store.persistedNextTarget() : 0;
    }

    private static String addressInUse(Session session, boolean started) {
        if (!started || session == null || !session.hasResponder()) {
            return null;
        }
        String remote = session.getResponder().getRemoteAddress();
        return remote == null ? null : remote.replaceFirst("^[^/]*/", "");
    }

    private String resendStalled(boolean started) {
        ResendWatchdog w = watchdog;
        return started && w != null ? w.stalled() : null;
    }

    private String resendInFlight(boolean started) {
        ResendWatchdog w = watchdog;
        String gap = started && w != null ? w.inFlight() : null;
        if (gap != null) {
            return gap;
        }
        String manual = manualResend.describe();
        return manual == null ? null : "manual " + manual;
    }

    /** An operator's resend of from..to, already received: delivered to the group's consumers again. */
    void resend(int from, int to, String operator) {
        manualResend.start(from, to, operator);
    }

    ManualResend manualResend() {
        return manualResend;
    }

    List<DeadLetter> deadLetters() throws IOException {
        return application.deadLetters.read();
    }

    void markReplayed(long seqNum, String operator) throws IOException {
        application.deadLetters.markReplayed(seqNum, operator);
    }

    /** For the read-only guard's test: what any bug or route would do to send an application message. */
    boolean trySend(Message message) {
        return Session.lookupSession(sessionId) != null && Session.lookupSession(sessionId).send(message);
    }
}
