package io.dropcopy.simulator;

import io.dropcopy.fix.CmeDictionary;
import io.dropcopy.fix.CmeSessionSettings;
import io.dropcopy.fix.LogonSigner;
import io.dropcopy.fix.MaskingLogFactory;
import io.dropcopy.model.DropCopyUnwrapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
 * on, streams deterministic synthetic execution reports wrapped as CME does ({@code 35=n}, XmlDataLen(212),
 * XmlData(213) = {@code <RTRF>}inner FIX message{@code </RTRF>}).
 *
 * <p>Sequence numbers (QuickFIX/J FileStore) and the position of the synthetic stream both live in
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
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int BEGIN_SEQ_NO = 7;
    private static final int END_SEQ_NO = 16;
    private static final int NEXT_EXPECTED_MSG_SEQ_NUM = 789;
    private static final int POSS_DUP_FLAG = 43;
    /** CME's limit on one Resend Request. */
    public static final int MAX_RESEND = 2500;
    private static final long MAX_PACING_LAG_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final SimulatorConfig config;
    private final SessionID sessionId;
    private final Path stateFile;
    private final AtomicLong sent = new AtomicLong();
    /** Serializes the generator thread and {@link #sendBacklog}: one position, one stream. */
    private final Object streamLock = new Object();
    /** Resend Requests received from the client: {BeginSeqNo, EndSeqNo, 1 if PossDupFlag(43)=Y else 0}. */
    private final List<int[]> resendRequests = new CopyOnWriteArrayList<>();
    /** CME resends only messages of the last 48 hours (from the Sunday start-up); older requests are rejected. */
    private volatile java.time.Duration resendWindow = java.time.Duration.ofHours(48);
    /** How many of the next Resend Requests go unanswered, as when CME loses one. */
    private final java.util.concurrent.atomic.AtomicInteger resendsToIgnore = new java.util.concurrent.atomic.AtomicInteger();

    private SocketAcceptor acceptor;
    private volatile Session session;
    private volatile Thread generator;
    private volatile boolean running;
    private volatile boolean finished;
    private volatile GeneratorState position;
    /** The client's SenderSubID(50) from its Logon, echoed in 57 as CME does; null until a logon. */
    private volatile String clientSubId;

    public CmeSimulator(SimulatorConfig config) {
        this.config = config.validate();
        this.sessionId = new SessionID(BEGIN_STRING, config.senderCompId(), config.targetCompId());
        this.stateFile = config.storeDir().resolve(GeneratorState.FILE_NAME);
    }

    public SimulatorConfig config() {
        return config;
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
        try {
            Files.createDirectories(config.storeDir());
            position = GeneratorState.load(stateFile);
            Path dictionary = CmeDictionary.writeTo(config.storeDir());
            SessionSettings settings = settings(dictionary);
            a = new SocketAcceptor(new CmeApplication(), new FileStoreFactory(settings), settings,
                    new MaskingLogFactory(new SLF4JLogFactory(settings)), new DefaultMessageFactory());
            a.start();
            // this connector's own session, not QuickFIX/J's JVM-wide registry (Session.lookupSession)
            session = a.getManagedSessions().stream().filter(x -> sessionId.equals(x.getSessionID()))
                    .findFirst().orElseThrow(() -> new ConfigError("no session " + sessionId));
            acceptor = a;
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
            session = null;
            throw new IllegalStateException("cannot start the drop copy simulator on " + config.host() + ":"
                    + config.port() + " (store " + config.storeDir() + "): " + rootMessage(e), e);
        }
        running = true;
        finished = false;
        Thread t = new Thread(this::generate, "dropcopy-simulator-" + config.targetCompId());
        t.setDaemon(true);
        generator = t;
        t.start();
        LOG.info("Drop copy simulator listening on {}:{} for {} (next: {}, {} msg/s, orders {}, store {})",
                config.host(), config.port(), sessionId, position, rateText(), ordersText(), config.storeDir());
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
        SocketAcceptor a = acceptor;
        acceptor = null;
        session = null;
        if (a != null) {
            a.stop(false);
            LOG.info("Drop copy simulator for {} stopped after sending {} messages (next: {})", sessionId,
                    sent.get(), position);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Messages handed to QuickFIX/J by this instance since it was created. */
    public long sentCount() {
        return sent.get();
    }

    public boolean isLoggedOn() {
        Session s = session;
        return s != null && s.isLoggedOn();
    }

    public boolean isRunning() {
        return running;
    }

    /** True once the last of {@link SimulatorConfig#orders()} orders has been sent (never when unlimited). */
    public boolean isFinished() {
        return finished;
    }

    /** The next message of the synthetic stream, e.g. "order 42 step 2". */
    public String position() {
        return String.valueOf(position);
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
        s.setString(sessionId, "FileStorePath", config.storeDir().resolve("store").toString());
        s.setBool(sessionId, "PersistMessages", true);
        // CME's duplicate ("enhanced") Resend Request carries 43=Y without 122: accept it as CME does.
        s.setBool(sessionId, "RequiresOrigSendingTime", false);
        s.setBool(sessionId, "SLF4JLogHeartbeats", false);
        return s;
    }

    private void generate() {
        long intervalNanos = config.rate() > 0 ? (long) (TimeUnit.SECONDS.toNanos(1) / config.rate()) : 0;
        long due = 0;
        boolean paced = false;
        while (running) {
            GeneratorState next = position;
            if (config.orders() > 0 && next.order() > config.orders()) {
                if (!finished) {
                    finished = true;
                    LOG.info("Drop copy simulator for {}: all {} orders sent", sessionId, config.orders());
                }
                LockSupport.parkNanos(IDLE_NANOS);
                continue;
            }
            Session s = session;
            if (s == null || !s.isLoggedOn()) {
                paced = false;
                LockSupport.parkNanos(IDLE_NANOS);
                continue;
            }
            if (intervalNanos > 0) {
                long now = System.nanoTime();
                if (!paced) {
                    due = now;
                    paced = true;
                } else if (now - due > MAX_PACING_LAG_NANOS) {
                    due = now; // after a stall, resume the rate instead of bursting to catch up
                }
                long wait = due - now;
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // may return early: the loop checks everything again
                    continue;
                }
                due += intervalNanos;
            }
            try {
                sendNext(s);
            } catch (IOException | RuntimeException e) {
                LOG.error("Drop copy simulator for {}: cannot send or record {}; generator stopped", sessionId,
                        next, e);
                running = false;
            }
        }
    }

    /**
     * Sends the next message of the stream. QuickFIX/J persists it and takes its sequence number even when the
     * client is not logged on: it is then resent on the client's Resend Request, so it counts as sent.
     */
    private void sendNext(Session s) throws IOException {
        synchronized (streamLock) {
            GeneratorState next = position;
            s.send(wrap(SyntheticOrders.executionReport(next.order(), next.step(), Instant.now())));
            sent.incrementAndGet();
            GeneratorState after = next.next();
            position = after;
            after.save(stateFile);
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
            sendNext(s);
        }
    }

    /**
     * Sets how far back resends reach (CME: 48 hours). A request whose first stored message is older is rejected
     * with a session Reject, as CME rejects requests outside its window.
     */
    public void resendWindow(java.time.Duration window) {
        this.resendWindow = window;
    }

    /** Why a resend of begin..end is refused, or null when its first stored message is inside the window. */
    private String outsideWindow(int begin, int end) {
        Session s = session;
        if (s == null) {
            return null;
        }
        List<String> stored = new java.util.ArrayList<>();
        int last = end == 0 ? begin + MAX_RESEND - 1 : Math.min(end, begin + MAX_RESEND - 1);
        try {
            s.getStore().get(begin, last, stored);
        } catch (IOException e) {
            return null;
        }
        for (String raw : stored) {
            java.util.regex.Matcher m = SENDING_TIME.matcher(raw);
            if (m.find()) {
                java.time.Instant sent = java.time.LocalDateTime.parse(m.group(1),
                        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss[.SSS]")).toInstant(java.time.ZoneOffset.UTC);
                if (sent.isBefore(Instant.now().minus(resendWindow))) {
                    return "Resend request outside the " + (resendWindow.toHours() > 0 ? resendWindow.toHours() + "-hour"
                            : resendWindow.toMillis() + " ms") + " window";
                }
                return null;
            }
        }
        return null;
    }

    private static final java.util.regex.Pattern SENDING_TIME = java.util.regex.Pattern.compile("\u000152=([0-9]{8}-[0-9:.]+)\u0001");

    /** Leaves the next {@code count} Resend Requests unanswered, as when one is lost on CME's side. */
    public void ignoreResendRequests(int count) {
        resendsToIgnore.set(count);
    }

    /** The Resend Requests the client sent, each as {BeginSeqNo, EndSeqNo, PossDup 1/0} exactly as received. */
    public List<int[]> resendRequests() {
        return List.copyOf(resendRequests);
    }

    /**
     * Sets the sequence number the simulator expects next from the client, as CME's does after the client
     * lost its state: a logon below it is answered with a Logout carrying NextExpectedMsgSeqNum(789).
     */
    public void expectClientSeqNum(int next) throws IOException {
        Session s = session;
        if (s == null) {
            throw new IllegalStateException("simulator not started");
        }
        s.setNextTargetMsgSeqNum(next);
    }

    /**
     * Skips {@code by} outbound sequence numbers, as CME's gateway does after a failover (4,000 in
     * certification): the client sees a gap that a resend can only fill with gap fills.
     */
    public void jumpSequence(int by) throws IOException {
        Session s = session;
        if (s == null) {
            throw new IllegalStateException("simulator not started");
        }
        synchronized (streamLock) {
            s.setNextSenderMsgSeqNum(s.getExpectedSenderNum() + by);
        }
    }

    /** The outer target-session message: 35=n with 212/213 in the header, as in QuickFIX/J's FIX42.xml. */
    static Message wrap(String innerMessage) {
        String data = DropCopyUnwrapper.envelope(innerMessage);
        Message outer = new Message();
        outer.getHeader().setString(35, XML_NON_FIX);
        outer.getHeader().setInt(XML_DATA_LEN, data.length());
        outer.getHeader().setString(XML_DATA, data);
        return outer;
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
            LOG.info("Drop copy client {} logged on (next: {})", id.getTargetCompID(), position);
            Thread t = generator;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }

        @Override
        public void onLogout(SessionID id) {
            LOG.info("Drop copy client {} logged out", id.getTargetCompID());
        }

        @Override
        public void toAdmin(Message message, SessionID id) {
            stampSubIds(message);
            if (isType(message, "5")) {
                // CME's Logout always says which sequence number it expects next.
                Session s = session;
                if (s != null) {
                    message.setInt(NEXT_EXPECTED_MSG_SEQ_NUM, s.getExpectedTargetNum());
                }
            }
        }

        @Override
        public void fromAdmin(Message message, SessionID id)
                throws FieldNotFound, IncorrectDataFormat, IncorrectTagValue, RejectLogon {
            if (isType(message, "2")) {
                int begin = message.getInt(BEGIN_SEQ_NO);
                int end = message.getInt(END_SEQ_NO);
                boolean possDup = message.getHeader().isSetField(POSS_DUP_FLAG) && message.getHeader().getBoolean(POSS_DUP_FLAG);
                resendRequests.add(new int[] {begin, end, possDup ? 1 : 0});
                String outside = outsideWindow(begin, end);
                if (outside != null) {
                    LOG.warn("Resend Request {}-{} rejected: {}", begin, end, outside);
                    throw new IncorrectTagValue(BEGIN_SEQ_NO, String.valueOf(begin), outside);
                }
                if (resendsToIgnore.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    // QuickFIX/J serves the request after this callback: point it at nothing, so it goes unanswered.
                    Session s = session;
                    int next = s == null ? begin : s.getExpectedSenderNum();
                    message.setInt(BEGIN_SEQ_NO, next);
                    message.setInt(END_SEQ_NO, next);
                    LOG.warn("Resend Request {}-{} ignored on purpose (fault injection)", begin, end);
                    return;
                }
                // CME serves at most 2,500 messages per request (16=0 means "up to 2,500").
                if (end != 0 && end - begin + 1 > MAX_RESEND) {
                    LOG.warn("Resend Request {}-{} refused: more than {} messages", begin, end, MAX_RESEND);
                    throw new IncorrectTagValue(END_SEQ_NO);
                }
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
            clientSubId = LogonSigner.valueOf(message, SENDER_SUB_ID);
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
