package io.dropcopy.session.internal;

import io.dropcopy.session.api.SessionOptions;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of {@code etc/io.dropcopy.session-<name>.cfg} (config:* commands, web console); keys and defaults: {@link SessionOptions}. */
@ObjectClassDefinition(id = TargetSessionComponent.PID, name = "CME drop copy target session",
        description = "One CME Globex Drop Copy 4.0 target session (FIX 4.2, read-only).")
@interface SessionConfigDescription {
    @AttributeDefinition(description = "Session name; defaults to the part of the file name after 'io.dropcopy.session-'.", required = false)
    String name();

    @AttributeDefinition(description = "Drop copy group this session belongs to; routes consume it as dropcopy:<group>.")
    String group();

    @AttributeDefinition(description = "Your drop copy comp id (SenderCompID 49), ending with the fault-tolerance indicator N.")
    String senderCompId();

    @AttributeDefinition(description = "SenderSubID (50), part of the logon signature.", required = false)
    String senderSubId();

    @AttributeDefinition(description = "SenderLocationID (142), e.g. US,IL.", required = false)
    String senderLocationId();

    @AttributeDefinition(description = "TargetCompID (56).", defaultValue = SessionOptions.DEFAULT_TARGET_COMP_ID, required = false)
    String targetCompId();

    @AttributeDefinition(description = "TargetSubID (57): G on a Convenience Gateway target.", defaultValue = SessionOptions.DEFAULT_TARGET_SUB_ID, required = false)
    String targetSubId();

    @AttributeDefinition(description = "Gateway addresses host:port, comma-separated, primary first, then backup.")
    String addresses();

    @AttributeDefinition(description = "HeartBtInt (108) in seconds, 5-60.", defaultValue = "" + SessionOptions.DEFAULT_HEARTBEAT_INTERVAL, required = false)
    int heartbeatInterval();

    @AttributeDefinition(description = "Seconds between reconnect attempts, 1-300. No logon at an address: the next one at once; a whole round without a logon: the wait doubles per round, up to 60 s.", defaultValue = "" + SessionOptions.DEFAULT_RECONNECT_INTERVAL, required = false)
    int reconnectInterval();

    @AttributeDefinition(description = "Consumers (routes) of the group that must have subscribed before the group's sessions log on, 1-100; while fewer are there the sessions stay logged out. Set it to the number of routes reading the group: one starting later would miss what the others already received.", defaultValue = "" + SessionOptions.DEFAULT_CONSUMERS, required = false)
    int consumers();

    @AttributeDefinition(description = "Seconds a resend in flight may make no progress before it is requested again with PossDupFlag 43=Y (CME's enhanced resend). Default: heartbeatInterval.", required = false)
    int resendTimeout();

    @AttributeDefinition(description = "Failures to read the frame of one sequence number (QuickFIX/J cannot parse it: live, on resend, on the duplicate resend) before its raw bytes are dead-lettered with the reason and the session moves past that number, 2-100. Until then the number is requested again.", defaultValue = "" + SessionOptions.DEFAULT_UNREADABLE_FRAME_ATTEMPTS, required = false)
    int unreadableFrameAttempts();

    @AttributeDefinition(description = "Access key id (355) of the secure logon.")
    String accessKeyId();

    @AttributeDefinition(description = "Secret key (base64url) of the secure logon. Never logged or shown.", type = AttributeType.PASSWORD)
    String secretKey();

    @AttributeDefinition(description = "Access key id of the second key pair CME issued (key rotation; AutoCert+ mid-week key rotation).", required = false)
    String accessKeyId2();

    @AttributeDefinition(description = "Secret key (base64url) of the second key pair. Never logged or shown.", type = AttributeType.PASSWORD, required = false)
    String secretKey2();

    @AttributeDefinition(description = "Key pair that signs the logon: 1 (accessKeyId/secretKey) or 2 (accessKeyId2/secretKey2). Changing it rotates the key with sequence numbers kept.", defaultValue = "" + SessionOptions.DEFAULT_ACTIVE_KEY_PAIR, required = false)
    int activeKeyPair();

    @AttributeDefinition(description = "ApplicationSystemName (1603) registered with CME.", defaultValue = SessionOptions.DEFAULT_APPLICATION_SYSTEM_NAME, required = false)
    String applicationSystemName();

    @AttributeDefinition(description = "TradingSystemVersion (1604) registered with CME.", defaultValue = SessionOptions.DEFAULT_TRADING_SYSTEM_VERSION, required = false)
    String tradingSystemVersion();

    @AttributeDefinition(description = "ApplicationSystemVendor (1605) registered with CME.", defaultValue = SessionOptions.DEFAULT_APPLICATION_SYSTEM_VENDOR, required = false)
    String applicationSystemVendor();

    @AttributeDefinition(description = "Start of CME's trading week, '<day> <HH:mm>' (e.g. 'Sunday 16:00'): sequences start at 1 each week. Unset with weekEnd: always on.", required = false)
    String weekStart();

    @AttributeDefinition(description = "End of the trading week, '<day> <HH:mm>' (e.g. 'Friday 17:00'): the session logs out until the next weekStart.", required = false)
    String weekEnd();

    @AttributeDefinition(description = "Time zone of weekStart/weekEnd.", defaultValue = SessionOptions.DEFAULT_TIME_ZONE, required = false)
    String timeZone();

    @AttributeDefinition(description = "Sequence store: 'file' (under storeDir) or 'jdbc' (QuickFIX/J's JDBC store in the DataSource service chosen by dataSource.target, default (dataSourceName=dropcopy); tables created on start).", defaultValue = SessionOptions.DEFAULT_STORE, required = false)
    String store();

    @AttributeDefinition(description = "Where sequence numbers and dead letters live; default ${karaf.data}/dropcopy/sessions/<name>.", required = false)
    String storeDir();
}
