package io.dropcopy.simulator;

import io.dropcopy.fix.CmeDictionary;
import io.dropcopy.fix.LogonSigner;
import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.MalformedMessageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.SLF4JLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;

/**
 * A plain QuickFIX/J drop copy client for the tests (not the project's consumer): signs its Logon with
 * {@link LogonSigner#sign}, collects every 35=n it receives and every Logout text.
 */
final class TestDropCopyClient implements Application, AutoCloseable {
    static final String COMP_ID = SimulatorConfig.DEFAULT_TARGET_COMP_ID;

    /** Settings of the client beyond the defaults (HeartBtInt 30, no resend chunking, open resend ranges). */
    static final class Options {
        int heartbeat = 30;
        int resendChunkSize;
        boolean closedResendInterval;
        String compId = COMP_ID;
        String targetSubId = "G";
        int backupPort;

        /** TargetSubID(57): G on CGW, the market segment id on MSGW. */
        Options targetSubId(String sub) {
            this.targetSubId = sub;
            return this;
        }

        /** A second address (QuickFIX/J's SocketConnectPort1): the client alternates between them on reconnect. */
        Options backupPort(int port) {
            this.backupPort = port;
            return this;
        }

        /** The client's comp id: tests running at the same time need their own (QuickFIX/J's JVM-wide registry). */
        Options compId(String id) {
            this.compId = id;
            return this;
        }

        Options heartbeat(int seconds) {
            this.heartbeat = seconds;
            return this;
        }

        Options resendChunkSize(int size) {
            this.resendChunkSize = size;
            return this;
        }

        Options closedResendInterval(boolean closed) {
            this.closedResendInterval = closed;
            return this;
        }
    }

    /** Every 35=n received, in arrival order, translated by the model. */
    final List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
    final List<String> rawMessages = new CopyOnWriteArrayList<>();
    final List<String> logoutTexts = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final AtomicInteger logons = new AtomicInteger();
    /** onLogout calls: every end of a logged-on connection (Logout or dropped socket). */
    final AtomicInteger logouts = new AtomicInteger();
    /** Every admin message received (heartbeats included), as received. */
    final List<Message> admin = new CopyOnWriteArrayList<>();
    /** MsgSeqNum(34) of every Logon this client sent. */
    final List<Integer> sentLogonSeqs = new CopyOnWriteArrayList<>();
    /** Resend Requests this client sent. */
    final AtomicInteger resendRequestsSent = new AtomicInteger();

    private final SessionID sessionId;
    private final String accessKeyId;
    private final String secretKey;
    private final SocketInitiator initiator;

    TestDropCopyClient(int port, Path dir, String accessKeyId, String secretKey) throws IOException, ConfigError {
        this(port, dir, accessKeyId, secretKey, new Options());
    }

    TestDropCopyClient(int port, Path dir, Options options) throws IOException, ConfigError {
        this(port, dir, SimulatorConfig.DEFAULT_ACCESS_KEY_ID, SimulatorConfig.DEFAULT_SECRET_KEY, options);
    }

