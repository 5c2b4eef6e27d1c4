package io.dropcopy.simulator;

import io.dropcopy.fix.LogonSigner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SocketAcceptor;

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
 * (QuickFIX/J, multipliers configurable). Faults on demand: every one by name through
 * {@link SimulatorControl#fault} (the table is {@link Faults}), the ones tests use most also as methods here; and
 * {@link #startRecording(Path)} / {@link #replay(Path, double)}.
 *
 * <p>The parts: {@link Gateways} (primary, backup, down and up), {@link Traffic} (the generator and its pacing over a
 * {@link MessageSource}), {@link Resends} (CME's answer to Resend Requests), {@link CmeSessionApplication} (the
 * QuickFIX/J callbacks), {@link WireFilter} (wire faults and the recorder) and {@link Faults} (the operator's table).
 *
 * <p>Sequence numbers (QuickFIX/J FileStore) and the position of the stream both live in
 * {@link SimulatorConfig#storeDir()}, so a restart continues both. Plain Java, no OSGi types. Thread-safe.
 */
public final class CmeSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CmeSimulator.class);

    static final String BEGIN_STRING = "FIX.4.2";
    /** CME's limit on one Resend Request. */
    public static final int MAX_RESEND = 2500;
    /** CME's sequence jump after a failover to the backup, as in certification. */
    public static final int FAILOVER_JUMP = 4000;
    /** Text of the Logout of the weekly reset ({@code SessionFaults.weeklyReset}). */
    public static final String WEEKLY_RESET_TEXT = "Weekly reset: both sequence numbers start again at 1";

    private final SimulatorConfig config;
    private final SessionID sessionId;
    private final WireFilter wire;
    private final LogonWatch logonWatch = new LogonWatch();
    private final Resends resends;
    private final CmeSessionApplication application;
    private final Traffic traffic;
    private final Gateways gateways;
    private final GatewayGate gate;
    private final SessionFaults sessionFaults;

    private final SimulatorRuntime runtime;

    public CmeSimulator(SimulatorConfig config) {
        this.config = config.validate();
        this.sessionId = new SessionID(BEGIN_STRING, config.senderCompId(), config.targetCompId());
        this.wire = new WireFilter(config.displayName());
        wire.dropEvery(config.dropEvery());
        wire.throttle(config.throttle());
        this.resends = new Resends(config.resendWindow(), wire);
        // the stream waits while a weekly reset's Logout is on its way
        this.traffic = new Traffic(this.config, this::session, this::weeklyResetPending);
        this.application = new CmeSessionApplication(this.config, this::session, resends, traffic::position,
                traffic::wake);
        this.gateways = new Gateways(this, wire, traffic.lock());
        this.gate = new GatewayGate(gateways);
        this.sessionFaults = new SessionFaults(this, traffic.lock(), application, gateways, wire);
        this.runtime = new SimulatorRuntime(this, sessionId, wire, traffic, gateways, application, gate, logonWatch);
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
        runtime.start();
    }

    /** Stops the generator (saving its position), logs the client out and closes the port. Idempotent. */
    public synchronized void stop() {
        runtime.stop();
    }

    @Override
    public void close() {
        stop();
    }

    // ---- what it is doing ------------------------------------------------------------------------------------

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

    /** Business messages of the stream handed to QuickFIX/J by this instance since it was created. */
    /**
     * The independent expected ledger: what this simulator sent since it started (every fill with its identity and
     * final state, price and quantity, each order's cumulative quantity, every business message's outer identity),
     * from the generator's own bookkeeping. An immutable snapshot.
     */
    public ExpectedLedger expectedLedger() {
        return traffic.expectedLedger();
    }

    public long sentCount() {
        return traffic.sent();
    }

    /** PossResend (97=Y) copies sent ({@link #possResend}, {@link SimulatorConfig#possResendEvery()}). */
    public long possResendCount() {
        return traffic.possResendsSent();
    }

    public boolean isLoggedOn() {
        Session s = runtime.session();
        return s != null && s.isLoggedOn();
    }

    public boolean isRunning() {
        return traffic.isRunning();
    }

    /** True once the stream has ended: the last of {@link SimulatorConfig#orders()} orders, or a replay, is sent. */
    public boolean isFinished() {
        return traffic.isFinished();
    }

    /** The next message of the stream, e.g. "order 42 step 2". */
    public String position() {
        return traffic.position();
    }

    /** The simulator's outbound sequence number (the next message it sends), or 0 when not started. */
    public int nextSenderSeqNum() {
        Session s = runtime.session();
        return s == null ? 0 : s.getExpectedSenderNum();
    }

    /** The sequence number the simulator expects next from the client, or 0 when not started. */
    public int nextTargetSeqNum() {
        Session s = runtime.session();
        return s == null ? 0 : s.getExpectedTargetNum();
    }

    /** Everything the simulator knows of itself, one entry per line of {@code dropcopy-sim:status}. */
    public Map<String, String> status() {
        return SimulatorStatus.of(this, gateways, gate, traffic, resends, wire, application, sessionFaults);
    }

    /**
     * Sends the next {@code messages} messages of the stream at once, whether the client is logged on or not.
     * Sent while it is away, they are a gap the client finds at its next logon and must recover by resend.
     */
    public void sendBacklog(int messages) throws IOException {
        traffic.sendBacklog(requireSession(), messages);
    }

    // ---- resends -------------------------------------------------------------------------------------------

    /**
     * Sets how far back resends reach (CME: 48 hours). A request whose first stored message is older is rejected
     * with a session Reject, as CME rejects requests outside its window.
     */
    public void resendWindow(Duration window) {
        resends.window(window);
    }

    /**
     * The window's floor by sequence number: a Resend Request whose BeginSeqNo is below {@code firstServed} is
     * rejected as outside the 48-hour window, as CME does; 0 = none.
     */
    public void resendFloor(int firstServed) {
        resends.floor(firstServed);
    }

    /** The messages this simulator stored as sent, begin..end (its QuickFIX/J store), for tests to compare with. */
    public List<String> storedMessages(int begin, int end) throws IOException {
        List<String> out = new java.util.ArrayList<>();
        requireSession().getStore().get(begin, end, out);
        return out;
    }

    public Duration resendWindow() {
        return resends.window();
    }

    /** Leaves the next {@code count} Resend Requests unanswered, as when one is lost on CME's side. */
    public void ignoreResendRequests(int count) {
        resends.ignore(count);
    }

    /** The Resend Requests the client sent, each as {BeginSeqNo, EndSeqNo, PossDup 1/0} exactly as received. */
    public List<int[]> resendRequests() {
        return resends.requests();
    }

    /** Resend Requests answered with a session Reject (too large, outside the window, one already in progress). */
    /**
     * The business messages damaged on the wire by the {@code bad-frame} fault: outer sequence number to the intact
     * frame as it was before damage (the client could only ever see the damaged copy).
     */
    public Map<Integer, String> damagedFrames() {
        return wire.corruption.originals();
    }

    public long resendsRejected() {
        return resends.rejected();
    }

    // ---- CGW primary and backup ------------------------------------------------------------------------------

    /**
     * The primary is down: the client's socket is dropped and the port stops listening (connection refused) for
     * {@code duration}, then listens again. With a backup, the backup takes over with the failover sequence jump.
     */
    synchronized void primaryDown(Duration duration) throws IOException {
        SocketAcceptor a = runtime.acceptor();
        if (a == null) {
            throw new IllegalStateException("simulator not started");
        }
        gateways.down(a, runtime.scheduler(), duration, this::primaryUp);
    }

    /** Listens again after {@link #primaryDown}. */
    synchronized void primaryUp() {
        gateways.up(runtime.acceptor());
    }

    /** When the port listens again after {@link #primaryDown}, or null when it listens. */
    public Instant downUntil() {
        return gateways.downUntil();
    }

    /** The address whose Logons go to the session: the primary, or the backup after a failover. */
    public SocketAddress activeAddress() {
        return gateways.activeAddress();
    }

    /** The backup gateway's address, or null without a backup. */
    public SocketAddress backupAddress() {
        return gateways.backupAddress();
    }

    /** "primary" or "backup": which gateway is active. */
    public String activeRole() {
        return gateways.activeRole();
    }

    /** Failovers from one gateway to the other ({@code down} or {@code failover} with a backup). */
    public long failoverCount() {
        return gateways.failovers();
    }

    /** Logons refused on the standby gateway ("Backup session not allowed"). */
    public long backupLogonsRefused() {
        return gate.refused();
    }

    /** Connections closed because no Logon came within {@link SimulatorConfig#logonTimeout()}. */
    public long logonTimeouts() {
        return gate.timedOut();
    }

    /** host:port of an address. */
    public static String addressText(SocketAddress a) {
        if (a instanceof InetSocketAddress) {
            InetSocketAddress i = (InetSocketAddress) a;
            return i.getHostString() + ":" + i.getPort();
        }
        return String.valueOf(a);
    }

    // ---- session faults ({@link SessionFaults}) ------------------------------------------------------------------

    /**
     * Sets the sequence number the simulator expects next from the client, as CME's does after the client
     * lost its state: a logon below it is answered with a Logout carrying NextExpectedMsgSeqNum(789).
     */
    public void expectClientSeqNum(int next) throws IOException {
        sessionFaults.expectClientSeqNum(next);
    }

    /**
     * Skips {@code by} outbound sequence numbers, as CME's gateway does after a failover (4,000 in
     * certification): the client sees a gap that a resend can only fill with gap fills.
     */
    public void jumpSequence(int by) throws IOException {
        sessionFaults.jumpSequence(by);
    }

    /**
     * Logs the client out now with {@code text} (58) and NextExpectedMsgSeqNum (789), as CME may at any time. The
     * client may log on again at once.
     */
    public void forceLogout(String text) {
        sessionFaults.forceLogout(text);
    }

    /** Drops the client's socket now, without a Logout. Returns false when no client is connected. */
    public boolean disconnect() {
        boolean closed = wire.closeNow();
        if (closed) {
            LOG.warn("Simulator {}: socket dropped (fault injection)", name());
        }
        return closed;
    }

    /** Logons still to be refused ({@code fault refuse-logon}). */
    public int logonsToRefuse() {
        return application.logonsToRefuse();
    }

    /** Gap fills (35=4 123=Y) the client sent, e.g. answering CME's own Resend Request. */
    public long gapFillsReceived() {
        return gate.gapFillsReceived();
    }

    /**
     * Queues {@code count} PossResend (97=Y) copies of recent real-time business messages (those with
     * RequestTime(5979) first, as CME compares it to remove duplicates), sent mixed into the real-time stream:
     * one after each real-time message. Returns how many were queued (fewer when less has been sent).
     */
    public int possResend(int count) {
        return traffic.possResend(count);
    }

    // ---- wire faults -------------------------------------------------------------------------------------------

    /** Loses every {@code n}-th real-time business message on the wire; 0 = off. */
    public void dropEvery(int n) {
        wire.dropEvery(n);
    }

    /**
     * A slow link: at most {@code messagesPerSecond} messages leave per second (queued without blocking the
     * session: heartbeats and resends wait their turn too); 0 = off. While a throttled resend is still queued, a
     * new Resend Request is rejected: one resend at a time.
     */
    public void throttle(double messagesPerSecond) {
        wire.throttle(messagesPerSecond);
    }

    /**
     * Back-pressure: stops reading the client's socket for {@code duration} (zero: until
     * the fault {@code clear}). The client's messages, heartbeats included, go unheard, so after
     * (1 + testRequestDelayMultiplier) x HeartBtInt the simulator sends a Test Request and after
     * (1 + heartbeatTimeoutMultiplier) x HeartBtInt closes the socket, as CME does.
     *
     * @return false when no client is connected
     */
    public boolean suspendReading(Duration duration) {
        return wire.suspendRead(duration, runtime.scheduler());
    }

    // ---- recording and replay ----------------------------------------------------------------------------------

    /** Records every outbound message, as it goes onto the wire, to {@code file} (appended; {@link Recording}). */
    public synchronized void startRecording(Path file) throws IOException {
        wire.startRecording(file, "dropcopy-simulator " + name() + " " + sessionId + " recording from " + Instant.now()
                + "; one line per outbound message: <epochNanos> <FIX message, control characters as \\uXXXX,"
                + " backslash doubled>");
    }

    /** Stops recording; returns the file, or null when not recording. */
    public synchronized Path stopRecording() {
        return wire.stopRecording();
    }

    /** The file being recorded to, or null. */
    public Path recordingFile() {
        return wire.recordingFile();
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
        traffic.replay(config.segmentId() == null ? replay : new SegmentFilter(replay, config));
        LOG.info("Simulator {}: replaying {} at speed {}", name(), file, SimulatorConfigParser.speedText(speed));
    }

    // ---- for the parts -----------------------------------------------------------------------------------------

    Session session() {
        return runtime.session();
    }

    Session requireSession() {
        Session s = runtime.session();
        if (s == null) {
            throw new IllegalStateException("simulator not started");
        }
        return s;
    }

    ScheduledExecutorService scheduler() {
        return runtime.scheduler();
    }

    boolean isStarted() {
        return runtime.acceptor() != null;
    }

    WireFilter wire() {
        return wire;
    }

    CmeSessionApplication application() {
        return application;
    }

    private boolean weeklyResetPending() {
        return application.weeklyResetPending();
    }

    SessionFaults sessionFaults() {
        return sessionFaults;
    }

    String rateText() {
        return config.rate() > 0 ? String.valueOf(config.rate()) : "max";
    }

}
