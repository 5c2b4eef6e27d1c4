package io.dropcopy.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one simulated CME drop copy target session. Immutable; build with {@link #builder()} or
 * {@link #fromMap(Map)} (the OSGi configuration and the command line share that parser). The keys of
 * {@code fromMap} are the constants below.
 */
public final class SimulatorConfig {
    public static final String HOST = "host";
    public static final String PORT = "port";
    public static final String SENDER_COMP_ID = "senderCompId";
    public static final String SENDER_SUB_ID = "senderSubId";
    public static final String TARGET_COMP_ID = "targetCompId";
    public static final String ACCESS_KEY_ID = "accessKeyId";
    public static final String SECRET_KEY = "secretKey";
    public static final String RATE = "rate";
    public static final String ORDERS = "orders";
    public static final String STORE_DIR = "storeDir";
    public static final String HEARTBEAT_INTERVAL = "heartbeatInterval";
    /** The simulator's name (Karaf commands, logs); default: from the configuration file name, else targetCompId. */
    public static final String NAME = "name";
    public static final String SCENARIO = "scenario";
    public static final String SEED = "seed";
    public static final String BURST_SIZE = "burstSize";
    public static final String BURST_EVERY = "burstEvery";
    public static final String RESEND_WINDOW = "resendWindow";
    public static final String TEST_REQUEST_DELAY_MULTIPLIER = "testRequestDelayMultiplier";
    public static final String HEARTBEAT_TIMEOUT_MULTIPLIER = "heartbeatTimeoutMultiplier";
    public static final String POSS_RESEND_EVERY = "possResendEvery";
    public static final String DROP_EVERY = "dropEvery";
    public static final String DISCONNECT_EVERY = "disconnectEvery";
    public static final String THROTTLE = "throttle";
    public static final String RECORD = "record";
    public static final String REPLAY = "replay";
    public static final String REPLAY_SPEED = "replaySpeed";
    /** CGW backup gateway: its port (0 = no backup) and address (default: {@link #HOST}). */
    public static final String BACKUP_PORT = "backupPort";
    public static final String BACKUP_HOST = "backupHost";
    /** Outbound sequence jump when the backup takes over (4,000 in CME's certification). */
    public static final String FAILOVER_JUMP = "failoverJump";
    /**
     * MSGW: the market segments of this target session, each its own gateway (port), sequence stream and store:
     * {@code 64,74,80} (ports port, port+1, ...; backups backupPort, backupPort+1, ...) or
     * {@code 64:19001/19101,74:19002} (segment:port[/backupPort]). Empty: one CGW session.
     */
    public static final String SEGMENTS = "segments";
    /** CME closes a connection that sends no Logon within that time (60 s); 0 = never. */
    public static final String LOGON_TIMEOUT = "logonTimeout";

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 19000;
    public static final String DEFAULT_SENDER_COMP_ID = "CME";
    public static final String DEFAULT_SENDER_SUB_ID = "G";
    public static final String DEFAULT_TARGET_COMP_ID = "DEMO01N";
    public static final String DEFAULT_ACCESS_KEY_ID = "DEMO-ACCESS-KEY-0001";
    /** CME's public test-vector secret: a demo value, never a real credential. */
    public static final String DEFAULT_SECRET_KEY = "2HlZ7exg8jTKltXnURjKvm3GS5iF5n4ClzHiEm_ocv4";
    public static final double DEFAULT_RATE = 5;
    public static final long DEFAULT_ORDERS = 0;
    public static final Path DEFAULT_STORE_DIR = Path.of("sim-data");
    public static final int DEFAULT_HEARTBEAT_INTERVAL = 30;
    public static final Scenario DEFAULT_SCENARIO = Scenario.DEFAULT;
    public static final long DEFAULT_SEED = 1;
    public static final int DEFAULT_BURST_SIZE = 0;
    public static final double DEFAULT_BURST_EVERY = 10;
    /** CME resends only within 48 hours (from the Sunday start-up). */
    public static final Duration DEFAULT_RESEND_WINDOW = Duration.ofHours(48);
    /** QuickFIX/J's default: a Test Request after (1 + 0.5) x HeartBtInt of silence. */
    public static final double DEFAULT_TEST_REQUEST_DELAY_MULTIPLIER = 0.5;
    /** QuickFIX/J's default: the socket is closed after (1 + 1.4) x HeartBtInt of silence. */
    public static final double DEFAULT_HEARTBEAT_TIMEOUT_MULTIPLIER = 1.4;
    public static final int DEFAULT_FAILOVER_JUMP = 4000;
    public static final Duration DEFAULT_LOGON_TIMEOUT = Duration.ofSeconds(60);
    /** Replay speed meaning "as fast as possible". */
    public static final double MAX_SPEED = Double.POSITIVE_INFINITY;

    /** What the generator sends. */
    public enum Scenario {
        /** Per order k: ack, partial fill, fill with ExecIDs SIM%08d-step (the demo and the consumer's tests). */
        DEFAULT,
        /** Deterministic (seed) order lifecycles over several iLink source sessions, instruments and spreads. */
        REALISTIC;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Scenario parse(String text) {
            for (Scenario s : values()) {
                if (s.label().equalsIgnoreCase(text.strip())) {
                    return s;
                }
            }
            throw new ConfigException(SCENARIO, "must be default or realistic, got " + text);
        }
    }

    /** One MSGW market segment: its id (TargetSubID 57 of the client, SenderSubID 50 of CME) and gateway ports. */
    public static final class Segment {
        private final String id;
        private final int port;
        private final int backupPort;

        public Segment(String id, int port, int backupPort) {
            this.id = id;
            this.port = port;
            this.backupPort = backupPort;
        }

        public String id() {
            return id;
        }

        /** Its own port, or 0: the session's port plus the segment's index. */
        public int port() {
            return port;
        }

        /** Its own backup port, or 0: the session's backup port plus the index (none without one). */
        public int backupPort() {
            return backupPort;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Segment && ((Segment) o).id.equals(id) && ((Segment) o).port == port
                    && ((Segment) o).backupPort == backupPort;
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, port, backupPort);
        }

        @Override
        public String toString() {
            return id + (port > 0 ? ":" + port + (backupPort > 0 ? "/" + backupPort : "") : "");
        }
    }

    /** Parses {@link #SEGMENTS}: {@code 64,74} or {@code 64:19001/19101,74:19002}. */
    public static java.util.List<Segment> parseSegments(String text) {
        java.util.List<Segment> list = new java.util.ArrayList<>();
        if (text == null || text.isBlank()) {
            return list;
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([^:/\\s]+)(?::([0-9]+)(?:/([0-9]+))?)?")
                    .matcher(p);
            if (!m.matches()) {
                throw new ConfigException(SEGMENTS, "expected segment[:port[/backupPort]], comma-separated (64,74 or"
                        + " 64:19001/19101), got '" + p + "'");
            }
            if (!ids.add(m.group(1))) {
                throw new ConfigException(SEGMENTS, "segment " + m.group(1) + " given twice");
            }
            list.add(new Segment(m.group(1), m.group(2) == null ? 0 : toInt(SEGMENTS, m.group(2)),
                    m.group(3) == null ? 0 : toInt(SEGMENTS, m.group(3))));
        }
        return list;
    }

    static String segmentsText(java.util.List<Segment> segments) {
        StringBuilder b = new StringBuilder();
        for (Segment s : segments) {
            b.append(b.length() > 0 ? "," : "").append(s);
        }
        return b.toString();
    }

    private final String host;
    private final int port;
    private final String senderCompId;
    private final String senderSubId;
    private final String targetCompId;
    private final String accessKeyId;
    private final String secretKey;
    private final double rate;
    private final long orders;
    private final Path storeDir;
    private final int heartbeatInterval;
    private final String name;
    private final Scenario scenario;
    private final long seed;
    private final int burstSize;
    private final double burstEvery;
    private final Duration resendWindow;
    private final double testRequestDelayMultiplier;
    private final double heartbeatTimeoutMultiplier;
    private final int possResendEvery;
    private final int dropEvery;
    private final double disconnectEvery;
    private final double throttle;
    private final Path record;
    private final Path replay;
    private final double replaySpeed;
    private final String backupHost;
    private final int backupPort;
    private final int failoverJump;
    private final java.util.List<Segment> segments;
    private final String segmentId;
    private final Duration logonTimeout;

    private SimulatorConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.senderCompId = b.senderCompId;
        this.senderSubId = b.senderSubId;
        this.targetCompId = b.targetCompId;
        this.accessKeyId = b.accessKeyId;
        this.secretKey = b.secretKey;
        this.rate = b.rate;
        this.orders = b.orders;
        this.storeDir = b.storeDir;
        this.heartbeatInterval = b.heartbeatInterval;
        this.name = b.name;
        this.scenario = b.scenario;
        this.seed = b.seed;
        this.burstSize = b.burstSize;
        this.burstEvery = b.burstEvery;
        this.resendWindow = b.resendWindow;
        this.testRequestDelayMultiplier = b.testRequestDelayMultiplier;
        this.heartbeatTimeoutMultiplier = b.heartbeatTimeoutMultiplier;
        this.possResendEvery = b.possResendEvery;
        this.dropEvery = b.dropEvery;
        this.disconnectEvery = b.disconnectEvery;
        this.throttle = b.throttle;
        this.record = b.record;
        this.replay = b.replay;
        this.replaySpeed = b.replaySpeed;
        this.backupHost = b.backupHost;
        this.backupPort = b.backupPort;
        this.failoverJump = b.failoverJump;
        this.segments = java.util.List.copyOf(b.segments);
        this.segmentId = b.segmentId;
        this.logonTimeout = b.logonTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder().host(host).port(port).senderCompId(senderCompId).senderSubId(senderSubId)
                .targetCompId(targetCompId).accessKeyId(accessKeyId).secretKey(secretKey).rate(rate)
                .orders(orders).storeDir(storeDir).heartbeatInterval(heartbeatInterval).name(name).scenario(scenario)
                .seed(seed).burstSize(burstSize).burstEvery(burstEvery).resendWindow(resendWindow)
                .testRequestDelayMultiplier(testRequestDelayMultiplier)
                .heartbeatTimeoutMultiplier(heartbeatTimeoutMultiplier).possResendEvery(possResendEvery)
                .dropEvery(dropEvery).disconnectEvery(disconnectEvery).throttle(throttle).record(record)
                .replay(replay).replaySpeed(replaySpeed).backupHost(backupHost).backupPort(backupPort)
                .failoverJump(failoverJump).segments(segments).segmentId(segmentId).logonTimeout(logonTimeout);
    }

    /**
     * Reads the keys named by the constants of this class; absent, null or blank values keep their defaults.
     * Values may be strings or numbers (OSGi configurations carry either). Unknown keys are ignored (OSGi adds
     * its own, such as service.pid). The result is {@linkplain #validate() validated}.
     *
     * @throws ConfigException naming the key of the first bad value (the secret key's value is never echoed)
     */
    public static SimulatorConfig fromMap(Map<String, ?> map) {
        Builder b = builder();
        String v;
        if ((v = text(map, HOST)) != null) {
            b.host(v);
        }
        if ((v = text(map, PORT)) != null) {
            b.port(toInt(PORT, v));
        }
        if ((v = text(map, SENDER_COMP_ID)) != null) {
            b.senderCompId(v);
        }
        if ((v = text(map, SENDER_SUB_ID)) != null) {
            b.senderSubId(v);
        }
        if ((v = text(map, TARGET_COMP_ID)) != null) {
            b.targetCompId(v);
        }
        if ((v = text(map, ACCESS_KEY_ID)) != null) {
            b.accessKeyId(v);
        }
        if ((v = text(map, SECRET_KEY)) != null) {
            b.secretKey(v);
        }
        if ((v = text(map, RATE)) != null) {
            try {
                b.rate(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                throw new ConfigException(RATE, "not a number: " + v);
            }
        }
        if ((v = text(map, ORDERS)) != null) {
            try {
                b.orders(Long.parseLong(v));
            } catch (NumberFormatException e) {
                throw new ConfigException(ORDERS, "not an integer: " + v);
            }
        }
        if ((v = text(map, STORE_DIR)) != null) {
            try {
                b.storeDir(Path.of(v));
            } catch (RuntimeException e) {
                throw new ConfigException(STORE_DIR, "not a path: " + v);
            }
        }
        if ((v = text(map, HEARTBEAT_INTERVAL)) != null) {
            b.heartbeatInterval(toInt(HEARTBEAT_INTERVAL, v));
        }
        if ((v = text(map, NAME)) != null) {
            b.name(v);
        }
        if ((v = text(map, SCENARIO)) != null) {
            b.scenario(Scenario.parse(v));
        }
        if ((v = text(map, SEED)) != null) {
            try {
                b.seed(Long.parseLong(v));
            } catch (NumberFormatException e) {
                throw new ConfigException(SEED, "not an integer: " + v);
            }
        }
        if ((v = text(map, BURST_SIZE)) != null) {
            b.burstSize(toInt(BURST_SIZE, v));
        }
        if ((v = text(map, BURST_EVERY)) != null) {
            b.burstEvery(toDouble(BURST_EVERY, v));
        }
        if ((v = text(map, RESEND_WINDOW)) != null) {
            b.resendWindow(parseDuration(RESEND_WINDOW, v));
        }
        if ((v = text(map, TEST_REQUEST_DELAY_MULTIPLIER)) != null) {
            b.testRequestDelayMultiplier(toDouble(TEST_REQUEST_DELAY_MULTIPLIER, v));
        }
        if ((v = text(map, HEARTBEAT_TIMEOUT_MULTIPLIER)) != null) {
            b.heartbeatTimeoutMultiplier(toDouble(HEARTBEAT_TIMEOUT_MULTIPLIER, v));
        }
        if ((v = text(map, POSS_RESEND_EVERY)) != null) {
            b.possResendEvery(toInt(POSS_RESEND_EVERY, v));
        }
        if ((v = text(map, DROP_EVERY)) != null) {
            b.dropEvery(toInt(DROP_EVERY, v));
        }
        if ((v = text(map, DISCONNECT_EVERY)) != null) {
            b.disconnectEvery(toDouble(DISCONNECT_EVERY, v));
        }
        if ((v = text(map, THROTTLE)) != null) {
            b.throttle(toDouble(THROTTLE, v));
        }
        if ((v = text(map, RECORD)) != null) {
            b.record(toPath(RECORD, v));
        }
        if ((v = text(map, REPLAY)) != null) {
            b.replay(toPath(REPLAY, v));
        }
        if ((v = text(map, REPLAY_SPEED)) != null) {
            b.replaySpeed(parseSpeed(REPLAY_SPEED, v));
        }
        if ((v = text(map, BACKUP_HOST)) != null) {
            b.backupHost(v);
        }
        if ((v = text(map, BACKUP_PORT)) != null) {
            b.backupPort(toInt(BACKUP_PORT, v));
        }
        if ((v = text(map, FAILOVER_JUMP)) != null) {
            b.failoverJump(toInt(FAILOVER_JUMP, v));
        }
        if ((v = text(map, SEGMENTS)) != null) {
            b.segments(parseSegments(v));
        }
        if ((v = text(map, LOGON_TIMEOUT)) != null) {
            b.logonTimeout(v.equals("0") ? Duration.ZERO : parseDuration(LOGON_TIMEOUT, v));
        }
        return b.build().validate();
    }

    private static String text(Map<String, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        String s = value.toString().strip();
        return s.isEmpty() ? null : s;
    }

    private static double toDouble(String key, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "not a number: " + v);
        }
    }

    private static Path toPath(String key, String v) {
        try {
            return Path.of(v);
        } catch (RuntimeException e) {
            throw new ConfigException(key, "not a path: " + v);
        }
    }

    /**
     * A duration: a number with a unit {@code ms}, {@code s}, {@code m}, {@code h} or {@code d} ({@code 48h},
     * {@code 90s}, {@code 500ms}), or ISO-8601 ({@code PT48H}).
     *
     * @throws ConfigException naming {@code key}
     */
    public static Duration parseDuration(String key, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|m|h|d)").matcher(t);
            if (m.matches()) {
                double n = Double.parseDouble(m.group(1));
                long unitMillis;
                switch (m.group(2)) {
                    case "ms": unitMillis = 1; break;
                    case "s": unitMillis = 1000; break;
                    case "m": unitMillis = 60_000; break;
                    case "h": unitMillis = 3_600_000; break;
                    default: unitMillis = 86_400_000; break;
                }
                return Duration.ofMillis(Math.round(n * unitMillis));
            }
        } catch (RuntimeException e) {
            // fall through
        }
        throw new ConfigException(key, "not a duration (e.g. 48h, 90m, 30s, 500ms or PT48H): " + text);
    }

    /** A replay speed: a positive number (1 = as recorded, 10 = ten times faster) or {@code max}. */
    public static double parseSpeed(String key, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("max")) {
            return MAX_SPEED;
        }
        double speed;
        try {
            speed = Double.parseDouble(t.endsWith("x") ? t.substring(0, t.length() - 1) : t);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be a number > 0 or max, got " + text);
        }
        if (!(speed > 0)) {
            throw new ConfigException(key, "must be a number > 0 or max, got " + text);
        }
        return speed;
    }

    /** The speed as written in configuration: {@code max} or the number. */
    public static String speedText(double speed) {
        return Double.isInfinite(speed) ? "max" : (speed == Math.rint(speed) ? String.valueOf((long) speed) : String.valueOf(speed));
    }

    /** A duration as written in configuration ({@code 48h}, {@code 90s}, {@code 500ms}). */
    public static String durationText(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    private static int toInt(String key, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "not an integer: " + v);
        }
    }

    /**
     * Checks every value.
     *
     * @return this
     * @throws ConfigException naming the key of the first bad value
     */
    public SimulatorConfig validate() {
        requireText(HOST, host);
        if (port < 1 || port > 65535) {
            throw new ConfigException(PORT, "must be between 1 and 65535, got " + port);
        }
        requireCompId(SENDER_COMP_ID, senderCompId);
        requireCompId(SENDER_SUB_ID, senderSubId);
        requireCompId(TARGET_COMP_ID, targetCompId);
        requireCompId(ACCESS_KEY_ID, accessKeyId);
        requireText(SECRET_KEY, secretKey);
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(secretKey.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SECRET_KEY, "not base64url-encoded (value not shown)");
        }
        if (key.length == 0) {
            throw new ConfigException(SECRET_KEY, "decodes to no bytes");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new ConfigException(RATE, "must be a finite number >= 0 (0 = as fast as possible), got " + rate);
        }
        if (orders < 0) {
            throw new ConfigException(ORDERS, "must be >= 0 (0 = unlimited), got " + orders);
        }
        if (storeDir == null) {
            throw new ConfigException(STORE_DIR, "is required");
        }
        if (heartbeatInterval < 1) {
            throw new ConfigException(HEARTBEAT_INTERVAL, "must be >= 1 second, got " + heartbeatInterval);
        }
        if (name != null) {
            requireCompId(NAME, name);
        }
        if (scenario == null) {
            throw new ConfigException(SCENARIO, "is required");
        }
        if (burstSize < 0) {
            throw new ConfigException(BURST_SIZE, "must be >= 0 (0 = no bursts), got " + burstSize);
        }
        if (!(burstEvery > 0) || Double.isInfinite(burstEvery)) {
            throw new ConfigException(BURST_EVERY, "must be a number of seconds > 0, got " + burstEvery);
        }
        if (resendWindow == null || resendWindow.isNegative() || resendWindow.isZero()) {
            throw new ConfigException(RESEND_WINDOW, "must be a duration > 0, got " + resendWindow);
        }
        if (!(testRequestDelayMultiplier >= 0) || Double.isInfinite(testRequestDelayMultiplier)) {
            throw new ConfigException(TEST_REQUEST_DELAY_MULTIPLIER, "must be a number >= 0, got "
                    + testRequestDelayMultiplier);
        }
        if (!(heartbeatTimeoutMultiplier > 0) || Double.isInfinite(heartbeatTimeoutMultiplier)) {
            throw new ConfigException(HEARTBEAT_TIMEOUT_MULTIPLIER, "must be a number > 0, got "
                    + heartbeatTimeoutMultiplier);
        }
        if (heartbeatTimeoutMultiplier <= testRequestDelayMultiplier) {
            throw new ConfigException(HEARTBEAT_TIMEOUT_MULTIPLIER, "must be greater than "
                    + TEST_REQUEST_DELAY_MULTIPLIER + " (" + testRequestDelayMultiplier + "): the Test Request"
                    + " comes before the disconnect, got " + heartbeatTimeoutMultiplier);
        }
        if (possResendEvery < 0) {
            throw new ConfigException(POSS_RESEND_EVERY, "must be >= 0 (0 = off), got " + possResendEvery);
        }
        if (dropEvery < 0 || dropEvery == 1) {
            throw new ConfigException(DROP_EVERY, "must be 0 (off) or >= 2, got " + dropEvery);
        }
        if (!(disconnectEvery >= 0) || Double.isInfinite(disconnectEvery)) {
            throw new ConfigException(DISCONNECT_EVERY, "must be a number of seconds >= 0 (0 = off), got "
                    + disconnectEvery);
        }
        if (!(throttle >= 0) || Double.isInfinite(throttle)) {
            throw new ConfigException(THROTTLE, "must be a number of messages per second >= 0 (0 = off), got "
                    + throttle);
        }
        if (!(replaySpeed > 0)) {
            throw new ConfigException(REPLAY_SPEED, "must be a number > 0 or max, got " + replaySpeed);
        }
        if (backupPort < 0 || backupPort > 65535) {
            throw new ConfigException(BACKUP_PORT, "must be between 1 and 65535, or 0 for no backup, got " + backupPort);
        }
        if (backupPort != 0 && backupPort == port && backupHost().equals(host)) {
            throw new ConfigException(BACKUP_PORT, "must differ from the primary's port " + port);
        }
        if (failoverJump < 0) {
            throw new ConfigException(FAILOVER_JUMP, "must be >= 0, got " + failoverJump);
        }
        for (Segment s : segments) {
            requireCompId(SEGMENTS, s.id());
            if (s.port() > 65535 || s.backupPort() > 65535) {
                throw new ConfigException(SEGMENTS, "segment " + s + ": ports go up to 65535");
            }
        }
        if (logonTimeout == null || logonTimeout.isNegative()) {
            throw new ConfigException(LOGON_TIMEOUT, "must be a duration >= 0 (0 = never), got " + logonTimeout);
        }
        return this;
    }

    private static void requireText(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, "must not be empty");
        }
    }

    private static void requireCompId(String key, String value) {
        requireText(key, value);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '=' || c == '|' || c > '~') {
                throw new ConfigException(key, "must be printable ASCII without spaces, '=' or '|': " + value);
            }
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** CME's comp id on the target session (49 of what the simulator sends). */
    public String senderCompId() {
        return senderCompId;
    }

    /** CME's sub id on the target session (50 of what the simulator sends). */
    public String senderSubId() {
        return senderSubId;
    }

    /** The client's drop copy comp id (56 of what the simulator sends). */
    public String targetCompId() {
        return targetCompId;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Messages per second; 0 = as fast as possible. */
    public double rate() {
        return rate;
    }

    /** The number of synthetic orders in the stream (the last order number); 0 = unlimited. */
    public long orders() {
        return orders;
    }

    public Path storeDir() {
        return storeDir;
    }

    public int heartbeatInterval() {
        return heartbeatInterval;
    }

    /** The name set in the configuration, or null (then {@link #displayName()} is the target comp id). */
    public String name() {
        return name;
    }

    /** The simulator's name for commands and logs: {@link #name()}, else the client's comp id. */
    public String displayName() {
        return name != null ? name : targetCompId;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Seed of the realistic scenario: the same seed gives the same stream (all but the timestamps). */
    public long seed() {
        return seed;
    }

    /** Messages sent back to back every {@link #burstEvery()} seconds, on top of the rate; 0 = no bursts. */
    public int burstSize() {
        return burstSize;
    }

    public double burstEvery() {
        return burstEvery;
    }

    public Duration resendWindow() {
        return resendWindow;
    }

    /** QuickFIX/J TestRequestDelayMultiplier: a Test Request after (1 + this) x HeartBtInt without a message. */
    public double testRequestDelayMultiplier() {
        return testRequestDelayMultiplier;
    }

    /** QuickFIX/J HeartBeatTimeoutMultiplier: the socket is closed after (1 + this) x HeartBtInt of silence. */
    public double heartbeatTimeoutMultiplier() {
        return heartbeatTimeoutMultiplier;
    }

    /** Every that many business messages, a PossResend (97=Y) copy of an earlier one; 0 = off. */
    public int possResendEvery() {
        return possResendEvery;
    }

    /** Every that many business messages, one is lost on the wire (stored, so a resend recovers it); 0 = off. */
    public int dropEvery() {
        return dropEvery;
    }

    /** Seconds between forced disconnects (the socket is dropped) while the client is logged on; 0 = off. */
    public double disconnectEvery() {
        return disconnectEvery;
    }

    /** Messages per second the wire carries at most (a slow link); 0 = off. */
    public double throttle() {
        return throttle;
    }

    /** File the outbound stream is recorded to (appended), or null. */
    public Path record() {
        return record;
    }

    /** Recorded file replayed instead of the synthetic stream, or null. */
    public Path replay() {
        return replay;
    }

    /** Replay speed: 1 = as recorded, 10 = ten times faster, {@link #MAX_SPEED} = as fast as possible. */
    public double replaySpeed() {
        return replaySpeed;
    }

    /** Port of the CGW backup gateway (same sequence stream as the primary), or 0: no backup. */
    public int backupPort() {
        return backupPort;
    }

    /** Address of the backup gateway: {@link #host()} unless set. */
    public String backupHost() {
        return backupHost != null ? backupHost : host;
    }

    /** Outbound sequence jump when the backup takes over from the primary. */
    public int failoverJump() {
        return failoverJump;
    }

    /** MSGW market segments of this target session; empty for a CGW session. */
    public java.util.List<Segment> segments() {
        return segments;
    }

    /** The market segment this (expanded, {@link #forSegment}) configuration is, or null. */
    public String segmentId() {
        return segmentId;
    }

    /** A connection sending no Logon within this time is closed; zero = never. */
    public Duration logonTimeout() {
        return logonTimeout;
    }

    /**
     * The configuration of market segment {@code index} of {@link #segments()}: its own name ({@code name/64}),
     * ports, store directory and recording file, CME's SenderSubID(50) = the segment id.
     */
    public SimulatorConfig forSegment(int index) {
        Segment seg = segments.get(index);
        int p = seg.port() > 0 ? seg.port() : port + index;
        int bp = seg.backupPort() > 0 ? seg.backupPort() : backupPort > 0 ? backupPort + index : 0;
        Builder b = toBuilder().name(displayName() + "/" + seg.id()).port(p).backupPort(bp).senderSubId(seg.id())
                .storeDir(storeDir.resolve("segment-" + seg.id())).segmentId(seg.id());
        if (record != null) {
            String f = record.getFileName().toString();
            int dot = f.lastIndexOf('.');
            String named = dot > 0 ? f.substring(0, dot) + "-" + seg.id() + f.substring(dot) : f + "-" + seg.id();
            b.record(record.resolveSibling(named));
        }
        return b.build().validate();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SimulatorConfig)) {
            return false;
        }
        SimulatorConfig c = (SimulatorConfig) o;
        return port == c.port && Double.compare(rate, c.rate) == 0 && orders == c.orders
                && heartbeatInterval == c.heartbeatInterval && Objects.equals(host, c.host)
                && Objects.equals(senderCompId, c.senderCompId) && Objects.equals(senderSubId, c.senderSubId)
                && Objects.equals(targetCompId, c.targetCompId) && Objects.equals(accessKeyId, c.accessKeyId)
                && Objects.equals(secretKey, c.secretKey) && Objects.equals(storeDir, c.storeDir)
                && Objects.equals(name, c.name) && scenario == c.scenario && seed == c.seed
                && burstSize == c.burstSize && Double.compare(burstEvery, c.burstEvery) == 0
                && Objects.equals(resendWindow, c.resendWindow)
                && Double.compare(testRequestDelayMultiplier, c.testRequestDelayMultiplier) == 0
                && Double.compare(heartbeatTimeoutMultiplier, c.heartbeatTimeoutMultiplier) == 0
                && possResendEvery == c.possResendEvery && dropEvery == c.dropEvery
                && Double.compare(disconnectEvery, c.disconnectEvery) == 0 && Double.compare(throttle, c.throttle) == 0
                && Objects.equals(record, c.record) && Objects.equals(replay, c.replay)
                && Double.compare(replaySpeed, c.replaySpeed) == 0 && Objects.equals(backupHost, c.backupHost)
                && backupPort == c.backupPort && failoverJump == c.failoverJump && segments.equals(c.segments)
                && Objects.equals(segmentId, c.segmentId) && logonTimeout.equals(c.logonTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, senderCompId, senderSubId, targetCompId, accessKeyId, rate, orders, storeDir,
                heartbeatInterval, name, scenario, seed, burstSize, burstEvery, resendWindow, testRequestDelayMultiplier,
                heartbeatTimeoutMultiplier, possResendEvery, dropEvery, disconnectEvery, throttle, record, replay,
                replaySpeed, backupHost, backupPort, failoverJump, segments, segmentId, logonTimeout);
    }

    /** Every value except the secret key. */
    @Override
    public String toString() {
        return "SimulatorConfig{host=" + host + ", port=" + port + ", senderCompId=" + senderCompId
                + ", senderSubId=" + senderSubId + ", targetCompId=" + targetCompId + ", accessKeyId=" + accessKeyId
                + ", secretKey=***, rate=" + rate + ", orders=" + orders + ", storeDir=" + storeDir
                + ", heartbeatInterval=" + heartbeatInterval + (name != null ? ", name=" + name : "")
                + ", scenario=" + scenario.label() + (scenario == Scenario.REALISTIC ? ", seed=" + seed : "")
                + (burstSize > 0 ? ", burstSize=" + burstSize + ", burstEvery=" + burstEvery : "")
                + ", resendWindow=" + durationText(resendWindow)
                + ", testRequestDelayMultiplier=" + testRequestDelayMultiplier
                + ", heartbeatTimeoutMultiplier=" + heartbeatTimeoutMultiplier
                + (possResendEvery > 0 ? ", possResendEvery=" + possResendEvery : "")
                + (dropEvery > 0 ? ", dropEvery=" + dropEvery : "")
                + (disconnectEvery > 0 ? ", disconnectEvery=" + disconnectEvery : "")
                + (throttle > 0 ? ", throttle=" + throttle : "")
                + (record != null ? ", record=" + record : "")
                + (replay != null ? ", replay=" + replay + ", replaySpeed=" + speedText(replaySpeed) : "")
                + (backupPort > 0 ? ", backup=" + backupHost() + ":" + backupPort + ", failoverJump=" + failoverJump : "")
                + (segments.isEmpty() ? "" : ", segments=" + segmentsText(segments))
                + (segmentId != null ? ", segment=" + segmentId : "")
                + (logonTimeout.equals(DEFAULT_LOGON_TIMEOUT) ? "" : ", logonTimeout=" + durationText(logonTimeout)) + "}";
    }

    /** Fluent builder; {@link #build()} does not validate (call {@link SimulatorConfig#validate()}). */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String senderCompId = DEFAULT_SENDER_COMP_ID;
        private String senderSubId = DEFAULT_SENDER_SUB_ID;
        private String targetCompId = DEFAULT_TARGET_COMP_ID;
        private String accessKeyId = DEFAULT_ACCESS_KEY_ID;
        private String secretKey = DEFAULT_SECRET_KEY;
        private double rate = DEFAULT_RATE;
        private long orders = DEFAULT_ORDERS;
        private Path storeDir = DEFAULT_STORE_DIR;
        private int heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private String name;
        private Scenario scenario = DEFAULT_SCENARIO;
        private long seed = DEFAULT_SEED;
        private int burstSize = DEFAULT_BURST_SIZE;
        private double burstEvery = DEFAULT_BURST_EVERY;
        private Duration resendWindow = DEFAULT_RESEND_WINDOW;
        private double testRequestDelayMultiplier = DEFAULT_TEST_REQUEST_DELAY_MULTIPLIER;
        private double heartbeatTimeoutMultiplier = DEFAULT_HEARTBEAT_TIMEOUT_MULTIPLIER;
        private int possResendEvery;
        private int dropEvery;
        private double disconnectEvery;
        private double throttle;
        private Path record;
        private Path replay;
        private double replaySpeed = 1;
        private String backupHost;
        private int backupPort;
        private int failoverJump = DEFAULT_FAILOVER_JUMP;
        private java.util.List<Segment> segments = java.util.List.of();
        private String segmentId;
        private Duration logonTimeout = DEFAULT_LOGON_TIMEOUT;

        private Builder() {
        }

        public Builder backupHost(String backupHost) {
            this.backupHost = backupHost;
            return this;
        }

        public Builder backupPort(int backupPort) {
            this.backupPort = backupPort;
            return this;
        }

        public Builder failoverJump(int failoverJump) {
            this.failoverJump = failoverJump;
            return this;
        }

        public Builder segments(java.util.List<Segment> segments) {
            this.segments = segments == null ? java.util.List.of() : segments;
            return this;
        }

        /** Segments as in {@link SimulatorConfig#SEGMENTS}: {@code 64,74} or {@code 64:19001/19101,74:19002}. */
        public Builder segments(String spec) {
            return segments(parseSegments(spec));
        }

        Builder segmentId(String segmentId) {
            this.segmentId = segmentId;
            return this;
        }

        public Builder logonTimeout(Duration logonTimeout) {
            this.logonTimeout = logonTimeout;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder senderCompId(String senderCompId) {
            this.senderCompId = senderCompId;
            return this;
        }

        public Builder senderSubId(String senderSubId) {
            this.senderSubId = senderSubId;
            return this;
        }

        public Builder targetCompId(String targetCompId) {
            this.targetCompId = targetCompId;
            return this;
        }

        public Builder accessKeyId(String accessKeyId) {
            this.accessKeyId = accessKeyId;
            return this;
        }

        public Builder secretKey(String secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        public Builder rate(double rate) {
            this.rate = rate;
            return this;
        }

        public Builder orders(long orders) {
            this.orders = orders;
            return this;
        }

        public Builder storeDir(Path storeDir) {
            this.storeDir = storeDir;
            return this;
        }

        public Builder heartbeatInterval(int heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder scenario(Scenario scenario) {
            this.scenario = scenario;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder burstSize(int burstSize) {
            this.burstSize = burstSize;
            return this;
        }

        public Builder burstEvery(double burstEvery) {
            this.burstEvery = burstEvery;
            return this;
        }

        public Builder resendWindow(Duration resendWindow) {
            this.resendWindow = resendWindow;
            return this;
        }

        public Builder testRequestDelayMultiplier(double testRequestDelayMultiplier) {
            this.testRequestDelayMultiplier = testRequestDelayMultiplier;
            return this;
        }

        public Builder heartbeatTimeoutMultiplier(double heartbeatTimeoutMultiplier) {
            this.heartbeatTimeoutMultiplier = heartbeatTimeoutMultiplier;
            return this;
        }

        public Builder possResendEvery(int possResendEvery) {
            this.possResendEvery = possResendEvery;
            return this;
        }

        public Builder dropEvery(int dropEvery) {
            this.dropEvery = dropEvery;
            return this;
        }

        public Builder disconnectEvery(double disconnectEvery) {
            this.disconnectEvery = disconnectEvery;
            return this;
        }

        public Builder throttle(double throttle) {
            this.throttle = throttle;
            return this;
        }

        public Builder record(Path record) {
            this.record = record;
            return this;
        }

        public Builder replay(Path replay) {
            this.replay = replay;
            return this;
        }

        public Builder replaySpeed(double replaySpeed) {
            this.replaySpeed = replaySpeed;
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(this);
        }
    }
}
