package io.dropcopy.simulator;

import io.dropcopy.fix.CmeSessionSettings;
import io.dropcopy.fix.LogonSigner;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.FieldNotFound;
import quickfix.IncorrectDataFormat;
import quickfix.IncorrectTagValue;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.UnsupportedMessageType;

/**
 * The simulator's QuickFIX/J application, CME's side of the session: checks the client's secure logon (and the
 * market segment), refuses logons on demand, judges Resend Requests ({@link Resends}), puts CME's sub ids on every
 * message and NextExpectedMsgSeqNum(789) on every Logout.
 */
final class CmeSessionApplication implements Application {
    private static final Logger LOG = LoggerFactory.getLogger(CmeSessionApplication.class);
    private static final int SENDER_SUB_ID = 50;
    private static final int TARGET_SUB_ID = 57;
    private static final int TEXT = 58;
    private static final int NEXT_EXPECTED_MSG_SEQ_NUM = 789;

    private final SimulatorConfig config;
    private final Supplier<Session> session;
    private final Resends resends;
    /** The stream's position, for the log. */
    private final Supplier<String> position;
    /** Wakes the generator at a logon. */
    private final Runnable wake;
    private final AtomicLong logons = new AtomicLong();
    private final AtomicInteger logonsToRefuse = new AtomicInteger();
    private volatile String refuseText = "Logon refused";
    private volatile boolean reenableAfterLogout;
    private volatile boolean weeklyResetPending;
    /** The client's SenderSubID(50) from its Logon, echoed in 57 as CME does; null until a logon. */
    private volatile String clientSubId;
    /** MsgSeqNum(34) and NewSeqNo(36) of the last gap fill sent on this connection. */
    private int lastGapFillSeq;
    private int lastGapFillNewSeq;

    CmeSessionApplication(SimulatorConfig config, Supplier<Session> session, Resends resends, Supplier<String> position,
                          Runnable wake) {
        this.config = config;
        this.session = session;
        this.resends = resends;
        this.position = position;
        this.wake = wake;
    }

    /** Messages whose store offsets stay in memory, so resending any of them reads just that message. */
    static final int RESEND_INDEX = 250_000;

    /** QuickFIX/J's settings of CME's acceptor session {@code sessionId}, its dictionary at {@code dictionary}. */
    static SessionSettings settings(SimulatorConfig config, SessionID sessionId, Path dictionary) {
        SessionSettings s = new SessionSettings();
        s.setString(sessionId, "ConnectionType", "acceptor");
        s.setString(sessionId, "BeginString", CmeSimulator.BEGIN_STRING);
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
        // QuickFIX/J's FileStore keeps the file offsets of only its last 10,000 messages by default; a resend of
        // older ones scans the whole header file (one read call per message ever stored) on every request, so each
        // 2,500-message chunk costs more the larger the store. An exchange serves a resend from an index: keep the
        // offsets of the last RESEND_INDEX messages (~90 bytes each in the heap).
        s.setLong(sessionId, "FileStoreMaxCachedMsgs", RESEND_INDEX);
        // CME's duplicate ("enhanced") Resend Request carries 43=Y without 122: accept it as CME does.
        s.setBool(sessionId, "RequiresOrigSendingTime", false);
        s.setBool(sessionId, "SLF4JLogHeartbeats", false);
        return s;
    }

    long logons() {
        return logons.get();
    }

    /** Answers the next {@code count} logons with a Logout carrying {@code text}. */
    void refuseLogons(int count, String text) {
        refuseText = text == null || text.isBlank() ? "Logon refused" : text;
        logonsToRefuse.set(Math.max(0, count));
    }

    int logonsToRefuse() {
        return logonsToRefuse.get();
    }

    /** A Logout initiated here disables QuickFIX/J's acceptor session: the next logout enables it again. */
    void reenableAfterLogout() {
        reenableAfterLogout = true;
    }

    /** The weekly reset's Logout is on its way: the stream waits for the next logon. */
    void weeklyResetPending(boolean pending) {
        weeklyResetPending = pending;
    }

    boolean weeklyResetPending() {
        return weeklyResetPending;
    }

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
        LOG.info("Drop copy client {} logged on (next: {})", id.getTargetCompID(), position.get());
        wake.run();
    }

    @Override
    public void onLogout(SessionID id) {
        LOG.info("Drop copy client {} logged out", id.getTargetCompID());
        if (reenableAfterLogout) {
            reenableAfterLogout = false;
            Session s = session.get();
            if (s != null) {
                s.logon();
            }
        }
    }

    @Override
    public void toAdmin(Message message, SessionID id) {
        stampSubIds(message);
        if (isType(message, "4")) {
            fixGapFillSequence(message);
        }
        if (isType(message, "5")) {
            // CME's Logout always says which sequence number it expects next.
            Session s = session.get();
            if (weeklyResetPending) {
                message.setString(TEXT, CmeSimulator.WEEKLY_RESET_TEXT);
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
            resends.judge(message, session.get());
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

    @Override
    public void toApp(Message message, SessionID id) {
        stampSubIds(message);
    }

    @Override
    public void fromApp(Message message, SessionID id) throws UnsupportedMessageType {
        // Drop copy is read-only: CME never accepts application messages on it.
        throw new UnsupportedMessageType();
    }

    private static boolean isType(Message message, String type) {
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
