package io.dropcopy.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one simulated CME drop copy target session. Immutable; build with {@link #builder()} or
 * {@link #fromMap(Map)} (the OSGi configuration and the command line share that parser,
 * {@code SimulatorConfigParser}); {@link #validate()} checks every value ({@code SimulatorConfigCheck}). The keys of
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
    public static final String PAYLOADS = "payloads";
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
    public static final Payloads DEFAULT_PAYLOADS = Payloads.AUTO;
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
    }

    /**
     * The shape of the realistic scenario's inner messages: as copied from iLink 2 or from iLink 3 source sessions
     * (docs/cme-payloads.md). CME: a CGW target session's payloads conform to iLink 2; on MSGW, iLink 3 sources give
     * iLink 3-shaped payloads.
     */
    public enum Payloads {
        /** iLink 3-shaped on an MSGW target session (market segments configured), iLink 2-shaped on CGW. */
        AUTO,
        ILINK2,
        ILINK3;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
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
    private final Payloads payloads;
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

    SimulatorConfig(SimulatorConfigBuilder b) {
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
        this.payloads = b.payloads;
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

    public static SimulatorConfigBuilder builder() {
        return new SimulatorConfigBuilder();
    }

    /** A builder holding this configuration's values. */
    public SimulatorConfigBuilder toBuilder() {
        return new SimulatorConfigBuilder().host(host).port(port).senderCompId(senderCompId).senderSubId(senderSubId)
                .targetCompId(targetCompId).accessKeyId(accessKeyId).secretKey(secretKey).rate(rate)
                .orders(orders).storeDir(storeDir).heartbeatInterval(heartbeatInterval).name(name).scenario(scenario)
                .seed(seed).payloads(payloads).burstSize(burstSize).burstEvery(burstEvery).resendWindow(resendWindow)
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
        return SimulatorConfigParser.fromMap(map);
    }

    /**
     * Checks every value.
     *
     * @return this
     * @throws ConfigException naming the key of the first bad value
     */
    public SimulatorConfig validate() {
        SimulatorConfigCheck.check(this);
        return this;
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

    /** The payload shape as configured ({@link Payloads#AUTO}: by gateway). */
    public Payloads payloads() {
        return payloads;
    }

    /** True when the realistic scenario sends iLink 3-shaped payloads: configured so, or AUTO on MSGW. */
    public boolean ilink3Payloads() {
        return payloads == Payloads.ILINK3 || (payloads == Payloads.AUTO && !segments.isEmpty());
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
        SimulatorConfigBuilder b = toBuilder().name(displayName() + "/" + seg.id()).port(p).backupPort(bp)
                .senderSubId(seg.id()).storeDir(storeDir.resolve("segment-" + seg.id())).segmentId(seg.id());
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
                && payloads == c.payloads
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
                heartbeatInterval, name, scenario, seed, payloads, burstSize, burstEvery, resendWindow, testRequestDelayMultiplier,
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
                + ", scenario=" + scenario.label() + (scenario == Scenario.REALISTIC ? ", seed=" + seed + ", payloads=" + payloads.label() : "")
                + (burstSize > 0 ? ", burstSize=" + burstSize + ", burstEvery=" + burstEvery : "")
                + ", resendWindow=" + SimulatorConfigParser.durationText(resendWindow)
                + ", testRequestDelayMultiplier=" + testRequestDelayMultiplier
                + ", heartbeatTimeoutMultiplier=" + heartbeatTimeoutMultiplier
                + (possResendEvery > 0 ? ", possResendEvery=" + possResendEvery : "")
                + (dropEvery > 0 ? ", dropEvery=" + dropEvery : "")
                + (disconnectEvery > 0 ? ", disconnectEvery=" + disconnectEvery : "")
                + (throttle > 0 ? ", throttle=" + throttle : "")
                + (record != null ? ", record=" + record : "")
                + (replay != null ? ", replay=" + replay + ", replaySpeed=" + SimulatorConfigParser.speedText(replaySpeed) : "")
                + (backupPort > 0 ? ", backup=" + backupHost() + ":" + backupPort + ", failoverJump=" + failoverJump : "")
                + (segments.isEmpty() ? "" : ", segments=" + Segment.text(segments))
                + (segmentId != null ? ", segment=" + segmentId : "")
                + (logonTimeout.equals(DEFAULT_LOGON_TIMEOUT) ? ""
                        : ", logonTimeout=" + SimulatorConfigParser.durationText(logonTimeout)) + "}";
    }
}
