package io.dropcopy.certify;

import io.dropcopy.fix.CmeDictionary;
import io.dropcopy.fix.CmeSessionSettings;
import io.dropcopy.fix.LogonSigner;
import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventTranslator;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.MessageStore;
import quickfix.SLF4JLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;

/**
 * A plain QuickFIX/J drop copy client (not the project's consumer) that behaves as CME asks, except for the one
 * {@link Fault} it is given: what the negative tests feed the scenarios to see them fail at the right step.
 */
final class PlainClient implements ClientUnderTest, Application {
    private static final java.util.concurrent.atomic.AtomicInteger IDS = new java.util.concurrent.atomic.AtomicInteger();
    static final String KEY1 = "CERT-KEY-ONE";
    static final String SECRET1 = "2HlZ7exg8jTKltXnURjKvm3GS5iF5n4ClzHiEm_ocv4";
    static final String KEY2 = "CERT-KEY-TWO";
    static final String SECRET2 = "c2Vjb25kLWtleS1wYWlyLWZvci1yb3RhdGlvbi0xMjM";

    enum Fault {
        NONE,
        /** Leaves QuickFIX/J's EncryptMethod(98) on the Logon. */
        ENCRYPT_METHOD_ON_LOGON,
        /** Requests resends in chunks of 3,000. */
        RESEND_CHUNK_3000,
        /** Answers resend requests with a Sequence Reset in reset mode (no 123=Y) and a lower NewSeqNo(36). */
        RESET_MODE_LOWER_36,
        /** Keeps its sequence numbers at the beginning of the week. */
        NO_WEEKLY_RESET,
        /** Ignores NextExpectedMsgSeqNum(789) in CME's Logout. */
        IGNORE_789,
        /** Says it switched key pairs but keeps signing with the first. */
        KEEPS_KEY_PAIR_1,
        /** QuickFIX/J's SendRedundantResendRequests: a second resend request during CME's resend. */
        REDUNDANT_RESEND_REQUEST,
        /** OrigSendingTime(122) on the Logon. */
        ORIG_SENDING_TIME_ON_LOGON,
        /** Hands every possible resend (97=Y) to the application. */
        NO_DEDUP,
        /** Connects and never sends a Logon. */
        SILENT,
        /**
         * Runs one session per MSGW market segment, but drops a business message whose outer MsgSeqNum(34) it has
         * already seen on another segment, as a client keeping one sequence history for all segments does.
         */
        ONE_SEQUENCE_HISTORY_FOR_ALL_SEGMENTS
    }

    private final Path dir;
    private final Fault fault;
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Set<Integer> outerSeqSeen = new HashSet<>();
    private final String compId;
    /** Each target session (one, or one per MSGW segment) with its CME addresses, primary first. */
    private final Map<SessionID, List<String>> sessions = new LinkedHashMap<>();
    private SocketInitiator initiator;
    private Socket silent;
    private int keyPair = 1;
    private volatile boolean loggedOn;

    PlainClient(Path dir, Fault fault, String compId) {
        this.dir = dir;
        this.fault = fault;
        this.compId = compId;
    }

    private SessionID sessionId(String targetSubId) {
        return new SessionID("FIX.4.2", compId, "OPS1", "US,IL", "CME", targetSubId, null, null);
    }

    /** A comp id of its own: tests run at the same time and QuickFIX/J's session registry is JVM-wide. */
    static String newCompId() {
        return String.format("PLN%03dN", IDS.incrementAndGet());
    }

    static ClientIdentity identity(String compId) {
        return new ClientIdentity(compId, "OPS1", "US,IL", "G").keyPair(KEY1, SECRET1).keyPair(KEY2, SECRET2);
    }

    private SessionSettings settings() throws IOException {
        SessionSettings s = new SessionSettings();
        Path dictionary = CmeDictionary.writeTo(dir);
        for (Map.Entry<SessionID, List<String>> e : sessions.entrySet()) {
            settings(s, e.getKey(), e.getValue(), dictionary);
        }
        return s;
    }

    private void settings(SessionSettings s, SessionID sessionId, List<String> addresses, Path dictionary) {
        s.setString(sessionId, "ConnectionType", "initiator");
        s.setString(sessionId, "BeginString", "FIX.4.2");
        for (int i = 0; i < addresses.size(); i++) {
            String suffix = i == 0 ? "" : String.valueOf(i);
            String[] hp = addresses.get(i).split(":");
            s.setString(sessionId, "SocketConnectHost" + suffix, hp[0]);
            s.setLong(sessionId, "SocketConnectPort" + suffix, Integer.parseInt(hp[1]));
        }
        s.setLong(sessionId, "HeartBtInt", 30);
        s.setLong(sessionId, "ReconnectInterval", 1);
        s.setLong(sessionId, "ResendRequestChunkSize", fault == Fault.RESEND_CHUNK_3000 ? 3000 : 2500);
        s.setBool(sessionId, "SendRedundantResendRequests", fault == Fault.REDUNDANT_RESEND_REQUEST);
        s.setString(sessionId, "PersistMessages", "N");
        CmeSessionSettings.alwaysOn(s, sessionId);
        CmeSessionSettings.applyDialect(s, sessionId, dictionary);
        s.setString(sessionId, "FileStorePath", dir.resolve("store").toString());
    }

