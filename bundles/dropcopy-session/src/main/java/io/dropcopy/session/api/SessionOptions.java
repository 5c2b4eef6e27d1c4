package io.dropcopy.session.api;

/**
 * The keys of a target session's configuration ({@code etc/io.dropcopy.session-<name>.cfg}, or the map given to
 * {@link SessionBuilder}) and their defaults, written once: the metatype, the parser and the builder read them from
 * here. A key without a {@code DEFAULT_} constant is required or has a default computed from another key.
 */
public final class SessionOptions {
    /** Session name; default the part of the file name after {@code io.dropcopy.session-}. */
    public static final String NAME = "name";
    /** Drop copy group; routes consume it as {@code dropcopy:<group>}. Required. */
    public static final String GROUP = "group";
    /** SenderCompID (49), ending with the fault-tolerance indicator N. Required. */
    public static final String SENDER_COMP_ID = "senderCompId";
    /** SenderSubID (50), part of the logon signature. */
    public static final String SENDER_SUB_ID = "senderSubId";
    /** SenderLocationID (142), e.g. US,IL. */
    public static final String SENDER_LOCATION_ID = "senderLocationId";
    /** TargetCompID (56). */
    public static final String TARGET_COMP_ID = "targetCompId";
    public static final String DEFAULT_TARGET_COMP_ID = "CME";
    /** TargetSubID (57): G on a Convenience Gateway target. */
    public static final String TARGET_SUB_ID = "targetSubId";
    public static final String DEFAULT_TARGET_SUB_ID = "G";
    /** Gateway addresses host:port, comma-separated, primary first. Required. */
    public static final String ADDRESSES = "addresses";
    /** HeartBtInt (108) in seconds, 5-60. */
    public static final String HEARTBEAT_INTERVAL = "heartbeatInterval";
    public static final int DEFAULT_HEARTBEAT_INTERVAL = 30;
    /** Seconds between reconnect attempts, 1-300. */
    public static final String RECONNECT_INTERVAL = "reconnectInterval";
    public static final int DEFAULT_RECONNECT_INTERVAL = 5;
    /** Consumers (routes) of the group that must have subscribed before its sessions log on, 1-100. */
    public static final String CONSUMERS = "consumers";
    public static final int DEFAULT_CONSUMERS = 1;
    /** Seconds a resend may make no progress before it is requested again with 43=Y; default heartbeatInterval. */
    public static final String RESEND_TIMEOUT = "resendTimeout";
    /**
     * Identical failures to read the frame of one sequence number (live, on resend, on the duplicate resend) before
     * its raw bytes are dead-lettered and the session moves past it, 2-100.
     */
    public static final String UNREADABLE_FRAME_ATTEMPTS = "unreadableFrameAttempts";
    public static final int DEFAULT_UNREADABLE_FRAME_ATTEMPTS = 3;
    /** Access key id (355) of the secure logon. Required. */
    public static final String ACCESS_KEY_ID = "accessKeyId";
    /** Secret key (base64url) of the secure logon. Required; never logged or shown. */
    public static final String SECRET_KEY = "secretKey";
    /** The second key pair CME issues for a rotation. */
    public static final String ACCESS_KEY_ID_2 = "accessKeyId2";
    public static final String SECRET_KEY_2 = "secretKey2";
    /** Key pair that signs the logon: 1 or 2. */
    public static final String ACTIVE_KEY_PAIR = "activeKeyPair";
    public static final int DEFAULT_ACTIVE_KEY_PAIR = 1;
    /** ApplicationSystemName (1603) registered with CME. */
    public static final String APPLICATION_SYSTEM_NAME = "applicationSystemName";
    public static final String DEFAULT_APPLICATION_SYSTEM_NAME = "karaf-dropcopy";
    /** TradingSystemVersion (1604) registered with CME. */
    public static final String TRADING_SYSTEM_VERSION = "tradingSystemVersion";
    public static final String DEFAULT_TRADING_SYSTEM_VERSION = "0.1";
    /** ApplicationSystemVendor (1605) registered with CME. */
    public static final String APPLICATION_SYSTEM_VENDOR = "applicationSystemVendor";
    public static final String DEFAULT_APPLICATION_SYSTEM_VENDOR = "dropcopy";
    /** Start of the trading week, {@code <day> <HH:mm>}; unset with weekEnd: always on. */
    public static final String WEEK_START = "weekStart";
    /** End of the trading week, {@code <day> <HH:mm>}. */
    public static final String WEEK_END = "weekEnd";
    /** Time zone of weekStart/weekEnd. */
    public static final String TIME_ZONE = "timeZone";
    public static final String DEFAULT_TIME_ZONE = "America/Chicago";
    /** Sequence store: {@code file} (under storeDir) or {@code jdbc} (a DataSource). */
    public static final String STORE = "store";
    public static final String STORE_FILE = "file";
    public static final String STORE_JDBC = "jdbc";
    public static final String DEFAULT_STORE = STORE_FILE;
    /** Where sequence numbers and dead letters live; default {@code <data>/dropcopy/sessions/<name>}. */
    public static final String STORE_DIR = "storeDir";
    /** In Karaf: the LDAP filter choosing the DataSource service of store = jdbc. */
    public static final String DATA_SOURCE_TARGET = "dataSource.target";
    public static final String DEFAULT_DATA_SOURCE_TARGET = "(dataSourceName=dropcopy)";

    private SessionOptions() {
    }
}
