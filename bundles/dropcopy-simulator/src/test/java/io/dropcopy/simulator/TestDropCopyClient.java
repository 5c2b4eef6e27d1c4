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

    /** Every 35=n received, in arrival order, translated by the model. */
    final List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
    final List<String> rawMessages = new CopyOnWriteArrayList<>();
    final List<String> logoutTexts = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final AtomicInteger logons = new AtomicInteger();

    private final SessionID sessionId = new SessionID("FIX.4.2", COMP_ID, "OPS1", "US,IL", "CME", "G", null, null);
    private final String accessKeyId;
    private final String secretKey;
    private final SocketInitiator initiator;

    TestDropCopyClient(int port, Path dir, String accessKeyId, String secretKey) throws IOException, ConfigError {
        this.accessKeyId = accessKeyId;
        this.secretKey = secretKey;
        Path dictionary = CmeDictionary.writeTo(dir);
        SessionSettings s = new SessionSettings();
        s.setString(sessionId, "ConnectionType", "initiator");
        s.setString(sessionId, "BeginString", "FIX.4.2");
        s.setString(sessionId, "SenderCompID", COMP_ID);
        s.setString(sessionId, "SenderSubID", "OPS1");
        s.setString(sessionId, "SenderLocationID", "US,IL");
        s.setString(sessionId, "TargetCompID", "CME");
        s.setString(sessionId, "TargetSubID", "G");
        s.setString(sessionId, "SocketConnectHost", "127.0.0.1");
        s.setLong(sessionId, "SocketConnectPort", port);
        s.setLong(sessionId, "HeartBtInt", 30);
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
    }

    @Override
    public void toAdmin(Message message, SessionID id) {
        try {
            if ("A".equals(message.getHeader().getString(35))) {
                LogonSigner.sign(message, accessKeyId, secretKey, "DropCopyTest", "1.0", "dropcopy-karaf");
            }
        } catch (FieldNotFound e) {
            errors.add(e.toString());
        }
    }

    @Override
    public void fromAdmin(Message message, SessionID id) throws FieldNotFound {
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
}
