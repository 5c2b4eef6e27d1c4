package io.dropcopy.session.internal;

import io.dropcopy.fix.CmeDictionary;
import io.dropcopy.fix.CmeSessionSettings;
import io.dropcopy.fix.MaskingLogFactory;
import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.DeadLetter;
import io.dropcopy.session.api.SessionStatus;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
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
import quickfix.FileStoreFactory;
import quickfix.Initiator;
import quickfix.JdbcStoreFactory;
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
            }, JDBC_CHECKPOINT_MILLIS, JDBC_CHECKPOINT_MILLIS, TimeUnit.MILLISECONDS);
        }
        LOG.info("Drop copy {} started", config);
    }

    private void startInitiator() throws ConfigError, IOException {
        SessionSettings settings = settings(CmeDictionary.writeTo(config.storeDir));
        application.window.restart(); // a new generation: the store below reads the checkpoint back
        MessageStoreFactory stores = CheckpointStore.factory(storeFactory(settings), application.window,
                config.name, "jdbc".equals(config.store) ? JDBC_CHECKPOINT_MILLIS : 0, s -> application.store = s);
        ThreadedSocketInitiator created = ThreadedSocketInitiator.newBuilder()
                .withApplication(application)
                .withMessageStoreFactory(stores)
                .withSettings(settings)
                .withLogFactory(application.unreadable.tap(manualResend.tap(new MaskingLogFactory(logs.apply(settings)))))
                .withMessageFactory(new DefaultMessageFactory())
                .withQueueCapacity(RECEIVE_QUEUE_CAPACITY)
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
        awaitResendFulfilled("stopping");
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

    /**
     * CME: wait for a resend in flight to be fulfilled before logging out or failing over. Every logout this side
     * starts (an operator's disconnect, a drain, a reconfiguration, a shutdown, a rewind after a route failure) comes
     * through here; the wait is bounded by the resend timeout (what the watchdog waits before asking again), and
     * ends early when the connection is gone anyway.
     */
    private void awaitResendFulfilled(String why) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(config.resendTimeout);
        boolean waited = false;
        while (resendOpen()) {
            if (System.nanoTime() - deadline > 0) {
                LOG.warn("Drop copy session {}: {} with resend {} still in flight after {} s", config.name, why,
                        resendInFlight(true), config.resendTimeout);
                return;
            }
            if (!waited) {
                LOG.info("Drop copy session {}: {}: waiting up to {} s for resend {} to be fulfilled first",
                        config.name, why, config.resendTimeout, resendInFlight(true));
                waited = true;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Logged on with a resend of ours in flight (a gap being recovered, a window probe, an operator's resend). */
    private boolean resendOpen() {
        Session session = initiator == null ? null : Session.lookupSession(sessionId);
        if (session == null || !session.isLoggedOn()) {
            return false;
        }
        ResendWatchdog w = watchdog;
        int expected = session.getExpectedTargetNum();
        boolean gapOpen = w != null && w.begin() != 0 && (w.gapEnd() == 0 || expected <= w.gapEnd());
        // QuickFIX/J calls a resend satisfied on the message that ends it, before that message reaches the routes
        boolean lastInHand = w != null && w.satisfiedEnd() != 0 && expected <= w.satisfiedEnd();
        return gapOpen || lastInHand || narrowing.active() || manualResend.describe() != null;
    }

    /**
     * With store = jdbc, commits of deferred deliveries move the persisted checkpoint at most this often (each write is
     * a database commit); the file store writes at every move (a plain write, no fsync).
     */
    static final long JDBC_CHECKPOINT_MILLIS = 50;
    /**
     * Parsed messages waiting for the session's thread: small, because every queued message is kept alive and copied
     * at each young collection during a burst or a replay; a full queue makes the socket reader wait, so TCP slows CME
     * down and nothing is lost.
     */
    static final int RECEIVE_QUEUE_CAPACITY = 1000;
    /**
     * QuickFIX/J does not validate incoming messages against the dictionary (it still parses with it): a message it
     * found invalid (an unexpected value, a missing field) would be answered with a session-level Reject and never
     * reach fromApp, so a fill could be lost without a trace. Every business message reaches the model instead, which
     * translates it or dead-letters it with the reason; session messages are still checked by QuickFIX/J's session
     * logic.
     */
    static final String VALIDATE_INCOMING = "ValidateIncomingMessage";

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
        awaitResendFulfilled("logging out after a route failure");
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
        MessageStore store = storeFactory(settings).create(sessionId);
        try {
            store.reset();
        } finally {
            if (store instanceof Closeable) {
                ((Closeable) store).close();
            }
        }
    }

    /** The sequence store: QuickFIX/J's file store under storeDir, or its JDBC store in the configured DataSource. */
    private MessageStoreFactory storeFactory(SessionSettings settings) throws IOException {
        if (!"jdbc".equals(config.store)) {
            return new FileStoreFactory(settings);
        }
        DataSource ds = dataSource;
        if (ds == null) {
            throw new IOException("store = jdbc but no DataSource service matches dataSource.target"
                    + " (default: (dataSourceName=dropcopy))");
        }
        JdbcStoreSchema.create(ds);
        JdbcStoreFactory factory = new JdbcStoreFactory(settings);
        factory.setDataSource(ds);
        return factory;
    }

    SessionSettings settings(Path dictionary) {
        SessionSettings s = new SessionSettings();
        s.setString(sessionId, "ConnectionType", "initiator");
        s.setString(sessionId, "BeginString", "FIX.4.2");
        TargetSessionConfig.WeeklySchedule week = config.schedule;
        if (week == null) {
            CmeSessionSettings.alwaysOn(s, sessionId);
        } else {
            // A weekly session: connected only during CME's week; a new week starts both sequences at 1,
            // a restart within the week keeps them (the store remembers when its week began).
            s.setString(sessionId, "NonStopSession", "N");
            s.setString(sessionId, "StartDay", week.startDay.getDisplayName(TextStyle.FULL, Locale.US));
            s.setString(sessionId, "EndDay", week.endDay.getDisplayName(TextStyle.FULL, Locale.US));
            s.setString(sessionId, "StartTime", week.startTime.toString().length() == 5 ? week.startTime + ":00" : week.startTime.toString());
            s.setString(sessionId, "EndTime", week.endTime.toString().length() == 5 ? week.endTime + ":00" : week.endTime.toString());
            s.setString(sessionId, "TimeZone", week.zone.getId());
        }
        s.setLong(sessionId, "HeartBtInt", config.heartbeatInterval);
        s.setLong(sessionId, "ReconnectInterval", config.reconnectInterval);
        // One address at a time: AddressFailover, not QuickFIX/J, decides when to move to the next.
        TargetSessionConfig.Address address;
        synchronized (failover) {
            address = failover.current();
        }
        s.setString(sessionId, "SocketConnectHost", address.host);
        s.setLong(sessionId, "SocketConnectPort", address.port);
        s.setString(sessionId, "FileStorePath", config.storeDir.resolve("store").toString());
        s.setString(sessionId, "JdbcStoreSessionsTableName", JdbcStoreSchema.SESSIONS);
        s.setString(sessionId, "JdbcStoreMessagesTableName", JdbcStoreSchema.MESSAGES);
        CmeSessionSettings.applyDialect(s, sessionId, dictionary);
        s.setBool(sessionId, VALIDATE_INCOMING, false);
        // CME serves at most 2,500 messages per resend request; QuickFIX/J chunks the gap for us.
        s.setLong(sessionId, "ResendRequestChunkSize", 2500);
        // We never send application messages: CME's resend requests are answered with gap fills (35=4, 123=Y).
        s.setString(sessionId, "PersistMessages", "N");
        s.setString(sessionId, "SLF4JLogHeartbeats", "N");
        return s;
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