    @Override
    public synchronized void start(List<String> addresses) throws Exception {
        sessions.put(sessionId("G"), addresses);
        logon();
    }

    @Override
    public synchronized boolean startSegments(Map<String, List<String>> addressesBySegment) throws Exception {
        addressesBySegment.forEach((segment, addresses) -> sessions.put(sessionId(segment), addresses));
        logon();
        return true;
    }

    @Override
    public synchronized void logon() throws Exception {
        if (fault == Fault.SILENT) {
            String[] hp = sessions.values().iterator().next().get(0).split(":");
            silent = new Socket(hp[0], Integer.parseInt(hp[1]));
            return;
        }
        if (initiator == null) {
            SessionSettings s = settings();
            initiator = new SocketInitiator(this, new FileStoreFactory(s), s, new SLF4JLogFactory(s), new DefaultMessageFactory());
            initiator.start();
        }
    }

    @Override
    public synchronized void logout() {
        if (initiator != null) {
            initiator.stop();
            initiator = null;
        }
    }

    @Override
    public synchronized void resetSequences() throws Exception {
        if (fault == Fault.NO_WEEKLY_RESET) {
            return;
        }
        for (SessionID sessionId : sessions.keySet()) {
            MessageStore store = new FileStoreFactory(settings()).create(sessionId);
            store.reset();
            ((java.io.Closeable) store).close();
        }
    }

    @Override
    public synchronized boolean useKeyPair(int n) {
        if (fault != Fault.KEEPS_KEY_PAIR_1) {
            keyPair = n;
        }
        return true;
    }

    @Override
    public List<String> delivered() {
        return delivered;
    }

    @Override
    public synchronized void close() {
        logout();
        if (silent != null) {
            try {
                silent.close();
            } catch (IOException e) {
                // closed
            }
        }
    }

    // ---- QuickFIX/J ---------------------------------------------------------------------------------------------

    @Override
    public void onCreate(SessionID id) {
    }

    @Override
    public void onLogon(SessionID id) {
        loggedOn = true;
    }

    @Override
    public void onLogout(SessionID id) {
        loggedOn = false;
        // after QuickFIX/J's own Logout reply (which takes a number): the next Logon carries exactly 789
        int next = nextExpected;
        if (next > 0) {
            nextExpected = 0;
            try {
                Session.lookupSession(id).setNextSenderMsgSeqNum(next);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private volatile int nextExpected;

    @Override
    public void toAdmin(Message m, SessionID id) {
        String type = type(m);
        if ("A".equals(type)) {
            LogonSigner.sign(m, keyPair == 1 ? KEY1 : KEY2, keyPair == 1 ? SECRET1 : SECRET2, "PlainClient", "1.0", "tests");
            if (fault == Fault.ENCRYPT_METHOD_ON_LOGON) {
                m.setInt(98, 0);
            }
            if (fault == Fault.ORIG_SENDING_TIME_ON_LOGON) {
                m.getHeader().setUtcTimeStamp(122, java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
            }
        }
        if ("4".equals(type) && fault == Fault.RESET_MODE_LOWER_36) {
            m.removeField(123);
            m.setInt(36, 1);
        }
    }

    @Override
    public void fromAdmin(Message m, SessionID id) throws FieldNotFound {
        if ("5".equals(type(m)) && m.isSetField(789) && !loggedOn && fault != Fault.IGNORE_789) {
            nextExpected = m.getInt(789);
        }
    }

    @Override
    public void toApp(Message m, SessionID id) {
    }

    @Override
    public void fromApp(Message m, SessionID id) {
        try {
            if (fault == Fault.ONE_SEQUENCE_HISTORY_FOR_ALL_SEGMENTS) {
                synchronized (outerSeqSeen) {
                    if (!outerSeqSeen.add(m.getHeader().getInt(34))) {
                        return;
                    }
                }
            }
            DropCopyEvent e = EventTranslator.translate(m.toString(), "certify", "plain");
            String key = ClientUnderTest.key(e.sourceSession(), e.sourceSeqNum(), e.requestTime());
            boolean possResend = e.possResend() || "Y".equals(e.field(97));
            synchronized (seen) {
                if (possResend && seen.contains(key) && fault != Fault.NO_DEDUP) {
                    return;
                }
                seen.add(key);
            }
            delivered.add(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String type(Message m) {
        try {
            return m.getHeader().getString(35);
        } catch (FieldNotFound e) {
            return "";
        }
    }
}