    TestDropCopyClient(int port, Path dir, String accessKeyId, String secretKey, Options options)
            throws IOException, ConfigError {
        this.sessionId = new SessionID("FIX.4.2", options.compId, "OPS1", "US,IL", "CME", options.targetSubId, null,
                null);
        this.accessKeyId = accessKeyId;
        this.secretKey = secretKey;
        Path dictionary = CmeDictionary.writeTo(dir);
        SessionSettings s = new SessionSettings();
        s.setString(sessionId, "ConnectionType", "initiator");
        s.setString(sessionId, "BeginString", "FIX.4.2");
        s.setString(sessionId, "SenderCompID", options.compId);
        s.setString(sessionId, "SenderSubID", "OPS1");
        s.setString(sessionId, "SenderLocationID", "US,IL");
        s.setString(sessionId, "TargetCompID", "CME");
        s.setString(sessionId, "TargetSubID", options.targetSubId);
        s.setString(sessionId, "SocketConnectHost", "127.0.0.1");
        s.setLong(sessionId, "SocketConnectPort", port);
        if (options.backupPort > 0) {
            s.setString(sessionId, "SocketConnectHost1", "127.0.0.1");
            s.setLong(sessionId, "SocketConnectPort1", options.backupPort);
        }
        s.setLong(sessionId, "HeartBtInt", options.heartbeat);
        s.setLong(sessionId, "ResendRequestChunkSize", options.resendChunkSize);
        s.setBool(sessionId, "ClosedResendInterval", options.closedResendInterval);
        s.setLong(sessionId, "ReconnectInterval", 1);
        io.dropcopy.fix.CmeSessionSettings.alwaysOn(s, sessionId);
        io.dropcopy.fix.CmeSessionSettings.applyDialect(s, sessionId, dictionary);
        s.setString(sessionId, "FileStorePath", dir.resolve("store").toString());
        initiator = new SocketInitiator(this, new FileStoreFactory(s), s, new SLF4JLogFactory(s),
                new DefaultMessageFactory());
    }

    void start() throws ConfigError {
        initiator.start();
    }

    boolean isLoggedOn() {
        return initiator.isLoggedOn();
    }

    List<String> execIds() {
        return events.stream().map(DropCopyEvent::execId).collect(java.util.stream.Collectors.toList());
    }

    @Override
    public void close() {
        initiator.stop(true);
    }

    @Override
    public void onCreate(SessionID id) {
    }

    @Override
    public void onLogon(SessionID id) {
        logons.incrementAndGet();
    }

    @Override
    public void onLogout(SessionID id) {
        logouts.incrementAndGet();
    }

    @Override
    public void toAdmin(Message message, SessionID id) {
        try {
            if ("2".equals(message.getHeader().getString(35))) {
                resendRequestsSent.incrementAndGet();
            }
            if ("A".equals(message.getHeader().getString(35))) {
                sentLogonSeqs.add(message.getHeader().getInt(34));
                LogonSigner.sign(message, accessKeyId, secretKey, "DropCopyTest", "1.0", "dropcopy-karaf");
            }
        } catch (FieldNotFound e) {
            errors.add(e.toString());
        }
    }

    @Override
    public void fromAdmin(Message message, SessionID id) throws FieldNotFound {
        admin.add(message);
        if ("5".equals(message.getHeader().getString(35))) {
            logoutTexts.add(message.isSetField(58) ? message.getString(58) : "");
        }
    }

    @Override
    public void toApp(Message message, SessionID id) {
    }

    @Override
    public void fromApp(Message message, SessionID id) throws FieldNotFound {
        if (!"n".equals(message.getHeader().getString(35))) {
            errors.add("unexpected application message " + message);
            return;
        }
        String raw = message.toString();
        try {
            events.add(EventTranslator.translate(raw, "test", id.toString()));
            rawMessages.add(raw);
        } catch (MalformedMessageException e) {
            errors.add(e.getMessage() + ": " + raw);
        }
    }

    Session session() {
        return Session.lookupSession(sessionId);
    }

    /** The admin messages of one type received, in order. */
    List<Message> admin(String msgType) {
        List<Message> list = new java.util.ArrayList<>();
        for (Message m : admin) {
            try {
                if (msgType.equals(m.getHeader().getString(35))) {
                    list.add(m);
                }
            } catch (FieldNotFound e) {
                // not a message without 35
            }
        }
        return list;
    }

    /** The events in the order of their outer sequence numbers (the client's processing order). */
    List<DropCopyEvent> eventsBySeq() {
        List<DropCopyEvent> list = new java.util.ArrayList<>(events);
        list.sort(java.util.Comparator.comparingLong(DropCopyEvent::seqNum));
        return list;
    }
}
