package io.dropcopy.session.internal;

import io.dropcopy.fix.CmeSessionSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.format.TextStyle;
import java.util.Locale;
import javax.sql.DataSource;
import quickfix.FileStoreFactory;
import quickfix.JdbcStoreFactory;
import quickfix.MessageStoreFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;

/** How a target session sets QuickFIX/J up: its settings, its sequence store, the engine's tuning. */
final class QuickFixSettings {
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

    private QuickFixSettings() {
    }

    /** The settings of session {@code sessionId} connecting to {@code address} (one address at a time: AddressFailover, not QuickFIX/J, decides when to move to the next). */
    static SessionSettings of(TargetSessionConfig config, SessionID sessionId, TargetSessionConfig.Address address,
                              Path dictionary) {
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

    /** The sequence store: QuickFIX/J's file store under storeDir, or its JDBC store in the configured DataSource. */
    static MessageStoreFactory storeFactory(TargetSessionConfig config, SessionSettings settings, DataSource dataSource)
            throws IOException {
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
}
