package io.dropcopy.simulator;

import io.dropcopy.fix.CmeDictionary;
import io.dropcopy.fix.CmeSessionSettings;
import io.dropcopy.fix.LogonSigner;
import io.dropcopy.fix.MaskingLogFactory;
import io.dropcopy.model.DropCopyUnwrapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.mina.core.service.IoAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.IncorrectDataFormat;
import quickfix.IncorrectTagValue;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.SLF4JLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketAcceptor;
import quickfix.UnsupportedMessageType;

/**
 * A CME Globex Drop Copy 4.0 target session, CME side: a QuickFIX/J FIX 4.2 acceptor that accepts one client
 * comp id, checks its secure logon (HMAC-SHA256, {@link LogonSigner#verify}) and, while the client is logged
 * on, streams execution reports wrapped as CME does ({@code 35=n}, XmlDataLen(212), XmlData(213) =
 * {@code <RTRF>}inner FIX message{@code </RTRF>}): the default synthetic stream, the realistic scenario
 * ({@link RealisticOrders}) or a recorded file replayed ({@link Recording}).
 *
 * <p>CME's session layer as the simulator plays it: Resend Requests of at most {@value #MAX_RESEND} messages
 * ({@code 16=0} served as "up to 2,500", a larger closed range rejected), within a resend window (48 hours), one at a
 * time; every Logout carries NextExpectedMsgSeqNum(789); Test Request after silence, disconnect when unanswered
 * (QuickFIX/J, multipliers configurable). Faults on demand, each a method here: {@link #disconnect()},
 * {@link #primaryDown(Duration)}, {@link #forceLogout(String)}, {@link #refuseLogons(int, String)},
 * {@link #jumpSequence(int)}, {@link #failover(int)}, {@link #dropMessages(int)}, {@link #sendBacklog(int)},
 * {@link #suspendReading(Duration)}, {@link #throttle(double)}, {@link #ignoreResendRequests(int)},
 * {@link #resendWindow(Duration)}, {@link #possResend(int)}, {@link #weeklyReset()}; and
 * {@link #startRecording(Path)} / {@link #replay(Path, double)}.
 *
 * <p>Sequence numbers (QuickFIX/J FileStore) and the position of the stream both live in
 * {@link SimulatorConfig#storeDir()}, so a restart continues both. Plain Java, no OSGi types. Thread-safe.
 */
public final class CmeSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CmeSimulator.class);

    static final String BEGIN_STRING = "FIX.4.2";
    static final String XML_NON_FIX = "n";
    private static final int SENDER_SUB_ID = 50;
    private static final int TARGET_SUB_ID = 57;
    private static final int XML_DATA_LEN = 212;
    private static final int XML_DATA = 213;
    private static final int POSS_RESEND = 97;
    private static final int TEXT = 58;
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int BEGIN_SEQ_NO = 7;
    private static final int END_SEQ_NO = 16;
    private static final int NEXT_EXPECTED_MSG_SEQ_NUM = 789;
    private static final int POSS_DUP_FLAG = 43;
    /** CME's limit on one Resend Request. */
    public static final int MAX_RESEND = 2500;
    /** CME's sequence jump after a failover to the backup, as in certification. */
    public static final int FAILOVER_JUMP = 4000;
    /** Text of the Logout of {@link #weeklyReset()}. */
    public static final String WEEKLY_RESET_TEXT = "Weekly reset: both sequence numbers start again at 1";
    private static final long MAX_PACING_LAG_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int RECENT = 1000;
    private static final String REQUEST_TIME = "\u00015979=";

    private final SimulatorConfig config;
    private final SessionID sessionId;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong possResendsSent = new AtomicLong();
    /** Serializes the generator thread and {@link #sendBacklog}: one position, one stream. */
    private final Object streamLock = new Object();
    /** Resend Requests received from the client: {BeginSeqNo, EndSeqNo, 1 if PossDupFlag(43)=Y else 0}. */
    private final List<int[]> resendRequests = new CopyOnWriteArrayList<>();
    private final AtomicLong resendsRejected = new AtomicLong();
    /** CME resends only messages of the last 48 hours (from the Sunday start-up); older requests are rejected. */
    private volatile Duration resendWindow;
    /** How many of the next Resend Requests go unanswered, as when CME loses one. */
    private final AtomicInteger resendsToIgnore = new AtomicInteger();
    private final WireFilter wire;
    private final LogonWatch logonWatch = new LogonWatch();
    private final GatewayGate gate = new GatewayGate(new Gate());
    /** CGW: the addresses QuickFIX/J's acceptor listens on; the backup is null without one. */
    private volatile SocketAddress primaryAddress;
    private volatile SocketAddress backupAddress;
    /** True after a failover to the backup: the backup is the active gateway, the primary the standby. */
    private volatile boolean backupActive;
    private final AtomicLong failovers = new AtomicLong();
    private final AtomicLong cmeResendRequests = new AtomicLong();
    private final Random faultRandom;
    /** The last inner messages sent in real time (guarded by streamLock), copied by PossResend duplicates. */
    private final ArrayDeque<String> recent = new ArrayDeque<>();
    private final Queue<String> duplicates = new ConcurrentLinkedQueue<>();
    private long liveMessages;
    private boolean lastWasLive;
    private final AtomicInteger logonsToRefuse = new AtomicInteger();
    private volatile String refuseText = "Logon refused";
    private volatile boolean reenableAfterLogout;
    private volatile boolean weeklyResetPending;
    private volatile Instant downUntil;
    private final AtomicLong logons = new AtomicLong();

    private SocketAcceptor acceptor;
    private List<SocketAddress> listening = List.of();
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> upAgain;
    private volatile Session session;
    private volatile Thread generator;
    private volatile boolean running;
    private volatile boolean finished;
    private volatile MessageSource source;
    /** The stream a runtime {@link #replay} interrupted, resumed when the replay ends (guarded by streamLock). */
    private MessageSource interrupted;
    /** The client's SenderSubID(50) from its Logon, echoed in 57 as CME does; null until a logon. */
    private volatile String clientSubId;

    public CmeSimulator(SimulatorConfig config) {
        this.config = config.validate();
        this.sessionId = new SessionID(BEGIN_STRING, config.senderCompId(), config.targetCompId());
        this.resendWindow = config.resendWindow();
        this.wire = new WireFilter(config.displayName());
        this.faultRandom = new Random(config.seed());
        wire.dropEvery(config.dropEvery());
        wire.throttle(config.throttle());
    }

    public SimulatorConfig config() {
        return config;
    }

    /** The simulator's name ({@link SimulatorConfig#displayName()}). */
    public String name() {
        return config.displayName();
    }

    /**
     * Listens on host:port and starts the generator (which waits for a logon).
     *
     * @throws IllegalStateException when the store cannot be read or the port cannot be bound
     */
    public synchronized void start() {
        if (acceptor != null) {
            return;
        }
        SocketAcceptor a = null;
        MessageSource src = null;
        try {
            Files.createDirectories(config.storeDir());
            src = openSource();
            Path dictionary = CmeDictionary.writeTo(config.storeDir());
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dropcopy-simulator-faults-" + config.displayName());
                t.setDaemon(true);
                return t;
            });
            SessionSettings settings = settings(dictionary);
            a = new SocketAcceptor(new CmeApplication(), new FileStoreFactory(settings), settings,
                    new MaskingLogFactory(new SLF4JLogFactory(settings)), new DefaultMessageFactory());
            // between QuickFIX/J's codec and its session: the wire faults and the recorder see every message
            a.setIoFilterChainBuilder(chain -> {
                chain.addLast("dropcopy-simulator-gateway", gate);
                chain.addLast("dropcopy-simulator-logons", logonWatch);
                chain.addLast("dropcopy-simulator-wire", wire);
            });
            wire.reopen();
            a.start();
            // this connector's own session, not QuickFIX/J's JVM-wide registry (Session.lookupSession)
            session = a.getManagedSessions().stream().filter(x -> sessionId.equals(x.getSessionID()))
                    .findFirst().orElseThrow(() -> new ConfigError("no session " + sessionId));
            List<SocketAddress> addresses = new ArrayList<>();
            for (IoAcceptor io : a.getEndpoints()) {
                addresses.addAll(io.getLocalAddresses());
            }
            primaryAddress = addresses.isEmpty() ? null : addresses.get(0);
            backupAddress = null;
            backupActive = false;
            if (config.backupPort() > 0) {
                // the backup gateway: the same acceptor (so the same session, sequence stream and store) on a
                // second address; the gate refuses Logons on whichever address is not active
                SocketAddress backup = new InetSocketAddress(config.backupHost(), config.backupPort());
                IoAcceptor io = a.getEndpoints().iterator().next();
                io.bind(backup);
                for (SocketAddress bound : io.getLocalAddresses()) {
                    if (!addresses.contains(bound)) {
                        backupAddress = bound;
                        addresses.add(bound);
                    }
                }
            }
            listening = List.copyOf(addresses);
            acceptor = a;
            source = src;
            if (config.record() != null) {
                startRecording(config.record());
            }
        } catch (IOException | ConfigError | RuntimeException e) {
            if (a != null) {
                // A failed bind leaves QuickFIX/J's session and timer behind. QuickFIX/J 2.3.1's stop() then
                // throws a NullPointerException (no message thread yet), after having cleaned up in a finally.
                try {
                    a.stop(true);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            acceptor = null;
            closeQuietly(src);
            wire.shutdown();
            session = null;
            if (scheduler != null) {
                scheduler.shutdownNow();
                scheduler = null;
            }
            throw new IllegalStateException("cannot start the drop copy simulator on " + addressText() + " (store "
                    + config.storeDir() + "): " + rootMessage(e), e);
        }
        if (config.disconnectEvery() > 0) {
            long every = Math.max(1, (long) (config.disconnectEvery() * 1000));
            scheduler.scheduleAtFixedRate(() -> {
                if (isLoggedOn()) {
                    LOG.warn("Simulator {}: periodic disconnect (disconnectEvery={} s)", name(), config.disconnectEvery());
                    wire.closeNow();
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }
        running = true;
        finished = false;
        Thread t = new Thread(this::generate, "dropcopy-simulator-" + config.targetCompId());
        t.setDaemon(true);
        generator = t;
        t.start();
        SimulatorRegistry.register(this);
        LOG.info("Drop copy simulator {} listening on {} for {} (next: {}, {} msg/s, orders {}, store {})",
                name(), addressText(), sessionId, source.position(), rateText(), ordersText(), config.storeDir());
    }

    private MessageSource openSource() throws IOException {
        MessageSource s = openUnfiltered();
        return config.segmentId() == null ? s : new SegmentFilter(s, config);
    }

    private MessageSource openUnfiltered() throws IOException {
        if (config.replay() != null) {
            return new MessageSource.Replay(config.replay(), config.replaySpeed());
        }
        if (config.scenario() == SimulatorConfig.Scenario.REALISTIC) {
            return new MessageSource.Realistic(config.storeDir().resolve(MessageSource.Realistic.FILE_NAME),
                    config.seed(), config.orders());
        }
        return new MessageSource.Default(config.storeDir().resolve(GeneratorState.FILE_NAME), config.orders());
    }

    /** Stops the generator (saving its position), logs the client out and closes the port. Idempotent. */
    public synchronized void stop() {
        running = false;
        Thread t = generator;
        generator = null;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("Drop copy simulator generator thread {} did not stop within 10 s", t.getName());
            }
        }
        ScheduledExecutorService sch = scheduler;
        scheduler = null;
        if (sch != null) {
            sch.shutdownNow();
        }
        SimulatorRegistry.unregister(this);
        SocketAcceptor a = acceptor;
        acceptor = null;
        downUntil = null;
        upAgain = null;
        if (a != null) {
            a.stop(false);
            LOG.info("Drop copy simulator for {} stopped after sending {} messages (next: {})", sessionId,
                    sent.get(), position());
        }
        session = null;
        stopRecording();
        wire.shutdown();
        synchronized (streamLock) {
            closeQuietly(interrupted);
            interrupted = null;
            closeQuietly(source);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Business messages of the stream handed to QuickFIX/J by this instance since it was created. */
    /**
     * The most client connections that were logged on (had sent a Logon and were still open) at the same time since
     * this simulator was created: more than 1 means two clients competed for this target session.
     */
    public int maxConcurrentLogons() {
        return logonWatch.max();
    }

    /** Logons received (one per connection) since this simulator was created, refused ones included. */
    public int logonAttempts() {
        return logonWatch.attempts();
    }

    public long sentCount() {
        return sent.get();
    }

    /** PossResend (97=Y) copies sent ({@link #possResend}, {@link SimulatorConfig#possResendEvery()}). */
    public long possResendCount() {
        return possResendsSent.get();
    }

    public boolean isLoggedOn() {
        Session s = session;
        return s != null && s.isLoggedOn();
    }

    public boolean isRunning() {
        return running;
    }

    /** True once the stream has ended: the last of {@link SimulatorConfig#orders()} orders, or a replay, is sent. */
    public boolean isFinished() {
        return finished;
    }

    /** The next message of the stream, e.g. "order 42 step 2". */
    public String position() {
        MessageSource s = source;
        return s == null ? "-" : s.position();
    }

    /** The simulator's outbound sequence number (the next message it sends), or 0 when not started. */
    public int nextSenderSeqNum() {
        Session s = session;
        return s == null ? 0 : s.getExpectedSenderNum();
    }

    /** The sequence number the simulator expects next from the client, or 0 when not started. */
    public int nextTargetSeqNum() {
        Session s = session;
        return s == null ? 0 : s.getExpectedTargetNum();
    }

    private SessionSettings settings(Path dictionary) {
        SessionSettings s = new SessionSettings();
        s.setString(sessionId, "ConnectionType", "acceptor");
        s.setString(sessionId, "BeginString", BEGIN_STRING);
        s.setString(sessionId, "SenderCompID", config.senderCompId());
        s.setString(sessionId, "TargetCompID", config.targetCompId());
        s.setString(sessionId, "SocketAcceptAddress", config.host());
        s.setLong(sessionId, "SocketAcceptPort", config.port());
        CmeSessionSettings.alwaysOn(s, sessionId);
        CmeSessionSettings.applyDialect(s, sessionId, dictionary);
        s.setLong(sessionId, "HeartBtInt", config.heartbeatInterval());
        // CME: a Test Request when it hears nothing, the socket closed when that goes unanswered
        s.setDouble(sessionId, "TestRequestDelayMultiplier", config.testRequestDelayMultiplier());
        s.setDouble(sessionId, "HeartBeatTimeoutMultiplier", config.heartbeatTimeoutMultiplier());
        s.setString(sessionId, "FileStorePath", config.storeDir().resolve("store").toString());
        s.setBool(sessionId, "PersistMessages", true);
        // CME's duplicate ("enhanced") Resend Request carries 43=Y without 122: accept it as CME does.
        s.setBool(sessionId, "RequiresOrigSendingTime", false);
        s.setBool(sessionId, "SLF4JLogHeartbeats", false);
        return s;
    }

    // ---- the generator ---------------------------------------------------------------------------------------

    private void generate() {
        long rateInterval = config.rate() > 0 ? (long) (TimeUnit.SECONDS.toNanos(1) / config.rate()) : 0;
        long burstEvery = (long) (config.burstEvery() * TimeUnit.SECONDS.toNanos(1));
        long lastDue = 0;
        boolean paced = false;
        boolean pauseKept = false;
        long nextBurst = 0;
        while (running) {
            MessageSource src;
            boolean ended;
            try {
                synchronized (streamLock) {
                    endReplayIfDone();
                    src = source;
                    ended = src.finished();
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("Drop copy simulator for {}: cannot read the stream; generator stopped", sessionId, e);
                running = false;
                break;
            }
            if (ended && duplicates.isEmpty()) {
                if (!finished) {
                    finished = true;
                    LOG.info("Drop copy simulator for {}: stream ended ({})", sessionId, src.position());
                }
                LockSupport.parkNanos(IDLE_NANOS);
                continue;
            }
            finished = false;
            Session s = session;
            if (s == null || !mayStream(s)) {
                paced = false;
                nextBurst = 0;
                LockSupport.parkNanos(IDLE_NANOS);
                continue;
            }
            long now = System.nanoTime();
            long gap = ended ? -1 : src.recordedGapNanos();
            try {
                if (config.burstSize() > 0 && gap < 0) {
                    if (nextBurst == 0) {
                        nextBurst = now + burstEvery;
                    }
                    if (now - nextBurst >= 0) {
                        for (int i = 0; i < config.burstSize() && running && mayStream(s); i++) {
                            if (!sendOne(s)) {
                                break;
                            }
                        }
                        nextBurst = System.nanoTime() + burstEvery;
                        paced = false;
                        continue;
                    }
                }
                long spacing;
                if (gap >= 0) {
                    double speed = src.speed();
                    spacing = Double.isInfinite(speed) ? 0 : (long) (gap / speed);
                } else {
                    spacing = rateInterval;
                }
                if (spacing > 0) {
                    if (!paced) {
                        lastDue = now - spacing;
                        paced = true;
                    }
                    long due = lastDue + spacing;
                    if (gap < 0 && now - due > MAX_PACING_LAG_NANOS) {
                        due = now; // after a stall, resume the rate instead of bursting to catch up
                    } else if (gap >= MAX_PACING_LAG_NANOS && !pauseKept && now - due > 0) {
                        // a pause in a recording stays a pause when the replay runs late (its consumer took the
                        // messages before it slower than recorded): waited from now, not swallowed by the lag
                        due = now + spacing;
                        lastDue = now;
                        pauseKept = true;
                    }
                    long wait = due - now;
                    if (config.burstSize() > 0 && gap < 0) {
                        wait = Math.min(wait, nextBurst - now);
                    }
                    if (wait > 0) {
                        LockSupport.parkNanos(Math.min(wait, IDLE_NANOS)); // may return early: check again
                        continue;
                    }
                    lastDue = due;
                    pauseKept = false;
                }
                sendOne(s);
            } catch (IOException | RuntimeException e) {
                LOG.error("Drop copy simulator for {}: cannot send or record {}; generator stopped", sessionId,
                        src.position(), e);
                running = false;
            }
        }
    }

    /** Logged on, not being logged out or reset. */
    private boolean mayStream(Session s) {
        return s.isLoggedOn() && s.isEnabled() && !weeklyResetPending;
    }

    /** One message: a pending PossResend copy after each real-time message, else the next of the stream. */
    private boolean sendOne(Session s) throws IOException {
        synchronized (streamLock) {
            if (!mayStream(s)) {
                return false; // checked again under the lock: a weekly reset or forced logout may have begun
            }
            String duplicate = duplicates.peek();
            if (duplicate != null && (lastWasLive || source.finished())) {
                duplicates.poll();
                s.send(wrap(duplicate, true));
                possResendsSent.incrementAndGet();
                lastWasLive = false;
                return true;
            }
            return sendNext(s);
        }
    }

    /**
     * Sends the next message of the stream. QuickFIX/J persists it and takes its sequence number even when the
     * client is not logged on: it is then resent on the client's Resend Request, so it counts as sent.
     *
     * @return false when the stream has no next message
     */
    private boolean sendNext(Session s) throws IOException {
        synchronized (streamLock) {
            MessageSource src = source;
            String inner = src.current(Instant.now());
            if (inner == null) {
                return false;
            }
            s.send(wrap(inner, src.possResend()));
            sent.incrementAndGet();
            src.advance();
            lastWasLive = true;
            recent.addLast(inner);
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
            liveMessages++;
            if (config.possResendEvery() > 0 && liveMessages % config.possResendEvery() == 0) {
                queueDuplicates(1, true);
            }
            return true;
        }
    }

    private void endReplayIfDone() throws IOException {
        if (interrupted != null && source.finished()) {
            LOG.info("Simulator {}: {}; back to the stream", name(), source.position());
            closeQuietly(source);
            source = interrupted;
            interrupted = null;
        }
    }

    /**
     * Sends the next {@code messages} messages of the stream at once, whether the client is logged on or not.
     * Sent while it is away, they are a gap the client finds at its next logon and must recover by resend.
     */
    public void sendBacklog(int messages) throws IOException {
        Session s = session;
        if (s == null) {
            throw new IllegalStateException("simulator not started");
        }
        for (int i = 0; i < messages; i++) {
            if (!sendNext(s)) {
                break;
            }
        }
    }

    // ---- resends -------------------------------------------------------------------------------------------

    /**
     * Sets how far back resends reach (CME: 48 hours). A request whose first stored message is older is rejected
     * with a session Reject, as CME rejects requests outside its window.
     */
    public void resendWindow(Duration window) {
        this.resendWindow = window;
    }

    public Duration resendWindow() {
        return resendWindow;
    }

    /** Why a resend of begin..end is refused, or null when its first stored message is inside the window. */
    private String outsideWindow(int begin, int end) {
        Session s = session;
        if (s == null) {
            return null;
        }
        List<String> stored = new ArrayList<>();
        int last = end == 0 ? begin + MAX_RESEND - 1 : Math.min(end, begin + MAX_RESEND - 1);
        try {
            s.getStore().get(begin, last, stored);
        } catch (IOException e) {
            return null;
        }
        for (String raw : stored) {
            Matcher m = SENDING_TIME.matcher(raw);
            if (m.find()) {
                Instant sentAt = LocalDateTime.parse(m.group(1), DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss[.SSS]"))
                        .toInstant(ZoneOffset.UTC);
                if (sentAt.isBefore(Instant.now().minus(resendWindow))) {
                    return "Resend request outside the " + (resendWindow.toHours() > 0 ? resendWindow.toHours() + "-hour"
                            : resendWindow.toMillis() + " ms") + " window";
                }
                return null;
            }
        }
        return null;
    }

    private static final Pattern SENDING_TIME = Pattern.compile("\u000152=([0-9]{8}-[0-9:.]+)\u0001");

    /** Leaves the next {@code count} Resend Requests unanswered, as when one is lost on CME's side. */
    public void ignoreResendRequests(int count) {
        resendsToIgnore.set(count);
    }

    /** The Resend Requests the client sent, each as {BeginSeqNo, EndSeqNo, PossDup 1/0} exactly as received. */
    public List<int[]> resendRequests() {
        return List.copyOf(resendRequests);
    }

    /** Resend Requests answered with a session Reject (too large, outside the window, one already in progress). */
    public long resendsRejected() {
        return resendsRejected.get();
    }

    // ---- faults ------------------------------------------------------------------------------------------------

    /**
     * Sets the sequence number the simulator expects next from the client, as CME's does after the client
     * lost its state: a logon below it is answered with a Logout carrying NextExpectedMsgSeqNum(789).
     */
    public void expectClientSeqNum(int next) throws IOException {
        requireSession().setNextTargetMsgSeqNum(next);
    }

    /**
     * Skips {@code by} outbound sequence numbers, as CME's gateway does after a failover (4,000 in
     * certification): the client sees a gap that a resend can only fill with gap fills.
     */
    public void jumpSequence(int by) throws IOException {
        Session s = requireSession();
        synchronized (streamLock) {
            s.setNextSenderMsgSeqNum(s.getExpectedSenderNum() + by);
        }
    }

    /**
     * A failover as the client sees it: the socket drops, and the gateway it reconnects to is {@code jump} sequence
     * numbers further ({@link #FAILOVER_JUMP} in certification), numbers that can only be gap-filled.
     */
    public void failover(int jump) throws IOException {
        Session s = requireSession();
        synchronized (streamLock) {
            if (backupAddress != null) {
                // CGW: the standby gateway takes over; the old active one refuses Logons from now on
                backupActive = !backupActive;
                failovers.incrementAndGet();
            }
            wire.closeNow();
            s.setNextSenderMsgSeqNum(s.getExpectedSenderNum() + jump);
        }
        LOG.warn("Simulator {}: failover{}, sequence jumps by {}", name(), backupAddress == null ? ""
                : " to the " + activeRole() + " " + addressText(activeAddress()), jump);
    }

    /** Drops the client's socket now, without a Logout. Returns false when no client is connected. */
    public boolean disconnect() {
        boolean closed = wire.closeNow();
        if (closed) {
            LOG.warn("Simulator {}: socket dropped (fault injection)", name());
        }
        return closed;
    }

    /**
     * The primary is down: the client's socket is dropped and the port stops listening (connection refused) for
     * {@code duration}, then listens again.
     */
    public synchronized void primaryDown(Duration duration) throws IOException {
        SocketAcceptor a = acceptor;
        if (a == null) {
            throw new IllegalStateException("simulator not started");
        }
        SocketAddress down = activeAddress();
        if (backupAddress == null) {
            for (IoAcceptor io : a.getEndpoints()) {
                io.unbind();
            }
            wire.closeNow();
        } else {
            // CGW: the active gateway goes down, the standby takes over with CME's sequence jump
            Session s = requireSession();
            for (IoAcceptor io : a.getEndpoints()) {
                io.unbind(down);
            }
            synchronized (streamLock) {
                wire.closeNow();
                backupActive = !backupActive;
                failovers.incrementAndGet();
                s.setNextSenderMsgSeqNum(s.getExpectedSenderNum() + config.failoverJump());
            }
        }
        downUntil = Instant.now().plus(duration);
        if (upAgain != null) {
            upAgain.cancel(false);
        }
        upAgain = scheduler.schedule(this::primaryUp, duration.toMillis(), TimeUnit.MILLISECONDS);
        if (backupAddress == null) {
            LOG.warn("Simulator {}: primary down for {} (not listening on {})", name(), duration, listening);
        } else {
            LOG.warn("Simulator {}: gateway {} down for {}; the {} {} takes over, sequence +{}", name(),
                    addressText(down), duration, activeRole(), addressText(activeAddress()), config.failoverJump());
        }
    }

    /** Listens again after {@link #primaryDown}. */
    public synchronized void primaryUp() {
        SocketAcceptor a = acceptor;
        downUntil = null;
        if (upAgain != null) {
            upAgain.cancel(false);
            upAgain = null;
        }
        if (a == null) {
            return;
        }
        for (IoAcceptor io : a.getEndpoints()) {
            List<SocketAddress> missing = new ArrayList<>(listening);
            missing.removeAll(io.getLocalAddresses());
            if (missing.isEmpty()) {
                continue;
            }
            try {
                if (io instanceof org.apache.mina.transport.socket.SocketAcceptor && io.getLocalAddresses().isEmpty()) {
                    // (MINA allows it only while nothing is bound: with a backup still up, the OS default applies)
                    ((org.apache.mina.transport.socket.SocketAcceptor) io).setReuseAddress(true);
                }
                io.bind(missing);
                LOG.info("Simulator {}: listening again on {}", name(), missing);
            } catch (IOException | RuntimeException e) {
                LOG.error("Simulator {}: cannot listen again on {}", name(), missing, e);
            }
        }
    }

    // ---- CGW primary and backup ------------------------------------------------------------------------------

    /** The address whose Logons go to the session: the primary, or the backup after a failover. */
    public SocketAddress activeAddress() {
        return backupActive && backupAddress != null ? backupAddress : primaryAddress;
    }

    /** The primary gateway's address (the port bound), or null when not started. */
    public SocketAddress primaryAddress() {
        return primaryAddress;
    }

    /** The backup gateway's address, or null without a backup. */
    public SocketAddress backupAddress() {
        return backupAddress;
    }

    /** "primary" or "backup": which gateway is active. */
    public String activeRole() {
        return backupActive && backupAddress != null ? "backup" : "primary";
    }

    /** Failovers from one gateway to the other ({@code down} or {@code failover} with a backup). */
    public long failoverCount() {
        return failovers.get();
    }

    /** Logons refused on the standby gateway ("Backup session not allowed"). */
    public long backupLogonsRefused() {
        return gate.refused();
    }

    /** Connections closed because no Logon came within {@link SimulatorConfig#logonTimeout()}. */
    public long logonTimeouts() {
        return gate.timedOut();
    }

    private boolean admits(SocketAddress local) {
        SocketAddress backup = backupAddress;
        if (backup == null || !(local instanceof InetSocketAddress)) {
            return true;
        }
        SocketAddress active = activeAddress();
        return active instanceof InetSocketAddress
                && ((InetSocketAddress) active).getPort() == ((InetSocketAddress) local).getPort();
    }

    /**
     * CME's answer to a Logon on the standby gateway: Logout, 58 "Backup session not allowed. Logout forced.", 789
     * the sequence number expected from the client. It takes an outbound sequence number of the shared stream
     * (stored nowhere: a resend gap-fills it), so a client that counted it is in step with the active gateway.
     */
    private String refusal(String logon) {
        Session s = session;
        int seq;
        int expected;
        synchronized (streamLock) {
            seq = s == null ? 1 : s.getExpectedSenderNum();
            expected = s == null ? 1 : s.getExpectedTargetNum();
            if (s != null) {
                try {
                    s.setNextSenderMsgSeqNum(seq + 1);
                } catch (IOException e) {
                    LOG.warn("Simulator {}: cannot store the sequence number of a refusal", name(), e);
                }
            }
        }
        String clientSub = GatewayGate.field(logon, "50");
        return new io.dropcopy.model.FixMessageBuilder(BEGIN_STRING, "5").add(34, seq).add(49, config.senderCompId())
                .add(50, config.senderSubId()).add(52, SyntheticOrders.UTC_TIMESTAMP.format(Instant.now()))
                .add(56, config.targetCompId()).add(57, clientSub).add(TEXT, SimulatorControl.BACKUP_NOT_ALLOWED)
                .add(NEXT_EXPECTED_MSG_SEQ_NUM, expected).build();
    }

    private String addressText() {
        StringBuilder b = new StringBuilder(config.host() + ":" + config.port());
        if (config.backupPort() > 0) {
            b.append(" (backup ").append(config.backupHost()).append(':').append(config.backupPort()).append(')');
        }
        return b.toString();
    }

    /** host:port of an address. */
    public static String addressText(SocketAddress a) {
        if (a instanceof InetSocketAddress) {
            InetSocketAddress i = (InetSocketAddress) a;
            return i.getHostString() + ":" + i.getPort();
        }
        return String.valueOf(a);
    }

    private final class Gate implements GatewayGate.Gateway {
        @Override
        public boolean admits(SocketAddress local) {
            return CmeSimulator.this.admits(local);
        }

        @Override
        public String refusal(String clientLogon) {
            return CmeSimulator.this.refusal(clientLogon);
        }

        @Override
        public int expectedTargetSeqNum() {
            return nextTargetSeqNum();
        }

        @Override
        public void logoutClient(String text) {
            Session s = session;
            if (s != null && s.isLoggedOn()) {
                forceLogout(text);
            } else {
                wire.closeNow();
            }
        }

        @Override
        public ScheduledExecutorService scheduler() {
            return scheduler;
        }

        @Override
        public Duration logonTimeout() {
            return config.logonTimeout();
        }

        @Override
        public String name() {
            return CmeSimulator.this.name();
        }
    }

    // ---- CME's own session messages --------------------------------------------------------------------------

    /**
     * CME's own Resend Request to the client ({@code 35=2}, 7=begin, 16=end, 0 = up to the latest): the client must
     * answer with a gap fill (35=4 123=Y), never with application messages. Counted in {@link #gapFillsReceived()}.
     */
    public void sendResendRequest(int begin, int end) {
        Session s = requireSession();
        if (!s.isLoggedOn()) {
            throw new IllegalStateException("no client logged on");
        }
        Message rr = new Message();
        rr.getHeader().setString(35, "2");
        rr.setInt(BEGIN_SEQ_NO, begin);
        rr.setInt(END_SEQ_NO, end);
        s.send(rr);
        cmeResendRequests.incrementAndGet();
        LOG.warn("Simulator {}: Resend Request {}-{} sent to the client", name(), begin, end);
    }

    /** Gap fills (35=4 123=Y) the client sent, e.g. answering {@link #sendResendRequest}. */
    public long gapFillsReceived() {
        return gate.gapFillsReceived();
    }

    /**
     * CME's Sequence Reset in dual-reset mode (35=4 without 123=Y, disaster recovery): NewSeqNo(36) = the next
     * outbound sequence number plus {@code by}, where the stream continues. The client adopts it without an
     * acknowledgment. Returns the new sequence number.
     */
    public int dualReset(int by) throws IOException {
        Session s = requireSession();
        if (!s.isLoggedOn()) {
            throw new IllegalStateException("no client logged on");
        }
        if (by < 1) {
            throw new IllegalArgumentException("the reset must move the sequence forward, got " + by);
        }
        synchronized (streamLock) {
            int newSeq = s.getExpectedSenderNum() + 1 + by;
            Message reset = new Message();
            reset.getHeader().setString(35, "4");
            reset.setInt(36, newSeq);
            s.send(reset);
            s.setNextSenderMsgSeqNum(newSeq);
            LOG.warn("Simulator {}: dual-reset Sequence Reset, NewSeqNo(36)={}", name(), newSeq);
            return newSeq;
        }
    }

    /** When the port listens again after {@link #primaryDown}, or null when it listens. */
    public Instant downUntil() {
        return downUntil;
    }

    /**
     * Logs the client out now with {@code text} (58) and NextExpectedMsgSeqNum (789), as CME may at any time. The
     * client may log on again at once.
     */
    public void forceLogout(String text) {
        Session s = requireSession();
        if (!s.isLoggedOn()) {
            throw new IllegalStateException("no client logged on");
        }
        synchronized (streamLock) {
            reenableAfterLogout = true;
            s.logout(text == null || text.isBlank() ? "Logout forced" : text);
        }
        LOG.warn("Simulator {}: forced Logout '{}'", name(), text);
    }

    /**
     * Answers the next {@code count} logons with a Logout carrying {@code text} and 789, whatever their credentials
     * (e.g. CME's "Backup session not allowed. Logout forced." on a backup while the primary is up).
     */
    public void refuseLogons(int count, String text) {
        refuseText = text == null || text.isBlank() ? "Logon refused" : text;
        logonsToRefuse.set(Math.max(0, count));
    }

    public int logonsToRefuse() {
        return logonsToRefuse.get();
    }

    /**
     * Loses the next {@code count} real-time business messages on the wire: QuickFIX/J stored them and took their
     * sequence numbers, so the client sees a gap and recovers them by resend (43=Y copies).
     */
    public void dropMessages(int count) {
        wire.dropNext(count);
    }

    /** Cancels the losses {@link #dropMessages} has still pending. */
    public void clearPendingDrops() {
        wire.clearPendingDrops();
    }

    /** Loses every {@code n}-th real-time business message on the wire; 0 = off. */
    public void dropEvery(int n) {
        if (n < 0 || n == 1) {
            throw new IllegalArgumentException("dropEvery must be 0 (off) or >= 2, got " + n);
        }
        wire.dropEvery(n);
    }

    /**
     * A slow link: at most {@code messagesPerSecond} messages leave per second (queued without blocking the
     * session: heartbeats and resends wait their turn too); 0 = off. While a throttled resend is still queued, a
     * new Resend Request is rejected: one resend at a time.
     */
    public void throttle(double messagesPerSecond) {
        if (!(messagesPerSecond >= 0) || Double.isInfinite(messagesPerSecond)) {
            throw new IllegalArgumentException("throttle must be >= 0, got " + messagesPerSecond);
        }
        wire.throttle(messagesPerSecond);
    }

    /**
     * Back-pressure: stops reading the client's socket for {@code duration} (zero: until
     * {@link #resumeReading()}). The client's messages, heartbeats included, go unheard, so after
     * (1 + testRequestDelayMultiplier) x HeartBtInt the simulator sends a Test Request and after
     * (1 + heartbeatTimeoutMultiplier) x HeartBtInt closes the socket, as CME does.
     *
     * @return false when no client is connected
     */
    public boolean suspendReading(Duration duration) {
        if (!wire.suspendRead()) {
            return false;
        }
        LOG.warn("Simulator {}: not reading the client's socket for {}", name(), duration.isZero() ? "ever" : duration);
        ScheduledExecutorService sch = scheduler;
        if (!duration.isZero() && sch != null) {
            sch.schedule(wire::resumeRead, duration.toMillis(), TimeUnit.MILLISECONDS);
        }
        return true;
    }

    public void resumeReading() {
        wire.resumeRead();
    }

    /**
     * Queues {@code count} PossResend (97=Y) copies of recent real-time business messages (those with
     * RequestTime(5979) first, as CME compares it to remove duplicates), sent mixed into the real-time stream:
     * one after each real-time message. Returns how many were queued (fewer when less has been sent).
     */
    public int possResend(int count) {
        synchronized (streamLock) {
            return queueDuplicates(count, false);
        }
    }

    private int queueDuplicates(int count, boolean random) {
        List<String> candidates = new ArrayList<>();
        for (String inner : recent) {
            if (inner.contains(REQUEST_TIME)) {
                candidates.add(inner);
            }
        }
        if (candidates.isEmpty()) {
            candidates.addAll(recent);
        }
        if (candidates.isEmpty()) {
            return 0;
        }
        int n = Math.min(count, candidates.size());
        if (random) {
            for (int i = 0; i < n; i++) {
                duplicates.add(candidates.get(faultRandom.nextInt(candidates.size())));
            }
        } else {
            duplicates.addAll(candidates.subList(candidates.size() - n, candidates.size()));
        }
        LockSupport.unpark(generator);
        return n;
    }

    public int pendingPossResends() {
        return duplicates.size();
    }

    /**
     * CME's weekly start-up: both sequence numbers back to 1. A logged-on client is logged out first (58
     * {@value #WEEKLY_RESET_TEXT}, 789=1); it must log on again with 34=1, as at the Sunday start-up. The stream's
     * position is kept.
     */
    public void weeklyReset() {
        Session s = requireSession();
        synchronized (streamLock) {
            boolean loggedOn = s.isLoggedOn();
            weeklyResetPending = loggedOn;
            s.reset();
        }
        LOG.warn("Simulator {}: weekly reset, sequence numbers back to 1", name());
    }

    // ---- recording and replay ----------------------------------------------------------------------------------

    /** Records every outbound message, as it goes onto the wire, to {@code file} (appended; {@link Recording}). */
    public synchronized void startRecording(Path file) throws IOException {
        stopRecording();
        wire.recorder(new Recording.Writer(file, "dropcopy-simulator " + name() + " " + sessionId + " recording from "
                + Instant.now() + "; one line per outbound message: <epochNanos> <FIX message, control characters"
                + " as \\uXXXX, backslash doubled>"));
        LOG.info("Simulator {}: recording the outbound stream to {}", name(), file);
    }

    /** Stops recording; returns the file, or null when not recording. */
    public synchronized Path stopRecording() {
        Recording.Writer w = wire.recorder();
        if (w == null) {
            return null;
        }
        wire.recorder(null);
        try {
            w.close();
        } catch (IOException e) {
            LOG.warn("Simulator {}: closing {}", name(), w.file(), e);
        }
        LOG.info("Simulator {}: recorded {} messages to {}", name(), w.lines(), w.file());
        return w.file();
    }

    /** The file being recorded to, or null. */
    public Path recordingFile() {
        Recording.Writer w = wire.recorder();
        return w == null ? null : w.file();
    }

    /**
     * Replays the business messages of a recorded file into the client, re-sequenced for this session, at
     * {@code speed} (1 = as recorded, 10 = ten times faster, {@link SimulatorConfig#MAX_SPEED} = at once),
     * interrupting the stream, which resumes when the replay ends.
     */
    public void replay(Path file, double speed) throws IOException {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, got " + speed);
        }
        MessageSource.Replay replay = new MessageSource.Replay(file, speed);
        MessageSource r = config.segmentId() == null ? replay : new SegmentFilter(replay, config);
        synchronized (streamLock) {
            if (source == null) {
                r.close();
                throw new IllegalStateException("simulator not started");
            }
            if (interrupted == null) {
                interrupted = source;
            } else {
                closeQuietly(source);
            }
            source = r;
        }
        finished = false;
        LockSupport.unpark(generator);
        LOG.info("Simulator {}: replaying {} at speed {}", name(), file, SimulatorConfig.speedText(speed));
    }

    // ---- status ------------------------------------------------------------------------------------------------

    /** Everything the simulator knows of itself, one entry per line of {@code dropcopy-sim:status}. */
    public Map<String, String> status() {
        Map<String, String> m = new LinkedHashMap<>();
        Instant down = downUntil;
        m.put("name", name());
        if (backupAddress == null) {
            m.put("listening", config.host() + ":" + config.port() + (acceptor == null ? " (stopped)"
                    : down != null ? " (down until " + down + ")" : ""));
        } else {
            m.put("listening", "primary " + addressText(primaryAddress) + ", backup " + addressText(backupAddress)
                    + (acceptor == null ? " (stopped)" : down != null ? " (one down until " + down + ")" : ""));
            m.put("active", activeRole() + " " + addressText(activeAddress()) + " (the other refuses Logons:"
                    + " " + gate.refused() + " refused so far)");
            m.put("failovers", failovers.get() + " (sequence jump " + config.failoverJump() + ")");
        }
        if (config.segmentId() != null) {
            List<String> ids = new ArrayList<>();
            config.segments().forEach(x -> ids.add(x.id()));
            m.put("segment", config.segmentId() + " of MSGW segments " + String.join(",", ids));
        }
        m.put("session", config.senderCompId() + " -> " + config.targetCompId());
        m.put("loggedOn", String.valueOf(isLoggedOn()));
        m.put("logons", String.valueOf(logons.get()));
        m.put("nextSenderSeqNum", seqText(nextSenderSeqNum()));
        m.put("nextTargetSeqNum", seqText(nextTargetSeqNum()));
        m.put("scenario", config.replay() != null ? "replay" : config.scenario().label()
                + (config.scenario() == SimulatorConfig.Scenario.REALISTIC ? " (seed " + config.seed() + ")" : ""));
        m.put("rate", rateText() + (config.burstSize() > 0 ? ", bursts of " + config.burstSize() + " every "
                + config.burstEvery() + " s" : ""));
        m.put("position", position());
        m.put("finished", String.valueOf(finished));
        m.put("sent", String.valueOf(sent.get()));
        m.put("possResendsSent", String.valueOf(possResendsSent.get()));
        m.put("possResendsPending", String.valueOf(duplicates.size()));
        m.put("possResendEvery", String.valueOf(config.possResendEvery()));
        m.put("resendWindow", SimulatorConfig.durationText(resendWindow));
        m.put("resendRequests", String.valueOf(resendRequests.size()));
        m.put("resendsRejected", String.valueOf(resendsRejected.get()));
        m.put("resendsToIgnore", String.valueOf(resendsToIgnore.get()));
        m.put("dropped", String.valueOf(wire.dropped()));
        m.put("dropsPending", String.valueOf(wire.pendingDrops()));
        m.put("dropEvery", String.valueOf(wire.dropEvery()));
        m.put("throttle", wire.throttle() > 0 ? wire.throttle() + " msg/s (" + wire.queued() + " queued)" : "off");
        m.put("readingSuspended", String.valueOf(wire.isReadSuspended()));
        m.put("logonsToRefuse", String.valueOf(logonsToRefuse.get()));
        m.put("disconnectEvery", config.disconnectEvery() > 0 ? config.disconnectEvery() + " s" : "off");
        m.put("logonTimeout", config.logonTimeout().isZero() ? "off"
                : SimulatorConfig.durationText(config.logonTimeout()) + " (" + gate.timedOut() + " closed)");
        m.put("cmeResendRequests", cmeResendRequests.get() + " sent, " + gate.gapFillsReceived()
                + " gap fills received");
        m.put("testRequestAfter", "(1 + " + config.testRequestDelayMultiplier() + ") x HeartBtInt");
        m.put("disconnectAfter", "(1 + " + config.heartbeatTimeoutMultiplier() + ") x HeartBtInt");
        Path rec = recordingFile();
        m.put("recording", rec == null ? "off" : rec.toString());
        m.put("store", config.storeDir().toString());
        return m;
    }

    private static String seqText(int seq) {
        return seq > 0 ? Integer.toString(seq) : "-";
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private Session requireSession() {
        Session s = session;
        if (s == null) {
            throw new IllegalStateException("simulator not started");
        }
        return s;
    }

    /** The outer target-session message: 35=n with 212/213 in the header, as in QuickFIX/J's FIX42.xml. */
    static Message wrap(String innerMessage) {
        return wrap(innerMessage, false);
    }

    /** The same, marked PossResend(97)=Y when {@code possResend}: a possible duplicate after a failover. */
    static Message wrap(String innerMessage, boolean possResend) {
        String data = DropCopyUnwrapper.envelope(innerMessage);
        Message outer = new Message();
        outer.getHeader().setString(35, XML_NON_FIX);
        if (possResend) {
            outer.getHeader().setBoolean(POSS_RESEND, true);
        }
        outer.getHeader().setInt(XML_DATA_LEN, data.length());
        outer.getHeader().setString(XML_DATA, data);
        return outer;
    }

    private static void closeQuietly(MessageSource s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("closing {}", s.position(), e);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
    }

    private String rateText() {
        return config.rate() > 0 ? String.valueOf(config.rate()) : "max";
    }

    private String ordersText() {
        return config.orders() > 0 ? String.valueOf(config.orders()) : "unlimited";
    }

    private final class CmeApplication implements Application {
        @Override
        public void onCreate(SessionID id) {
            LOG.debug("Session {} created", id);
        }

        @Override
        public void onLogon(SessionID id) {
            logons.incrementAndGet();
            lastGapFillSeq = 0;
            lastGapFillNewSeq = 0;
            weeklyResetPending = false;
            LOG.info("Drop copy client {} logged on (next: {})", id.getTargetCompID(), position());
            Thread t = generator;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }

        @Override
        public void onLogout(SessionID id) {
            LOG.info("Drop copy client {} logged out", id.getTargetCompID());
            if (reenableAfterLogout) {
                // a Logout initiated here disables QuickFIX/J's acceptor session: let the client log on again
                reenableAfterLogout = false;
                Session s = session;
                if (s != null) {
                    s.logon();
                }
            }
        }

        /** MsgSeqNum(34) and NewSeqNo(36) of the last gap fill sent on this connection. */
        private int lastGapFillSeq;
        private int lastGapFillNewSeq;

        @Override
        public void toAdmin(Message message, SessionID id) {
            stampSubIds(message);
            if (isType(message, "4")) {
                fixGapFillSequence(message);
            }
            if (isType(message, "5")) {
                // CME's Logout always says which sequence number it expects next.
                Session s = session;
                if (weeklyResetPending) {
                    message.setString(TEXT, WEEKLY_RESET_TEXT);
                    message.setInt(NEXT_EXPECTED_MSG_SEQ_NUM, 1);
                } else if (s != null) {
                    message.setInt(NEXT_EXPECTED_MSG_SEQ_NUM, s.getExpectedTargetNum());
                }
            }
        }

        /**
         * QuickFIX/J 2.3.1 answers a Resend Request whose range holds stored admin messages followed by nothing
         * stored with two gap fills carrying the same MsgSeqNum (34=b 36=c, then 34=b 36=d): the client drops the
         * second as a duplicate and waits. CME sends the second as 34=c; so does the simulator.
         */
        private void fixGapFillSequence(Message gapFill) {
            try {
                if (!gapFill.isSetField(123) || !gapFill.getBoolean(123)) {
                    return;
                }
                int seq = gapFill.getHeader().getInt(34);
                int newSeq = gapFill.getInt(36);
                if (seq == lastGapFillSeq && lastGapFillNewSeq > seq && newSeq > lastGapFillNewSeq) {
                    LOG.debug("Gap fill {}-{} sent as {}-{} (QuickFIX/J resend numbering)", seq, newSeq,
                            lastGapFillNewSeq, newSeq);
                    seq = lastGapFillNewSeq;
                    gapFill.getHeader().setInt(34, seq);
                }
                lastGapFillSeq = seq;
                lastGapFillNewSeq = newSeq;
            } catch (FieldNotFound e) {
                // not a gap fill QuickFIX/J made
            }
        }

        @Override
        public void fromAdmin(Message message, SessionID id)
                throws FieldNotFound, IncorrectDataFormat, IncorrectTagValue, RejectLogon {
            if (isType(message, "2")) {
                resendRequest(message);
                return;
            }
            if (!isType(message, "A")) {
                return;
            }
            String reason = LogonSigner.verify(message,
                    key -> key.equals(config.accessKeyId()) ? config.secretKey() : null);
            if (reason != null) {
                LOG.warn("Drop copy logon from {} refused: {}", id.getTargetCompID(), reason);
                throw new RejectLogon(reason);
            }
            String segment = config.segmentId();
            String targetSub = LogonSigner.valueOf(message, TARGET_SUB_ID);
            if (segment != null && !segment.equals(targetSub)) {
                String why = "TargetSubID(57) " + targetSub + " is not market segment " + segment + " of this gateway";
                LOG.warn("Drop copy logon from {} refused: {}", id.getTargetCompID(), why);
                throw new RejectLogon(why);
            }
            if (logonsToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                LOG.warn("Drop copy logon from {} refused on purpose (fault injection): {}", id.getTargetCompID(),
                        refuseText);
                throw new RejectLogon(refuseText);
            }
            clientSubId = LogonSigner.valueOf(message, SENDER_SUB_ID);
        }

        private void resendRequest(Message message) throws FieldNotFound, IncorrectTagValue {
            int begin = message.getInt(BEGIN_SEQ_NO);
            int end = message.getInt(END_SEQ_NO);
            boolean possDup = message.getHeader().isSetField(POSS_DUP_FLAG) && message.getHeader().getBoolean(POSS_DUP_FLAG);
            resendRequests.add(new int[] {begin, end, possDup ? 1 : 0});
            String outside = outsideWindow(begin, end);
            if (outside != null) {
                LOG.warn("Resend Request {}-{} rejected: {}", begin, end, outside);
                resendsRejected.incrementAndGet();
                throw new IncorrectTagValue(BEGIN_SEQ_NO, String.valueOf(begin), outside);
            }
            if (wire.resendInFlight()) {
                // CME serves one resend at a time
                LOG.warn("Resend Request {}-{} rejected: a resend is still in progress", begin, end);
                resendsRejected.incrementAndGet();
                throw new IncorrectTagValue(BEGIN_SEQ_NO, String.valueOf(begin), "Resend already in progress");
            }
            Session s = session;
            if (resendsToIgnore.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                // QuickFIX/J serves the request after this callback: point it at nothing, so it goes unanswered.
                int next = s == null ? begin : s.getExpectedSenderNum();
                message.setInt(BEGIN_SEQ_NO, next);
                message.setInt(END_SEQ_NO, next);
                LOG.warn("Resend Request {}-{} ignored on purpose (fault injection)", begin, end);
                return;
            }
            // CME serves at most 2,500 messages per request (16=0 means "up to 2,500").
            if (end != 0 && end - begin + 1 > MAX_RESEND) {
                LOG.warn("Resend Request {}-{} refused: more than {} messages", begin, end, MAX_RESEND);
                resendsRejected.incrementAndGet();
                throw new IncorrectTagValue(END_SEQ_NO);
            }
            if (end == 0 && s != null && s.getExpectedSenderNum() - begin > MAX_RESEND) {
                message.setInt(END_SEQ_NO, begin + MAX_RESEND - 1);
                LOG.info("Resend Request {}-0 served as {}-{}: up to {} messages", begin, begin,
                        begin + MAX_RESEND - 1, MAX_RESEND);
            }
        }

        @Override
        public void toApp(Message message, SessionID id) {
            stampSubIds(message);
        }

        @Override
        public void fromApp(Message message, SessionID id) throws UnsupportedMessageType {
            // Drop copy is read-only: CME never accepts application messages on it.
            throw new UnsupportedMessageType();
        }

        private boolean isType(Message message, String type) {
            try {
                return type.equals(message.getHeader().getString(35));
            } catch (FieldNotFound e) {
                return false;
            }
        }

        private void stampSubIds(Message message) {
            // The session is qualifier-free (an acceptor SessionID with SenderSubID would only match clients
            // sending exactly that 57), so CME's 50 and the echoed 57 are put on here.
            message.getHeader().setString(SENDER_SUB_ID, config.senderSubId());
            String sub = clientSubId;
            if (sub != null && !message.getHeader().isSetField(TARGET_SUB_ID)) {
                message.getHeader().setString(TARGET_SUB_ID, sub);
            }
        }
    }
}
